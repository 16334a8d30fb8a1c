@_spi(Fuzzing) import Civic311
import Foundation

/// The same JSON document written another way: keys sorted, indented, numbers in their shortest form.
///
/// The document is read with the core's own reader (`JSONValue.parse`, the one every configuration
/// loader uses) and written back with `JSONEncoder`, so the two texts hold the same values. A
/// loader's verdict must not depend on how the text was laid out.
enum JSONReformatting {
    /// The document rewritten, or `nil` when it is not JSON.
    static func reformatted(_ data: Data) -> Data? {
        guard let value = try? JSONValue.parse(data) else { return nil }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return try? encoder.encode(value)
    }
}
