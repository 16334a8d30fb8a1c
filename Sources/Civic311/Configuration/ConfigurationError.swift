/// A configuration document (a jurisdiction, calendar, SLA policy, district file or rule set)
/// could not be loaded.
///
/// Loading never stops at the first problem: ``issues`` lists every problem found, each with the
/// JSON path of the value at fault, and nothing from the document is loaded.
public struct ConfigurationError: Error, Hashable, Sendable, CustomStringConvertible {
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Hashable, Sendable {
            case malformedDocument
            case invalidDocument
        }
        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// The bytes are not JSON (or not UTF-8).
        public static var malformedDocument: Self { Self(.malformedDocument) }
        /// The JSON is well formed but breaks the document's rules; see ``ConfigurationError/issues``.
        public static var invalidDocument: Self { Self(.invalidDocument) }

        public var description: String { base.rawValue }
    }

    public let code: Code
    /// Every problem found, in document order.
    public let issues: [ConfigurationIssue]

    public init(_ code: Code, issues: [ConfigurationIssue]) {
        self.code = code
        self.issues = issues
    }

    public var message: String { issues.map(\.description).joined(separator: "\n") }
    public var description: String { "ConfigurationError(\(code)):\n\(message)" }
}

/// One problem in a configuration document.
public struct ConfigurationIssue: Hashable, Sendable, CustomStringConvertible {
    /// A JSON path such as `$.serviceTypes[3].department`.
    public let path: String
    /// What is wrong with the value at ``path``.
    public let reason: String

    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    public var description: String { "\(path): \(reason)" }
}
