/// A staffing calculation, a distribution or a simulation model was given input it cannot accept.
///
/// Every validating entry point of Civic311Simulation throws this before it computes or changes
/// anything. ``field`` names the offending input as a path (`"agents[3].shiftEnd"`,
/// `"forecast[12].calls"`), and ``reason`` says what is wrong with it.
public struct SimulationError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What kind of validation failed. New codes can be added without breaking callers.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Hashable, Sendable {
            case missingValue
            case invalidValue
            case unknownReference
            case duplicate
            case outOfRange
        }
        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// A required value was absent or empty.
        public static var missingValue: Self { Self(.missingValue) }
        /// A value is not a number (NaN), infinite where a finite value is needed, or has the wrong form.
        public static var invalidValue: Self { Self(.invalidValue) }
        /// A value names something that does not exist (a skill, a service type code…).
        public static var unknownReference: Self { Self(.unknownReference) }
        /// A value that must be unique appears more than once.
        public static var duplicate: Self { Self(.duplicate) }
        /// A number lies outside its permitted range (a negative volume, a probability above 1…).
        public static var outOfRange: Self { Self(.outOfRange) }

        /// The code's name, for logs.
        public var description: String { base.rawValue }
    }

    /// The kind of failure.
    public let code: Code
    /// The path of the offending input, for example `"agents[3].shiftEnd"`.
    public let field: String
    /// Why the value was rejected.
    public let reason: String

    /// Creates an error for `field`.
    public init(_ code: Code, field: String, reason: String) {
        self.code = code
        self.field = field
        self.reason = reason
    }

    /// `"<field>: <reason>"`, ready to show to a person.
    public var message: String { "\(field): \(reason)" }
    /// The code and the message, for logs.
    public var description: String { "SimulationError(\(code)): \(message)" }
}

// Small validators shared by every entry point, so the same kind of mistake always gets the same
// code and wording.
extension SimulationError {
    static func requireFinite(_ value: Double, _ field: String) throws(SimulationError) {
        guard value.isFinite else {
            throw SimulationError(.invalidValue, field: field, reason: "must be a finite number, got \(value)")
        }
    }

    static func requireNonNegative(_ value: Double, _ field: String) throws(SimulationError) {
        try requireFinite(value, field)
        guard value >= 0 else {
            throw SimulationError(.outOfRange, field: field, reason: "must not be negative, got \(value)")
        }
    }

    static func requirePositive(_ value: Double, _ field: String) throws(SimulationError) {
        try requireFinite(value, field)
        guard value > 0 else {
            throw SimulationError(.outOfRange, field: field, reason: "must be greater than zero, got \(value)")
        }
    }

    static func requireProbability(_ value: Double, _ field: String) throws(SimulationError) {
        try requireFinite(value, field)
        guard (0...1).contains(value) else {
            throw SimulationError(.outOfRange, field: field, reason: "must lie between 0 and 1, got \(value)")
        }
    }
}
