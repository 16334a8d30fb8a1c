import Foundation

/// Dates as GeoReport writes them: W3C-DTF (`1994-11-05T08:15:30-05:00`) when it follows the
/// specification, and a handful of other forms real servers send.
///
/// Reading accepts `T` or a space between date and time, one-digit months, days and hours
/// (`2011-09-1 17:35`), missing seconds, any number of fractional digits, and `Z`, `±hh`,
/// `±hhmm` or `±hh:mm` offsets (`2012-09-18T15:37-05`); a date without an offset is read as UTC,
/// and a date alone as its midnight in UTC. Writing is strict: UTC with `Z`, and milliseconds only
/// when there are any, so an instant Civic311 keeps (whole milliseconds) reads back equal.
enum GeoReportDateTime {
    /// Reads `text`, or returns `nil` when it is no date in any accepted form.
    static func parse(_ text: String) -> Date? {
        var text = text
        return text.withUTF8 { parse($0) }
    }

    static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> Date? {
        var scanner = Scanner(bytes: bytes)
        return scanner.date()
    }

    /// Writes `date` as `yyyy-MM-ddTHH:mm:ss[.SSS]Z`.
    static func format(_ date: Date) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(24)
        append(date, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends `date` as `yyyy-MM-ddTHH:mm:ss[.SSS]Z` to `output`.
    static func append(_ date: Date, to output: inout [UInt8]) {
        let seconds = date.timeIntervalSince1970
        guard seconds.isFinite, abs(seconds) < 253_402_300_800 else {
            // Beyond year 9999 or not a number: no store holds such a date; write the epoch's
            // neighbour rather than trap.
            output.append(contentsOf: Array("1970-01-01T00:00:00Z".utf8))
            return
        }
        // Nearest millisecond: Civic311 instants are whole milliseconds, and their binary form
        // may sit a hair below the exact value.
        let milliseconds = Int64((seconds * 1000).rounded())
        let (days, millisecondOfDay) = floorDivide(milliseconds, 86_400_000)
        let (year, month, day) = civil(fromDays: days)
        let secondOfDay = Int(millisecondOfDay / 1000)
        let millisecond = Int(millisecondOfDay % 1000)
        if year < 0 {
            output.append(UInt8(ascii: "-"))
        }
        appendDigits(abs(year), count: 4, to: &output)
        output.append(UInt8(ascii: "-"))
        appendDigits(month, count: 2, to: &output)
        output.append(UInt8(ascii: "-"))
        appendDigits(day, count: 2, to: &output)
        output.append(UInt8(ascii: "T"))
        appendDigits(secondOfDay / 3600, count: 2, to: &output)
        output.append(UInt8(ascii: ":"))
        appendDigits(secondOfDay / 60 % 60, count: 2, to: &output)
        output.append(UInt8(ascii: ":"))
        appendDigits(secondOfDay % 60, count: 2, to: &output)
        if millisecond != 0 {
            output.append(UInt8(ascii: "."))
            appendDigits(millisecond, count: 3, to: &output)
        }
        output.append(UInt8(ascii: "Z"))
    }

    private static func appendDigits(_ value: Int, count: Int, to output: inout [UInt8]) {
        var divisor = 1
        for _ in 1..<count { divisor *= 10 }
        var value = value
        if value >= divisor * 10 {
            // More digits than the field holds (a year past 9999): write them all.
            output.append(contentsOf: Array(String(value).utf8))
            return
        }
        while divisor > 0 {
            output.append(UInt8(ascii: "0") &+ UInt8(value / divisor))
            value %= divisor
            divisor /= 10
        }
    }

    private static func floorDivide(_ value: Int64, _ divisor: Int64) -> (Int64, Int64) {
        var quotient = value / divisor
        var remainder = value % divisor
        if remainder < 0 {
            quotient -= 1
            remainder += divisor
        }
        return (quotient, remainder)
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
    static func days(year: Int, month: Int, day: Int) -> Int64 {
        let y = Int64(month <= 2 ? year - 1 : year)
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let m = Int64(month)
        let dayOfYear = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + Int64(day) - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The Gregorian date of a day count since 1970-01-01.
    static func civil(fromDays days: Int64) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return (Int(year), Int(month), Int(day))
    }

    static func daysInMonth(_ month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// A cursor over the bytes of one date.
    private struct Scanner {
        let bytes: UnsafeBufferPointer<UInt8>
        var index = 0
        var end: Int

        init(bytes: UnsafeBufferPointer<UInt8>) {
            self.bytes = bytes
            end = bytes.count
            while index < end, Self.isSpace(bytes[index]) { index += 1 }
            while end > index, Self.isSpace(bytes[end - 1]) { end -= 1 }
        }

        static func isSpace(_ byte: UInt8) -> Bool {
            byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
        }

        var atEnd: Bool { index >= end }
        var current: UInt8? { index < end ? bytes[index] : nil }

        mutating func take(_ byte: UInt8) -> Bool {
            guard current == byte else { return false }
            index += 1
            return true
        }

        /// Between `minimum` and `maximum` decimal digits.
        mutating func number(minimum: Int, maximum: Int) -> Int? {
            var value = 0
            var count = 0
            while count < maximum, let byte = current, byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") {
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
                count += 1
                index += 1
            }
            return count >= minimum ? value : nil
        }

        mutating func date() -> Date? {
            guard let year = number(minimum: 4, maximum: 4), take(UInt8(ascii: "-")),
                let month = number(minimum: 1, maximum: 2), (1...12).contains(month), take(UInt8(ascii: "-")),
                let day = number(minimum: 1, maximum: 2), (1...daysInMonth(month, year: year)).contains(day)
            else { return nil }
            let dayNumber = days(year: year, month: month, day: day)
            if atEnd { return Date(timeIntervalSince1970: Double(dayNumber) * 86_400) }
            guard take(UInt8(ascii: "T")) || take(UInt8(ascii: "t")) || take(UInt8(ascii: " ")) else { return nil }
            guard let hour = number(minimum: 1, maximum: 2), hour <= 24, take(UInt8(ascii: ":")),
                let minute = number(minimum: 2, maximum: 2), minute <= 59
            else { return nil }
            var second = 0
            var milliseconds: Int64 = 0
            var subMillisecond = 0.0
            if take(UInt8(ascii: ":")) {
                guard let value = number(minimum: 2, maximum: 2), value <= 60 else { return nil }
                // A leap second is read as the last second of its minute.
                second = min(value, 59)
                if take(UInt8(ascii: ".")) || take(UInt8(ascii: ",")) {
                    var digits = 0
                    var scale = 0.0001
                    while let byte = current, byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") {
                        let digit = Int(byte - UInt8(ascii: "0"))
                        if digits < 3 {
                            milliseconds = milliseconds * 10 + Int64(digit)
                        } else {
                            subMillisecond += Double(digit) * scale * 1000
                            scale /= 10
                        }
                        digits += 1
                        index += 1
                    }
                    guard digits > 0 else { return nil }
                    if digits < 3 {
                        for _ in digits..<3 { milliseconds *= 10 }
                    }
                }
            }
            if hour == 24 && (minute != 0 || second != 0 || milliseconds != 0) { return nil }
            guard let offsetSeconds = offset() else { return nil }
            let wholeSeconds =
                dayNumber * 86_400 + Int64(hour * 3600 + minute * 60 + second) - Int64(offsetSeconds)
            let total = wholeSeconds * 1000 + milliseconds
            // Whole milliseconds divide exactly as Civic311 truncates its instants, so equal
            // instants compare equal after a round trip.
            return Date(timeIntervalSince1970: Double(total) / 1000 + subMillisecond / 1000)
        }

        /// The offset east of UTC in seconds: none (UTC), `Z`, `±hh`, `±hhmm` or `±hh:mm`, and
        /// nothing after it.
        mutating func offset() -> Int? {
            if atEnd { return 0 }
            if take(UInt8(ascii: "Z")) || take(UInt8(ascii: "z")) { return atEnd ? 0 : nil }
            let sign: Int
            if take(UInt8(ascii: "+")) {
                sign = 1
            } else if take(UInt8(ascii: "-")) {
                sign = -1
            } else {
                return nil
            }
            guard let hours = number(minimum: 2, maximum: 2), hours <= 14 else { return nil }
            var minutes = 0
            if !atEnd {
                _ = take(UInt8(ascii: ":"))
                guard let value = number(minimum: 2, maximum: 2), value <= 59 else { return nil }
                minutes = value
            }
            return atEnd ? sign * (hours * 3600 + minutes * 60) : nil
        }
    }
}
