@_spi(Benchmarks) import Civic311
import Civic311SampleCounty
import Foundation

/// What the open-data tests share: a center on the sample county, requests of every kind of
/// location, and readers for what an export writes (an RFC 4180 CSV parser and JSON).
enum OpenDataFixtures {
    static let start = FoundationFixtures.start
    /// The day after ``start``: a period that holds everything the fixtures submit.
    static let period = start.addingTimeInterval(-3_600)..<start.addingTimeInterval(86_400)
    static let supervisor = Participant.supervisor("chief")
    static let west = try! Coordinate(latitude: 39.081_234_9, longitude: -77.200_456_7)

    /// A valid draft of `serviceType`: every question answered with an allowed value (free-text
    /// answers with `text`).
    static func draft(
        _ serviceType: ServiceType,
        description: String,
        address: String?,
        coordinate: Coordinate? = west,
        text: String = "see description",
        submitter: Submitter?,
        index: Int = 0
    ) -> ServiceRequestDraft {
        var answers: [QuestionCode: AnswerValue] = [:]
        for question in serviceType.questions {
            answers[question.id] =
                switch question.kind {
                case .text: .text(text)
                case .number: .number(Double(index % 5 + 1))
                case .dateTime: .dateTime(start)
                case .yesNo: .yesNo(index % 2 == 0)
                case .singleChoice: .choice(question.choices[index % question.choices.count].value)
                case .multipleChoice: .choices([question.choices[index % question.choices.count].value])
                }
        }
        let location: Location? =
            address == nil && coordinate == nil ? nil : Location(address: address, coordinate: coordinate)
        return ServiceRequestDraft(
            serviceType: serviceType.id,
            description: description,
            location: location,
            answers: answers,
            submitter: submitter,
            channel: index % 3 == 0 ? .web : .phone,
            agent: index % 3 == 0 ? nil : "maria"
        )
    }

    /// The records of a CSV text, by RFC 4180: quoted fields may hold commas, doubled quotes and
    /// line breaks; records end in CRLF.
    static func csvRecords(_ text: String) throws -> [[String]] {
        var records: [[String]] = []
        var record: [String] = []
        var field: [UInt8] = []
        var quoted = false
        var fieldStarted = false
        let bytes = Array(text.utf8)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if quoted {
                if byte == 0x22 {
                    if index + 1 < bytes.count, bytes[index + 1] == 0x22 {
                        field.append(0x22)
                        index += 1
                    } else {
                        quoted = false
                    }
                } else {
                    field.append(byte)
                }
            } else if byte == 0x22 {
                guard field.isEmpty, !fieldStarted else { throw CSVError(reason: "quote inside a field at \(index)") }
                quoted = true
                fieldStarted = true
            } else if byte == 0x2C {
                record.append(String(decoding: field, as: UTF8.self))
                field = []
                fieldStarted = false
            } else if byte == 0x0D {
                guard index + 1 < bytes.count, bytes[index + 1] == 0x0A else {
                    throw CSVError(reason: "CR without LF at \(index)")
                }
                record.append(String(decoding: field, as: UTF8.self))
                records.append(record)
                record = []
                field = []
                fieldStarted = false
                index += 1
            } else if byte == 0x0A {
                throw CSVError(reason: "bare LF outside quotes at \(index)")
            } else {
                field.append(byte)
            }
            index += 1
        }
        guard !quoted, field.isEmpty, record.isEmpty else { throw CSVError(reason: "the last record is not ended") }
        return records
    }

    struct CSVError: Error { let reason: String }

    /// The CSV as dictionaries keyed by the header.
    static func csvRows(_ text: String) throws -> [[String: String]] {
        let records = try csvRecords(text)
        guard let header = records.first else { return [] }
        return try records.dropFirst().map { record in
            guard record.count == header.count else {
                throw CSVError(reason: "\(record.count) fields, not \(header.count)")
            }
            return Dictionary(uniqueKeysWithValues: zip(header, record))
        }
    }

    /// The JSON Lines as objects.
    static func jsonLines(_ text: String) throws -> [[String: Any]] {
        try text.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map { line in
            try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
        }
    }
}
