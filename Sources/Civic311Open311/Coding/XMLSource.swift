import Foundation

/// Reads GeoReport XML from a parsed element.
///
/// An element holding text is a value; its children are an object's fields or a list's items.
/// Empty elements (`<updated_datetime/>`, `<values />`) read as absent.
struct XMLSource: GeoReportSource {
    let node: XMLElementNode

    init(_ node: XMLElementNode) { self.node = node }

    mutating func readObject(_ body: (inout XMLSource, GeoReportFieldName) throws -> Void) throws {
        for child in node.children {
            var source = XMLSource(child)
            let name: GeoReportFieldName = GeoReportKey.matching(child.name).map { .known($0) } ?? .other(child.name)
            do {
                try body(&source, name)
            } catch let error as GeoReportDecodingError {
                throw error.within(child.name)
            }
        }
    }

    mutating func readList(_ body: (inout XMLSource) throws -> Void) throws {
        for (position, child) in node.children.enumerated() {
            var source = XMLSource(child)
            do {
                try body(&source)
            } catch let error as GeoReportDecodingError {
                throw error.within("[\(position)]")
            }
        }
    }

    /// Reads a whole document that lists `item`s: the root's children, or the root itself when
    /// it is a lone item.
    mutating func readDocumentList(item: GeoReportKey, _ body: (inout XMLSource) throws -> Void) throws {
        if GeoReportKey.matching(node.name) == item {
            try body(&self)
        } else {
            try readList(body)
        }
    }

    mutating func readText() throws -> String? {
        guard node.children.isEmpty else {
            throw GeoReportDecodingError(
                .unexpectedShape,
                path: "",
                reason: "expected text, found elements (\(node.children[0].name)…)"
            )
        }
        return node.text.isEmpty ? nil : node.text
    }

    mutating func readNumber() throws -> Double? {
        guard let text = try readToken() else { return nil }
        guard let value = Double(text), value.isFinite else {
            throw GeoReportDecodingError(.invalidValue, path: "", reason: "'\(text)' is not a number")
        }
        return value
    }

    mutating func readBool() throws -> Bool? {
        guard let text = try readToken() else { return nil }
        return try GeoReportBoolean.parse(text)
    }

    mutating func readDate() throws -> Date? {
        guard let text = try readToken() else { return nil }
        guard let date = GeoReportDateTime.parse(text) else {
            throw GeoReportDecodingError(.invalidValue, path: "", reason: "'\(text)' is not a date")
        }
        return date
    }

    mutating func readValue() throws -> GeoReportValue { Self.value(of: node) }

    mutating func holdsList() throws -> Bool { false }

    mutating func holdsScalar() throws -> Bool { node.children.isEmpty }

    /// The Spark reading of an element: text, `null` when empty, an array when every child has
    /// the same name (and there are several, or the element is named as their plural), an object
    /// otherwise.
    static func value(of node: XMLElementNode) -> GeoReportValue {
        guard let first = node.children.first else {
            return node.text.isEmpty ? .null : .string(node.text)
        }
        let sameName = node.children.allSatisfy { $0.name == first.name }
        if sameName && (node.children.count > 1 || node.name == first.name + "s") {
            return .array(node.children.map { value(of: $0) })
        }
        return .object(node.children.map { GeoReportField(name: $0.name, value: value(of: $0)) })
    }
}
