import Foundation

/// The bytes of an export being built: CSV fields, JSON values, timestamps and coordinates,
/// formatted by hand into one reused buffer, because Foundation's formatters cost more than the
/// rest of a row.
struct OpenDataText {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int) { bytes.reserveCapacity(capacity) }

    var count: Int { bytes.count }

    /// Hands the bytes over and starts an empty buffer of the same capacity.
    mutating func take() -> [UInt8] {
        let capacity = bytes.capacity
        let taken = bytes
        bytes = []
        bytes.reserveCapacity(capacity)
        return taken
    }

    mutating func append(_ ascii: StaticString) {
        bytes.append(contentsOf: UnsafeBufferPointer(start: ascii.utf8Start, count: ascii.utf8CodeUnitCount))
    }

    mutating func append(byte: UInt8) { bytes.append(byte) }

    // MARK: CSV

    /// An RFC 4180 field: quoted, with its quotes doubled, when it holds a comma, a quote, CR or LF.
    mutating func appendCSVField(_ text: String) {
        var text = text
        text.withUTF8 { utf8 in
            let needsQuotes = utf8.contains { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }
            guard needsQuotes else {
                bytes.append(contentsOf: utf8)
                return
            }
            bytes.append(0x22)
            for byte in utf8 {
                if byte == 0x22 { bytes.append(0x22) }
                bytes.append(byte)
            }
            bytes.append(0x22)
        }
    }

    // MARK: JSON

    /// A JSON string, escaping quotes, backslashes and control characters.
    mutating func appendJSONString(_ text: String) {
        var text = text
        bytes.append(0x22)
        text.withUTF8 { utf8 in
            var start = 0
            for index in utf8.indices {
                let byte = utf8[index]
                guard byte < 0x20 || byte == 0x22 || byte == 0x5C else { continue }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<index]))
                switch byte {
                case 0x22: append("\\\"")
                case 0x5C: append("\\\\")
                case 0x0A: append("\\n")
                case 0x0D: append("\\r")
                case 0x09: append("\\t")
                default:
                    append("\\u00")
                    bytes.append(Self.hexDigit(byte >> 4))
                    bytes.append(Self.hexDigit(byte & 0xF))
                }
                start = index + 1
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start...]))
        }
        bytes.append(0x22)
    }

    private static func hexDigit(_ value: UInt8) -> UInt8 { value < 10 ? 0x30 + value : 0x61 + value - 10 }

    // MARK: Numbers and times

    /// A non-negative integer in decimal, at least `width` digits (zero-padded).
    mutating func appendDecimal(_ value: Int64, width: Int = 1) {
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)
        var count = 0
        var rest = value
        withUnsafeMutableBytes(of: &digits) { buffer in
            repeat {
                buffer[count] = UInt8(truncatingIfNeeded: 0x30 + rest % 10)
                rest /= 10
                count += 1
            } while rest > 0
            while count < width {
                buffer[count] = 0x30
                count += 1
            }
            for index in stride(from: count - 1, through: 0, by: -1) { bytes.append(buffer[index]) }
        }
    }

    /// `2026-01-05T08:00:00.000Z`: ISO 8601 in UTC with milliseconds, the precision timestamps are
    /// kept at. Built from the day count with the civil-from-days algorithm (proleptic Gregorian).
    mutating func appendTimestamp(_ date: Date) {
        let milliseconds = Int64((date.timeIntervalSince1970 * 1000).rounded())
        let millisecondsPerDay: Int64 = 86_400_000
        var days = milliseconds / millisecondsPerDay
        var withinDay = milliseconds % millisecondsPerDay
        if withinDay < 0 {
            withinDay += millisecondsPerDay
            days -= 1
        }
        // Howard Hinnant's civil_from_days.
        let shifted = days + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        appendDecimal(max(0, year), width: 4)
        bytes.append(0x2D)
        appendDecimal(month, width: 2)
        bytes.append(0x2D)
        appendDecimal(day, width: 2)
        bytes.append(0x54)
        appendDecimal(withinDay / 3_600_000, width: 2)
        bytes.append(0x3A)
        appendDecimal(withinDay / 60_000 % 60, width: 2)
        bytes.append(0x3A)
        appendDecimal(withinDay / 1_000 % 60, width: 2)
        bytes.append(0x2E)
        appendDecimal(withinDay % 1_000, width: 3)
        bytes.append(0x5A)
    }

    /// `value` rounded to `decimals` places (0–9), written in full: `-77.15000`.
    mutating func appendFixed(_ value: Double, decimals: Int) {
        let scale = Self.powersOfTen[decimals]
        let scaled = Int64((value * Double(scale)).rounded())
        if scaled < 0 { bytes.append(0x2D) }
        let magnitude = scaled.magnitude
        appendDecimal(Int64(magnitude / UInt64(scale)))
        guard decimals > 0 else { return }
        bytes.append(0x2E)
        appendDecimal(Int64(magnitude % UInt64(scale)), width: decimals)
    }

    private static let powersOfTen: [Int64] = (0...9).map { power in (0..<power).reduce(1) { result, _ in result * 10 }
    }
}
