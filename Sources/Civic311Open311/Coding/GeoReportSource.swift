import Foundation

/// A position in a document being read, JSON or XML.
///
/// Each type's reader is written once against this protocol, so the two formats cannot disagree
/// about what a field means; the tolerance for real servers' habits (numbers for strings, strings
/// for numbers, one object for a list, empty elements for absent ones) lives in the two
/// implementations.
protocol GeoReportSource {
    /// Calls `body` with each field of the object (JSON) or the children of the element (XML) at
    /// this position; `body` must read the field's value with one of the other methods. `null`
    /// reads as an object with no fields.
    mutating func readObject(_ body: (inout Self, GeoReportFieldName) throws -> Void) throws
    /// Calls `body` for each item of the list at this position: the elements of a JSON array (a
    /// single object counts as a list of one, `null` as an empty list) or the children of an XML
    /// element.
    mutating func readList(_ body: (inout Self) throws -> Void) throws
    /// Text, a number's or a Boolean's literal, or `nil` for `null`, an empty string or an empty
    /// element.
    mutating func readText() throws -> String?
    /// A number, or numeric text; `nil` for `null` or empty.
    mutating func readNumber() throws -> Double?
    /// `true`/`false` in any case, as a Boolean or text (also `1`/`0`); `nil` for `null` or empty.
    mutating func readBool() throws -> Bool?
    /// A date in any form ``GeoReportDateTime`` reads; `nil` for `null` or empty.
    mutating func readDate() throws -> Date?
    /// Whatever is here, kept as a value.
    mutating func readValue() throws -> GeoReportValue
    /// Whether a single value (text, a number, a Boolean) is here rather than an object or a list.
    mutating func holdsScalar() throws -> Bool
    /// Whether a JSON array is here (XML has no arrays apart from their elements).
    mutating func holdsList() throws -> Bool
}

extension GeoReportSource {
    /// Text with surrounding white space removed: for codes, identifiers and enumerations.
    mutating func readToken() throws -> String? {
        guard let text = try readText() else { return nil }
        let trimmed = text.trimmedWhitespace
        return trimmed.isEmpty ? nil : trimmed
    }

    /// A token that must be there (the caller's field name is added to the error's path).
    mutating func readRequiredToken() throws -> String {
        guard let token = try readToken() else {
            throw GeoReportDecodingError(.missingField, path: "", reason: "must not be empty")
        }
        return token
    }

    /// An integer, written as a number or as text.
    mutating func readInteger() throws -> Int? {
        guard let number = try readNumber() else { return nil }
        guard number.rounded() == number, let value = Int(exactly: number) else {
            throw GeoReportDecodingError(.invalidValue, path: "", reason: "\(number) is not a whole number")
        }
        return value
    }

    /// Reads every field of an object, keeping those `body` does not claim in `extras`.
    mutating func readFields(
        extras: inout [GeoReportField],
        _ body: (inout Self, GeoReportKey) throws -> Bool
    ) throws {
        try readObject { source, name in
            switch name {
            case .known(let key):
                if try !body(&source, key) {
                    extras.append(GeoReportField(name: key.spelling, value: try source.readValue()))
                }
            case .other(let other):
                extras.append(GeoReportField(name: other, value: try source.readValue()))
            }
        }
    }
}

extension String {
    /// The text without leading and trailing spaces, tabs and line breaks (no Foundation needed
    /// on the hot path).
    var trimmedWhitespace: String {
        let utf8 = self.utf8
        guard let first = utf8.first, let last = utf8.last,
            Self.isSpace(first) || Self.isSpace(last)
        else { return self }
        var start = utf8.startIndex
        var end = utf8.endIndex
        while start < end, Self.isSpace(utf8[start]) { start = utf8.index(after: start) }
        while end > start, Self.isSpace(utf8[utf8.index(before: end)]) { end = utf8.index(before: end) }
        return String(self[start..<end])
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }
}
