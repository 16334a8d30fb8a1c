/// An operation was refused to the participant who asked for it. Nothing was changed.
public struct AuthorizationError: Error, Hashable, Sendable, CustomStringConvertible {
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Hashable, Sendable {
            case denied
            case unverified
        }
        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// The participant's role does not allow the operation on this request.
        public static var denied: Self { Self(.denied) }
        /// A status lookup did not show a matching ``SubmitterProof``. The error is the same
        /// whether or not the ticket exists, so it reveals neither.
        public static var unverified: Self { Self(.unverified) }

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

    /// What was refused and why. A resident's identity is redacted (``Participant/description``).
    public var message: String { "\(participant) may not \(operation.rawValue): \(reason)" }

    /// The one error of a status lookup without a matching proof, whether the ticket exists or not.
    static var unverifiedLookup: AuthorizationError {
        AuthorizationError(
            .unverified,
            participant: .resident(nil),
            operation: .viewPublic,
            reason: "no request matches this ticket number and proof of the submitter's contact details"
        )
    }
    public var description: String { "AuthorizationError(\(code)): \(message)" }
}
