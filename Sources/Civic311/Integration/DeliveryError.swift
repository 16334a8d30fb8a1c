/// A back office did not take a delivery. Thrown by a ``DepartmentAdapter``.
public struct DeliveryError: Error, Hashable, Sendable, CustomStringConvertible {
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Hashable, Sendable {
            case unavailable
            case rejected
        }
        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// The back office could not take it now (a timeout, an outage, a 5xx answer); the outbox
        /// retries with backoff.
        public static var unavailable: Self { Self(.unavailable) }
        /// The back office refused it for good (a 4xx answer, a record it cannot hold); the outbox
        /// dead-letters the request at once.
        public static var rejected: Self { Self(.rejected) }

        public var description: String { base.rawValue }
    }

    public let code: Code
    /// What the back office said, for the operator who reads the dead letter.
    public let message: String

    public init(_ code: Code, message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "DeliveryError(\(code)): \(message)" }
}
