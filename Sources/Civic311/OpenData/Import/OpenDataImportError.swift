/// An import stopped: the file could not be read, its header lacks a column the mapping needs, or
/// the store failed (a failure of the store, not a row it refused).
///
/// ``report`` tells how far the import got: what it stored, and the line to resume at
/// (``ImportReport/resumeLine``).
public struct OpenDataImportError: Error, Sendable, CustomStringConvertible {
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Hashable, Sendable {
            case unreadableInput
            case missingHeader
            case missingColumn
            case storeFailed
            case ticketsUnavailable
            case invalidArgument
        }
        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// The file could not be opened or read, or a record is too long to find the next one.
        public static var unreadableInput: Self { Self(.unreadableInput) }
        /// The file is empty: there is no header row.
        public static var missingHeader: Self { Self(.missingHeader) }
        /// The header lacks a column the mapping requires (source ID, created, status, the service
        /// type's or department's columns); the reason names each.
        public static var missingColumn: Self { Self(.missingColumn) }
        /// The store failed; ``OpenDataImportError/storageError`` says how.
        public static var storeFailed: Self { Self(.storeFailed) }
        /// No ticket number could be issued (the ticket node's capacity, a bad node).
        public static var ticketsUnavailable: Self { Self(.ticketsUnavailable) }
        /// An argument is out of range (a resume line below 1); nothing was read or stored.
        public static var invalidArgument: Self { Self(.invalidArgument) }

        public var description: String { base.rawValue }
    }

    public let code: Code
    public let reason: String
    /// How far the import got.
    public let report: ImportReport
    /// The store's error, for ``Code/storeFailed``.
    public let storageError: StorageError?

    public init(_ code: Code, reason: String, report: ImportReport, storageError: StorageError? = nil) {
        self.code = code
        self.reason = reason
        self.report = report
        self.storageError = storageError
    }

    public var message: String {
        let resume = report.resumeLine.map { " (resume at line \($0))" } ?? ""
        return reason + resume
    }

    public var description: String { "OpenDataImportError(\(code)): \(message)" }
}
