/// An open-data export could not start or go on. What the sink accepted before the error stays
/// valid up to the last ``OpenDataExport/Position`` reported, from which the export resumes.
public struct OpenDataExportError: Error, Hashable, Sendable, CustomStringConvertible {
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Hashable, Sendable {
            case invalidArgument
            case missingDistrictMap
            case positionMismatch
            case sinkFailed
        }
        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// An argument is outside what the export accepts: an empty or non-finite period, a page or
        /// chunk size out of range, a scrubber without every rule.
        public static var invalidArgument: Self { Self(.invalidArgument) }
        /// A service type publishes its location by district, and the export was given no
        /// district map.
        public static var missingDistrictMap: Self { Self(.missingDistrictMap) }
        /// A resume position belongs to another export (another period or format), or a file is
        /// shorter than the position says was written.
        public static var positionMismatch: Self { Self(.positionMismatch) }
        /// The sink could not write (a file that cannot be opened, a full disk).
        public static var sinkFailed: Self { Self(.sinkFailed) }

        public var description: String { base.rawValue }
    }

    public let code: Code
    /// The argument or setting concerned, as the API names it (`period`, `pageSize`,
    /// `serviceTypes[NOISE].publicLocation`, `position.format`).
    public let field: String
    public let reason: String

    public init(_ code: Code, field: String, reason: String) {
        self.code = code
        self.field = field
        self.reason = reason
    }

    public var message: String { "\(field): \(reason)" }
    public var description: String { "OpenDataExportError(\(code)): \(message)" }
}
