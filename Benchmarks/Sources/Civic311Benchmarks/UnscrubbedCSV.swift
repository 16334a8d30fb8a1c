import Civic311
import Foundation

/// The export benchmark's baseline: the same store pages and the same columns written to CSV by
/// hand, with no public view, no scrubbing and no generalisation (no district map either).
/// Timestamps and coordinates are formatted by hand as the export formats them, the descriptor
/// and the on-time flag computed as it computes them, so the comparison is not one of formatters.
enum UnscrubbedCSV {
    static func write(
        store: InMemoryRequestStore,
        county: Jurisdiction,
        period: Range<Date>,
        to sink: ExportBenchmark.CountingSink
    ) async throws {
        let query = RequestQuery(createdFrom: period.lowerBound, createdBefore: period.upperBound)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(1 << 17)
        var cursor: PageCursor?
        repeat {
            let page = try await store.requests(matching: query, page: try PageRequest(limit: 1_000, after: cursor))
            for request in page.items {
                field(request.ticket.description, &bytes)
                time(request.createdAt, &bytes)
                if let closed = request.closedAt { time(closed, &bytes) } else { bytes.append(0x2C) }
                field(request.department.rawValue, &bytes)
                field(county.department(request.department)?.name ?? "", &bytes)
                field(request.serviceType.rawValue, &bytes)
                field(county.serviceType(request.serviceType)?.name ?? "", &bytes)
                var labels: [String] = []
                let type = county.serviceType(request.serviceType)
                for answer in request.answers {
                    guard case .choice(let value) = answer.value, let question = type?.question(answer.question)
                    else { continue }
                    labels.append(question.choices.first { $0.value == value }?.label ?? value)
                }
                field(labels.joined(separator: "; "), &bytes)
                field(request.description, &bytes)
                field(request.state.publicLabel, &bytes)
                let note = request.notes.last { $0.visibility == .public }
                field(note?.text ?? "", &bytes)
                if let note { time(note.writtenAt, &bytes) } else { bytes.append(0x2C) }
                field(request.location?.address ?? "", &bytes)
                if let coordinate = request.location?.coordinate {
                    fixed(coordinate.latitude, &bytes)
                    fixed(coordinate.longitude, &bytes)
                } else {
                    bytes.append(0x2C)
                    bytes.append(0x2C)
                }
                field(request.channel.rawValue, &bytes)
                time(request.dueAt, &bytes)
                let finished = request.resolvedAt ?? (request.closure?.reason == .completed ? request.closedAt : nil)
                if let engine = county.serviceLevels, finished != nil || request.state.isOpen {
                    let due = engine.reading(for: request, at: period.upperBound).effectiveDueAt
                    if let finished {
                        field(finished <= due ? "true" : "false", &bytes)
                    } else if due < period.upperBound {
                        field("false", &bytes)
                    }
                }
                bytes.append(0x0D)
                bytes.append(0x0A)
                if bytes.count >= 1 << 16 {
                    try await sink.write(bytes)
                    bytes.removeAll(keepingCapacity: true)
                }
            }
            cursor = page.next
        } while cursor != nil
        try await sink.write(bytes)
    }

    private static func field(_ text: String, _ bytes: inout [UInt8]) {
        var text = text
        text.withUTF8 { utf8 in
            if utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) {
                bytes.append(0x22)
                for byte in utf8 {
                    if byte == 0x22 { bytes.append(0x22) }
                    bytes.append(byte)
                }
                bytes.append(0x22)
            } else {
                bytes.append(contentsOf: utf8)
            }
        }
        bytes.append(0x2C)
    }

    /// Five decimal places, as the export writes an exact coordinate.
    private static func fixed(_ value: Double, _ bytes: inout [UInt8]) {
        let scaled = Int64((value * 100_000).rounded())
        if scaled < 0 { bytes.append(0x2D) }
        let magnitude = scaled.magnitude
        let whole = magnitude / 100_000
        var place: UInt64 = 1
        while place * 10 <= whole { place *= 10 }
        while place > 0 {
            bytes.append(UInt8(0x30 + whole / place % 10))
            place /= 10
        }
        bytes.append(0x2E)
        var divisor: UInt64 = 10_000
        while divisor > 0 {
            bytes.append(UInt8(0x30 + magnitude / divisor % 10))
            divisor /= 10
        }
        bytes.append(0x2C)
    }

    /// `YYYY-MM-DDTHH:MM:SS.mmmZ` from the day count (civil-from-days).
    private static func time(_ date: Date, _ bytes: inout [UInt8]) {
        let milliseconds = Int64((date.timeIntervalSince1970 * 1000).rounded())
        let days = milliseconds / 86_400_000
        let within = milliseconds % 86_400_000
        let shifted = days + 719_468
        let era = shifted / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        func digits(_ value: Int64, _ width: Int) {
            var divisor: Int64 = 1
            for _ in 1..<width { divisor *= 10 }
            while divisor > 0 {
                bytes.append(UInt8(0x30 + value / divisor % 10))
                divisor /= 10
            }
        }
        digits(year, 4)
        bytes.append(0x2D)
        digits(month, 2)
        bytes.append(0x2D)
        digits(day, 2)
        bytes.append(0x54)
        digits(within / 3_600_000, 2)
        bytes.append(0x3A)
        digits(within / 60_000 % 60, 2)
        bytes.append(0x3A)
        digits(within / 1_000 % 60, 2)
        bytes.append(0x2E)
        digits(within % 1_000, 3)
        bytes.append(0x5A)
        bytes.append(0x2C)
    }
}
