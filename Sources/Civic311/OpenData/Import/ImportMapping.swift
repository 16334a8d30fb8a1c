import Foundation

/// How one city's open-data CSV layout becomes Civic311 requests: which column holds what, how
/// its dates are written, and which values mean which state, service type, department and
/// channel.
///
/// Columns are named by their header text. When a header repeats a name (Boston's export repeats
/// `resolution_hours`), the **first** column with that name is the one meant. A mapping is
/// written in code, loaded from JSON (``init(json:)``, the keys in `Documentation/OpenDataImport.md`),
/// or taken from the presets for New York City, Chicago, San Francisco and Boston
/// (``newYorkCity``, ``chicago``, ``sanFrancisco``, ``boston``).
///
/// ``validate()`` checks the rules; ``OpenDataImporter`` calls it before reading a row.
public struct ImportMapping: Hashable, Sendable {
    /// A short name for the layout (`"nyc311"`), recorded in each imported request's routing
    /// explanation and in the service-level policy of due dates read from the file.
    public var name: String
    /// The system named in each request's ``ExternalReference`` (`"nyc-open-data"`); with the
    /// source ID it is the key that makes a second import of the same row a reported duplicate.
    public var referenceSystem: String
    /// The IANA time zone the file's timestamps are written in (`"America/New_York"`).
    public var timeZoneIdentifier: String
    /// The column of the source's own identifier for the row.
    public var sourceID: String
    /// When the request was created: required in every row.
    public var created: DateColumn
    /// When it was closed; required in rows whose status is resolved or closed.
    public var closed: DateColumn?
    /// Its due (target) date; when blank or unmapped, the jurisdiction's service level sets it.
    public var due: DateColumn?
    /// The status column and what each of its values means.
    public var status: StatusColumn
    /// Which service type a row is.
    public var serviceType: CodeRule
    /// Which department owns a row.
    public var department: CodeRule
    /// The column of the queue or team within the department, if any.
    public var queue: String?
    /// How the request came in; ``ChannelColumn/fallback`` when unmapped.
    public var channel: ChannelColumn
    /// Columns whose non-blank values, joined with `" — "`, describe the problem; the service
    /// type's own text when all are blank.
    public var description: [String]
    /// Columns whose non-blank values, joined with `", "`, give the address.
    public var address: [String]
    /// Where the coordinate is, if the layout has one.
    public var coordinate: CoordinateColumns?
    /// The column of the department's resolution note, the public note of a closed request.
    public var resolutionNote: String?

    public init(
        name: String,
        referenceSystem: String,
        timeZoneIdentifier: String,
        sourceID: String,
        created: DateColumn,
        closed: DateColumn? = nil,
        due: DateColumn? = nil,
        status: StatusColumn,
        serviceType: CodeRule,
        department: CodeRule,
        queue: String? = nil,
        channel: ChannelColumn,
        description: [String] = [],
        address: [String] = [],
        coordinate: CoordinateColumns? = nil,
        resolutionNote: String? = nil
    ) {
        self.name = name
        self.referenceSystem = referenceSystem
        self.timeZoneIdentifier = timeZoneIdentifier
        self.sourceID = sourceID
        self.created = created
        self.closed = closed
        self.due = due
        self.status = status
        self.serviceType = serviceType
        self.department = department
        self.queue = queue
        self.channel = channel
        self.description = description
        self.address = address
        self.coordinate = coordinate
        self.resolutionNote = resolutionNote
    }

    /// A timestamp column and the formats its values may take, tried in order (San Francisco's
    /// export mixes two).
    public struct DateColumn: Hashable, Sendable {
        public var column: String
        public var formats: [DateFormat]

        public init(_ column: String, formats: [DateFormat]) {
            self.column = column
            self.formats = formats
        }
    }

    /// What a status value means: the state the request ends in, and for a closed request how it
    /// was closed.
    public struct StatusOutcome: Hashable, Sendable {
        public var state: RequestState
        /// How a closed request was closed: ``Closure/Reason/completed`` (the default),
        /// ``Closure/Reason/closedWithoutAction(code:)`` or ``Closure/Reason/cancelledByResident``.
        /// Only for state ``RequestState/closed``.
        public var closeReason: Closure.Reason?

        public init(_ state: RequestState, closeReason: Closure.Reason? = nil) {
            self.state = state
            self.closeReason = closeReason
        }
    }

    /// The status column; a value not in ``values`` refuses the row (code `unknownStatus`).
    /// Values are compared after trimming white space, case-sensitively.
    public struct StatusColumn: Hashable, Sendable {
        public var column: String
        public var values: [String: StatusOutcome]

        public init(_ column: String, values: [String: StatusOutcome]) {
            self.column = column
            self.values = values
        }
    }

    /// How a service type or department code comes from a row.
    ///
    /// The row's **key** is the non-blank values of ``columns``, trimmed and joined with `" / "`.
    /// A key in ``values`` gives that code; otherwise, with ``derivesCodes``, the code is derived
    /// from the key (letters and digits upper-cased, every other run of characters one `_`:
    /// `"Noise - Residential"` → `NOISE_RESIDENTIAL`); otherwise the row is refused (code
    /// `unmappedValue`). A blank key refuses the row (code `missingValue`).
    public struct CodeRule: Hashable, Sendable {
        public var columns: [String]
        public var values: [String: String]
        public var derivesCodes: Bool
        /// A column naming what the code stands for (NYC's `Agency Name`), used by
        /// ``ImportSurvey`` to name the departments it derives.
        public var nameColumn: String?

        public init(columns: [String], values: [String: String] = [:], derivesCodes: Bool, nameColumn: String? = nil) {
            self.columns = columns
            self.values = values
            self.derivesCodes = derivesCodes
            self.nameColumn = nameColumn
        }

        /// The code derived from a key, or `""` when it has no letter or digit.
        public static func derivedCode(_ key: String) -> String {
            var code: [UInt8] = []
            code.reserveCapacity(key.utf8.count)
            var pendingSeparator = false
            for byte in key.utf8 {
                switch byte {
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                    UInt8(ascii: "0")...UInt8(ascii: "9"):
                    if pendingSeparator, !code.isEmpty { code.append(UInt8(ascii: "_")) }
                    pendingSeparator = false
                    code.append(byte >= UInt8(ascii: "a") ? byte - 32 : byte)
                default:
                    pendingSeparator = true
                }
            }
            return String(decoding: code.prefix(64), as: UTF8.self)
        }
    }

    /// The channel column; a blank or unmapped value is ``fallback``. Values are compared after
    /// trimming white space, case-sensitively.
    public struct ChannelColumn: Hashable, Sendable {
        /// `nil` when the layout has no channel column: every row is ``fallback``.
        public var column: String?
        public var values: [String: Channel]
        public var fallback: Channel

        public init(_ column: String?, values: [String: Channel] = [:], fallback: Channel) {
            self.column = column
            self.values = values
            self.fallback = fallback
        }
    }

    /// Where a coordinate is written.
    public enum CoordinateColumns: Hashable, Sendable {
        /// Degrees in two columns.
        case latitudeLongitude(latitude: String, longitude: String)
        /// One column holding `"(latitude, longitude)"`.
        case point(String)
    }
}
