/// A row of an open-data file that the importer could not take as it stands: where it is, which
/// source record it is, what is wrong and whether the row was imported all the same.
///
/// Most problems refuse the row (``isImported`` is `false`) and the import goes on with the next
/// one. A few are repaired and noted (``isImported`` is `true`): a closing time before the
/// creation time (closed at creation instead), a coordinate that is no place on the globe
/// (imported without it), a source ID whose external reference another request already holds
/// (imported without the reference).
public struct ImportRowProblem: Hashable, Sendable, CustomStringConvertible {
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Hashable, Sendable {
            case malformedRecord
            case fieldCount
            case missingValue
            case invalidDate
            case unknownStatus
            case unmappedValue
            case unknownServiceType
            case unknownDepartment
            case serviceLevel
            case duplicate
            case refusedByStore
            case closedBeforeCreated
            case invalidCoordinate
            case externalReferenceTaken
        }
        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// The record is not well-formed CSV (text after a closing quote, a quote never closed).
        public static var malformedRecord: Self { Self(.malformedRecord) }
        /// The record has another number of fields than the header.
        public static var fieldCount: Self { Self(.fieldCount) }
        /// A value the row needs is blank: the source ID, the creation time, the status, the
        /// service type or department key, or the closing time of a resolved or closed row.
        public static var missingValue: Self { Self(.missingValue) }
        /// A date follows none of its column's formats, or names no real date or time.
        public static var invalidDate: Self { Self(.invalidDate) }
        /// The status is not in the mapping's status values.
        public static var unknownStatus: Self { Self(.unknownStatus) }
        /// A service type or department key is neither mapped nor derivable.
        public static var unmappedValue: Self { Self(.unmappedValue) }
        /// The row's service type is not in the jurisdiction.
        public static var unknownServiceType: Self { Self(.unknownServiceType) }
        /// The row's department is not in the jurisdiction.
        public static var unknownDepartment: Self { Self(.unknownDepartment) }
        /// The service-level policy could not set a due date for the row.
        public static var serviceLevel: Self { Self(.serviceLevel) }
        /// The row's source ID was imported before (from this file or an earlier import).
        public static var duplicate: Self { Self(.duplicate) }
        /// The store refused the row's request (its history), and nothing of the row's events was
        /// kept beyond what the store reports.
        public static var refusedByStore: Self { Self(.refusedByStore) }
        /// Imported: the closing time is before the creation time; the request closes at creation.
        public static var closedBeforeCreated: Self { Self(.closedBeforeCreated) }
        /// Imported: the coordinate is unreadable or off the globe; the request has none.
        public static var invalidCoordinate: Self { Self(.invalidCoordinate) }
        /// Imported: another request already holds the row's external reference; the request was
        /// imported without it.
        public static var externalReferenceTaken: Self { Self(.externalReferenceTaken) }

        public var description: String { base.rawValue }
    }

    /// The line on which the row's record starts (the header is line 1).
    public let line: Int
    /// The row's source ID, when it could be read.
    public let sourceID: String?
    public let code: Code
    /// The column at fault, when one is.
    public let column: String?
    /// What is wrong, naming the value.
    public let reason: String
    /// Whether the row was imported with the problem repaired (see the type's discussion).
    public let isImported: Bool

    public init(line: Int, sourceID: String?, code: Code, column: String?, reason: String, isImported: Bool) {
        self.line = line
        self.sourceID = sourceID
        self.code = code
        self.column = column
        self.reason = reason
        self.isImported = isImported
    }

    /// `line 12 (source 54049402): invalidDate in Created Date: …`.
    public var description: String {
        let source = sourceID.map { " (source \($0))" } ?? ""
        let where_ = column.map { " in \($0)" } ?? ""
        let outcome = isImported ? " [imported]" : ""
        return "line \(line)\(source): \(code)\(where_): \(reason)\(outcome)"
    }
}
