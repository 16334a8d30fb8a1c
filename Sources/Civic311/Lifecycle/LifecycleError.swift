/// A lifecycle operation was refused. Nothing was changed.
public struct LifecycleError: Error, Hashable, Sendable, CustomStringConvertible {
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Hashable, Sendable {
            case transitionNotAllowed
            case noteRequired
            case reopenWindowExpired
            case invalidHistory
            case mergedAsDuplicate
        }
        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// The move from ``LifecycleError/from`` to ``LifecycleError/to`` is not in ``LifecycleTable``.
        public static var transitionNotAllowed: Self { Self(.transitionNotAllowed) }
        /// Resolving or closing needs a public note saying what happened.
        public static var noteRequired: Self { Self(.noteRequired) }
        /// The request was resolved or closed too long ago to be reopened.
        public static var reopenWindowExpired: Self { Self(.reopenWindowExpired) }
        /// A sequence of events does not fold into a request (wrong ticket, gap in sequence numbers,
        /// a from-state that does not match).
        public static var invalidHistory: Self { Self(.invalidHistory) }
        /// The request is merged into another as its duplicate: what happens to the problem
        /// happens to that request (reopen it), or the merge is undone first.
        public static var mergedAsDuplicate: Self { Self(.mergedAsDuplicate) }

        public var description: String { base.rawValue }
    }

    public let code: Code
    /// The state the request was in.
    public let from: RequestState?
    /// The state the operation would have led to.
    public let to: RequestState?
    public let reason: String

    public init(_ code: Code, from: RequestState?, to: RequestState?, reason: String) {
        self.code = code
        self.from = from
        self.to = to
        self.reason = reason
    }

    public var message: String {
        let states = from.map { "\($0.rawValue) → \(to?.rawValue ?? "?"): " } ?? ""
        return states + reason
    }
    public var description: String { "LifecycleError(\(code)): \(message)" }
}
