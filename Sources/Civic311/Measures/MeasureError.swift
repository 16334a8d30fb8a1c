/// Figures could not be computed. Nothing is returned in part.
public struct MeasureError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What went wrong. New codes can be added without breaking callers.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Hashable, Sendable {
            case invalidArgument
            case invalidHistory
            case storeFailed
        }
        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// An argument is outside what the computation accepts (an empty period, a resident count
        /// that is not positive, backlog age bounds out of order); ``MeasureError/field`` names it.
        public static var invalidArgument: Self { Self(.invalidArgument) }
        /// A history does not fold into a request (it is empty, does not start with its opening,
        /// or breaks the lifecycle); ``MeasureError/ticket`` names the request.
        public static var invalidHistory: Self { Self(.invalidHistory) }
        /// The store could not be read; ``MeasureError/storageError`` is what it threw.
        public static var storeFailed: Self { Self(.storeFailed) }

        public var description: String { base.rawValue }
    }

    public let code: Code
    /// The argument concerned, as a path (`"filter.createdBefore"`, `"backlogAgeBounds[2]"`).
    public let field: String?
    /// The request concerned, if any.
    public let ticket: TicketNumber?
    public let reason: String
    /// What the store threw, for ``Code/storeFailed``.
    public let storageError: StorageError?

    public init(
        _ code: Code,
        field: String? = nil,
        ticket: TicketNumber? = nil,
        reason: String,
        storageError: StorageError? = nil
    ) {
        self.code = code
        self.field = field
        self.ticket = ticket
        self.reason = reason
        self.storageError = storageError
    }

    /// `"<field>: <reason>"` or `"ticket <ticket>: <reason>"`, ready to show to a person.
    public var message: String {
        if let field { return "\(field): \(reason)" }
        if let ticket { return "ticket \(ticket): \(reason)" }
        return reason
    }
    public var description: String { "MeasureError(\(code)): \(message)" }
}
