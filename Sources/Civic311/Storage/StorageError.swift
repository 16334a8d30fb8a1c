/// A store could not carry out a command. Nothing was written.
public struct StorageError: Error, Hashable, Sendable, CustomStringConvertible {
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Hashable, Sendable {
            case conflict
            case notFound
            case duplicate
            case invalidHistory
            case invalidCursor
            case invalidArgument
            case unavailable
            case corrupted
            case incompatibleSchema
            case readOnly
            case busy
            case unsupported
        }
        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// The write was made against a stale version: someone else changed the request first.
        /// Reload and try again.
        public static var conflict: Self { Self(.conflict) }
        /// No request or contact has the ticket.
        public static var notFound: Self { Self(.notFound) }
        /// The ticket, the submitter's client request ID (see ``ClientRequestKey``) or the external
        /// reference is already stored.
        public static var duplicate: Self { Self(.duplicate) }
        /// The events do not continue the request's history (see ``LifecycleError``).
        public static var invalidHistory: Self { Self(.invalidHistory) }
        /// The page cursor belongs to another ordering, or is malformed.
        public static var invalidCursor: Self { Self(.invalidCursor) }
        /// An argument is outside what the command accepts: a change-feed page limit, a checkpoint
        /// past the end of the feed, a blank consumer name. Nothing was read or written.
        public static var invalidArgument: Self { Self(.invalidArgument) }
        /// The backend could not be reached or failed to read or write.
        public static var unavailable: Self { Self(.unavailable) }
        /// The backend's data is damaged.
        public static var corrupted: Self { Self(.corrupted) }
        /// The database was written by a newer (or unknown) version of the schema.
        public static var incompatibleSchema: Self { Self(.incompatibleSchema) }
        /// The backend is read-only.
        public static var readOnly: Self { Self(.readOnly) }
        /// The backend is locked by another writer and did not free up in time.
        public static var busy: Self { Self(.busy) }
        /// The store does not implement the command: a store written before
        /// ``RequestStore/redactPersonalData(_:recording:expectedVersion:)`` existed. Nothing was
        /// written.
        public static var unsupported: Self { Self(.unsupported) }

        public var description: String { base.rawValue }
    }

    /// Whether the error refuses one entry of an ``RequestStore/append(batch:)`` rather than the
    /// whole batch: a conflict, an unknown ticket, a duplicate, an invalid history or a damaged
    /// row concern the request the entry names; anything else is a failure of the store.
    public var refusesOneEntry: Bool {
        [Code.conflict, .notFound, .duplicate, .invalidHistory, .corrupted].contains(code)
    }

    /// What the backend itself reported, kept as a value so a caller can act on it without
    /// reading the message: SQLite's extended result code, PostgreSQL's SQLSTATE, an `errno`.
    public struct Cause: Hashable, Sendable, CustomStringConvertible {
        /// Who reported it: `"sqlite"`, `"postgresql"`, `"posix"`, or a backend's own name.
        public let system: String
        /// The reporter's own code, as it writes it: `"SQLITE_BUSY (5)"`, `"40001"`, `"EACCES"`.
        public let code: String
        /// The reporter's own message.
        public let message: String

        public init(system: String, code: String, message: String) {
            self.system = system
            self.code = code
            self.message = message
        }

        public var description: String { "\(system) \(code): \(message)" }
    }

    public let code: Code
    /// The ticket concerned, if any.
    public let ticket: TicketNumber?
    public let reason: String
    /// What the backend reported, when the error came from it.
    public let cause: Cause?

    public init(_ code: Code, ticket: TicketNumber? = nil, reason: String, cause: Cause? = nil) {
        self.code = code
        self.ticket = ticket
        self.reason = reason
        self.cause = cause
    }

    public var message: String { ticket.map { "ticket \($0): \(reason)" } ?? reason }
    public var description: String { "StorageError(\(code)): \(message)" }

    /// The duplicate error every store throws for a ticket it already holds.
    public static func duplicate(_ ticket: TicketNumber) -> StorageError {
        StorageError(.duplicate, ticket: ticket, reason: "the ticket is already stored")
    }

    /// The duplicate error every store throws for an opening whose client request ID its
    /// submitter already used; names the refused ticket and the ID, not the submitter.
    public static func duplicate(_ key: ClientRequestKey, refusing ticket: TicketNumber) -> StorageError {
        StorageError(
            .duplicate,
            ticket: ticket,
            reason: "client request ID '\(key.id)' is already stored for this submitter"
        )
    }

    /// The conflict error every store throws for a stale write.
    public static func conflict(_ ticket: TicketNumber, expected: Int, actual: Int) -> StorageError {
        StorageError(
            .conflict,
            ticket: ticket,
            reason: "write expected version \(expected) but the request is at version \(actual)"
        )
    }
}
