import Foundation

/// The same JSON document written another way: keys sorted, indented, numbers in their shortest form.
///
/// Configuration loaders read JSON through `JSONDecoder`; this reads it the same way (null, then a
/// Boolean, a number, a string, an array, an object) and writes it back with `JSONEncoder`, so the
/// two texts hold the same values. A loader's verdict must not depend on how the text was laid out.
enum JSONReformatting {
    private enum Value: Codable {
        case null
        case bool(Bool)
        case number(Double)
        case string(String)
        case array([Value])
        case object([String: Value])

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if container.decodeNil() {
                self = .null
            } else if let value = try? container.decode(Bool.self) {
                self = .bool(value)
            } else if let value = try? container.decode(Double.self) {
                self = .number(value)
            } else if let value = try? container.decode(String.self) {
                self = .string(value)
            } else if let value = try? container.decode([Value].self) {
                self = .array(value)
            } else {
                self = .object(try container.decode([String: Value].self))
            }
        }

        func encode(to encoder: any Encoder) throws {
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

    /// The document rewritten, or `nil` when it is not JSON.
    static func reformatted(_ data: Data) -> Data? {
        guard let value = try? JSONDecoder().decode(Value.self, from: data) else { return nil }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return try? encoder.encode(value)
    }
}
