import Civic311
import Foundation

/// Where the open-data tests find their files, and a CSV parser of their own to count rows with:
/// written differently from `CSVReader` (characters, not bytes; whole text, not chunks), so the
/// two agreeing means something.
enum ImportFixtures {
    /// The committed samples next to this file.
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    static func url(_ name: String) -> URL { folder.appendingPathComponent(name) }

    static func bytes(_ name: String) throws -> [UInt8] { Array(try Data(contentsOf: url(name))) }

    /// `../shared/data` next to the repository root, when it is there.
    static let sharedData: URL? = {
        let root = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let data = root.deletingLastPathComponent().appendingPathComponent("shared/data")
        return FileManager.default.fileExists(atPath: data.path) ? data : nil
    }()

    /// Records of `text` as (line it starts on, fields): RFC 4180, empty lines skipped.
    static func parse(_ text: String) -> [(line: Int, fields: [String])] {
        var records: [(line: Int, fields: [String])] = []
        var fields: [String] = []
        var field = ""
        var inQuotes = false
        var afterQuote = false
        var line = 1
        var start = 1
        var sawAnything = false
        var characters = Array(text.unicodeScalars)
        if characters.first == "\u{FEFF}" { characters.removeFirst() }
        var index = 0
        func endRecord() {
            fields.append(field)
            if sawAnything || fields.count > 1 || !field.isEmpty { records.append((start, fields)) }
            fields = []
            field = ""
            sawAnything = false
        }
        while index < characters.count {
            let character = characters[index]
            index += 1
            if inQuotes {
                if character == "\"" {
                    if index < characters.count, characters[index] == "\"" {
                        field.unicodeScalars.append("\"")
                        index += 1
                    } else {
                        inQuotes = false
                        afterQuote = true
                    }
                } else {
                    if character == "\n" { line += 1 }
                    field.unicodeScalars.append(character)
                }
                continue
            }
            switch character {
            case "\"" where field.isEmpty && !afterQuote:
                inQuotes = true
                sawAnything = true
            case ",":
                fields.append(field)
                field = ""
                afterQuote = false
            case "\r", "\n":
                if character == "\r", index < characters.count, characters[index] == "\n" { index += 1 }
                endRecord()
                afterQuote = false
                line += 1
                start = line
            default:
                field.unicodeScalars.append(character)
            }
        }
        if !field.isEmpty || !fields.isEmpty || sawAnything { endRecord() }
        return records
    }

    /// The rows of a file as dictionaries by header name (the first of a repeated name).
    static func rows(_ text: String) -> [(line: Int, values: [String: String])] {
        var records = parse(text)
        guard !records.isEmpty else { return [] }
        let header = records.removeFirst().fields
        return records.map { record in
            var values: [String: String] = [:]
            for (name, value) in zip(header, record.fields) where values[name] == nil {
                values[name] = value.trimmingCharacters(in: .whitespaces)
            }
            return (record.line, values)
        }
    }
}
