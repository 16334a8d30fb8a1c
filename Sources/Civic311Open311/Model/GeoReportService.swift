import Civic311

/// One entry of the service list (`GET /services`): a kind of request the jurisdiction takes.
public struct GeoReportService: Hashable, Sendable {
    /// How a server answers a submission of this service.
    public struct SubmissionType: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }

        /// The submission's reply carries the `service_request_id` at once.
        public static var realtime: Self { Self(rawValue: "realtime") }
        /// The reply carries a `token`, resolved to an id later through `/tokens`.
        public static var batch: Self { Self(rawValue: "batch") }
        /// No id is ever returned.
        public static var blackbox: Self { Self(rawValue: "blackbox") }

        public var description: String { rawValue }
    }

    /// `service_code`: opaque, may have leading zeros.
    public var code: ServiceTypeCode
    /// `service_name`.
    public var name: String
    public var description: String?
    /// `metadata`: whether the service has a definition with attributes to fetch and fill in.
    public var hasDefinition: Bool
    /// `type`.
    public var type: SubmissionType
    /// `keywords`, a comma-separated list on the wire.
    public var keywords: [String]
    public var group: String?
    /// Fields this module has no property for (Boston's `definitions`, …).
    public var extras: [GeoReportField]

    public init(
        code: ServiceTypeCode,
        name: String,
        description: String? = nil,
        hasDefinition: Bool,
        type: SubmissionType = .realtime,
        keywords: [String] = [],
        group: String? = nil,
        extras: [GeoReportField] = []
    ) {
        self.code = code
        self.name = name
        self.description = description
        self.hasDefinition = hasDefinition
        self.type = type
        self.keywords = keywords
        self.group = group
        self.extras = extras
    }
}
