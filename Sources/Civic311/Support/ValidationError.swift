/// A public entry point was given input it cannot accept.
///
/// Every validating entry point throws this before it changes anything, so a caller that
/// catches it knows that no state was touched. ``field`` names the offending input as a path
/// (`"answers.tree_location"`, `"location.coordinate.latitude"`), and ``reason`` says what is wrong
/// with it in words an integrator can show to a call-taker.
public struct ValidationError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What kind of validation failed. New codes can be added without breaking callers.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Hashable, Sendable {
            case missingValue
            case invalidValue
            case unknownReference
            case duplicate
            case outOfRange
            case tooLong
        }
        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// A required value was absent or empty.
        public static var missingValue: Self { Self(.missingValue) }
        /// A value has the wrong form or is not one of the allowed values.
        public static var invalidValue: Self { Self(.invalidValue) }
        /// A value names something that does not exist (a service type, department, ticket…).
        public static var unknownReference: Self { Self(.unknownReference) }
        /// A value that must be unique appears more than once.
        public static var duplicate: Self { Self(.duplicate) }
        /// A number or date lies outside its permitted range.
        public static var outOfRange: Self { Self(.outOfRange) }
        /// A text is longer than the limit for its field.
        public static var tooLong: Self { Self(.tooLong) }

        public var description: String { base.rawValue }
    }

    /// The kind of failure.
    public let code: Code
    /// The path of the offending input, for example `"answers.tree_location"`.
    public let field: String
    /// Why the value was rejected.
    public let reason: String

    public init(_ code: Code, field: String, reason: String) {
        self.code = code
        self.field = field
        self.reason = reason
    }

    /// `"<field>: <reason>"`, ready to show to a person.
    public var message: String { "\(field): \(reason)" }
    public var description: String { "ValidationError(\(code)): \(message)" }
}
