import Foundation

/// A service discovery document (`/discovery.xml`, `/discovery.json`): who runs the endpoints,
/// how to get an API key, and where each endpoint lives.
public struct GeoReportDiscovery: Hashable, Sendable {
    /// One endpoint of the document.
    public struct Endpoint: Hashable, Sendable {
        /// The specification implemented, `http://wiki.open311.org/GeoReport_v2` for this one.
        public var specification: String
        /// The base URL resource paths are appended to, usually without a trailing slash.
        public var url: String
        /// When the endpoint last changed, as the server wrote it.
        public var changeset: String
        public var type: EndpointType
        /// MIME types, for example `text/xml` and `application/json`.
        public var formats: [String]
        /// Fields this module has no property for (`locales`, …).
        public var extras: [GeoReportField]

        public init(
            specification: String = GeoReportDiscovery.specificationV2,
            url: String,
            changeset: String,
            type: EndpointType,
            formats: [String],
            extras: [GeoReportField] = []
        ) {
            self.specification = specification
            self.url = url
            self.changeset = changeset
            self.type = type
            self.formats = formats
            self.extras = extras
        }

        /// ``changeset`` read as a date, or `nil` when the server wrote something unreadable.
        public var changesetDate: Date? { GeoReportDateTime.parse(changeset) }
    }

    /// Whether an endpoint serves real requests or tests.
    public struct EndpointType: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }

        public static var production: Self { Self(rawValue: "production") }
        public static var test: Self { Self(rawValue: "test") }

        public var description: String { rawValue }
    }

    /// The specification URI of GeoReport v2.
    public static let specificationV2 = "http://wiki.open311.org/GeoReport_v2"

    /// When anything listed last changed: clients refresh cached service lists and definitions
    /// when it moves. Kept as written, since servers write it in several forms.
    public var changeset: String
    /// Human-readable contact information.
    public var contact: String
    /// How to obtain an API key.
    public var keyService: String
    public var endpoints: [Endpoint]
    /// Fields this module has no property for (`max_requests`, …).
    public var extras: [GeoReportField]

    public init(
        changeset: String,
        contact: String,
        keyService: String,
        endpoints: [Endpoint],
        extras: [GeoReportField] = []
    ) {
        self.changeset = changeset
        self.contact = contact
        self.keyService = keyService
        self.endpoints = endpoints
        self.extras = extras
    }

    /// ``changeset`` read as a date, or `nil` when the server wrote something unreadable.
    public var changesetDate: Date? { GeoReportDateTime.parse(changeset) }
}
