import Foundation

/// A parsed JSON value, kept untyped so that configuration loaders can walk a whole document and
/// report every problem with its path rather than stopping at the first decoding failure.
///
/// Public only to the fuzzing harness (`@_spi(Fuzzing)`), which reformats documents with the same
/// reading the loaders use.
@_spi(Fuzzing)
public enum JSONValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    /// The deepest nesting of arrays and objects a configuration document may have.
    ///
    /// The deepest real document, a GeoJSON MultiPolygon inside a FeatureCollection, nests 7
    /// levels; the limit leaves ample room while keeping the reader's recursion shallow.
    public static var maximumNestingDepth: Int { 64 }

    /// A short name for the value's JSON type, used in error messages.
    package var typeName: String {
        switch self {
        case .null: "null"
        case .bool: "a boolean"
        case .number: "a number"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }
}

extension JSONValue {
    /// Parses a JSON document (RFC 8259, UTF-8) in one pass.
    ///
    /// - Throws: ``ConfigurationError`` with code `malformedDocument` for a syntax error, invalid
    ///   UTF-8, a number outside `Double`'s range, a key repeated in one object, or nesting deeper
    ///   than ``maximumNestingDepth``.
    public static func parse(_ data: Data) throws(ConfigurationError) -> JSONValue {
        var steps = 0
        return try parse(data, steps: &steps)
    }

    /// ``parse(_:)``, adding to `steps` one unit per byte the reader looks at, so tests can show
    /// that the work is linear in the document's size.
    package static func parse(_ data: Data, steps: inout Int) throws(ConfigurationError) -> JSONValue {
        var reader = JSONReader(bytes: [UInt8](data))
        do {
            let value = try reader.document()
            steps += reader.steps
            return value
        } catch {
            steps += reader.steps
            throw ConfigurationError(
                .malformedDocument,
                issues: [
                    ConfigurationIssue(
                        path: "$",
                        reason: "not a well-formed JSON document: \(error.reason) at byte \(error.offset)"
                    )
                ]
            )
        }
    }
}

extension JSONValue: Encodable {
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        case .number(let value): try container.encode(value)
        case .string(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        }
    }
}
