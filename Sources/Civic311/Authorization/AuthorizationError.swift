/// An operation was refused to the participant who asked for it. Nothing was changed.
public struct AuthorizationError: Error, Hashable, Sendable, CustomStringConvertible {
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Hashable, Sendable {
            case denied
        }
        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// The participant's role does not allow the operation on this request.
        public static var denied: Self { Self(.denied) }

        public var description: String { base.rawValue }
    }

    public let code: Code
    public let participant: Participant
    public let operation: RequestOperation
    /// Why the participant may not perform the operation.
    public let reason: String

    public init(_ code: Code, participant: Participant, operation: RequestOperation, reason: String) {
        self.code = code
        self.participant = participant
        self.operation = operation
        self.reason = reason
    }

    public var message: String { "\(participant) may not \(operation.rawValue): \(reason)" }
    public var description: String { "AuthorizationError(\(code)): \(message)" }
}
