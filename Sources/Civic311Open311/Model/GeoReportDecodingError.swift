/// A document could not be read as the GeoReport resource asked for.
///
/// ``path`` names the offending place the way the document's JSON form would address it
/// (`[3].requested_datetime`, `attributes[0].order`), and ``reason`` says what is wrong.
public struct GeoReportDecodingError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What kind of problem was found. New codes can be added without breaking callers.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Hashable, Sendable {
            case malformedDocument
            case missingField
            case invalidValue
            case unexpectedShape
        }

        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// The bytes are not well-formed JSON or XML.
        public static var malformedDocument: Self { Self(.malformedDocument) }
        /// A field every document of this kind carries is absent.
        public static var missingField: Self { Self(.missingField) }
        /// A field holds text that cannot be read as its type (a date, a number, a Boolean).
        public static var invalidValue: Self { Self(.invalidValue) }
        /// A field holds a list where text was expected, or the other way round.
        public static var unexpectedShape: Self { Self(.unexpectedShape) }

        public var description: String { base.rawValue }
    }

    public let code: Code
    /// Where in the document, for example `[3].requested_datetime`; empty for the whole document.
    public let path: String
    public let reason: String

    public init(_ code: Code, path: String, reason: String) {
        self.code = code
        self.path = path
        self.reason = reason
    }

    /// `"<path>: <reason>"`.
    public var message: String { path.isEmpty ? reason : "\(path): \(reason)" }
    public var description: String { "GeoReportDecodingError(\(code)): \(message)" }

    /// The same error one level further out: `name` is the field or index that holds `path`.
    func within(_ name: String) -> Self {
        let joined: String
        if path.isEmpty {
            joined = name
        } else if path.hasPrefix("[") {
            joined = name + path
        } else {
            joined = name + "." + path
        }
        return Self(code, path: joined, reason: reason)
    }
}
