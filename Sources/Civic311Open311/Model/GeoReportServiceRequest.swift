import Civic311
import Foundation

/// A service request as GeoReport lists it (`GET /requests`, `GET /requests/{id}`).
///
/// Only ``status``, ``serviceCode`` and ``requestedAt`` are required when reading; servers omit,
/// empty or null every other field, and some list just-submitted requests with neither an id nor a
/// token (clients skip those).
public struct GeoReportServiceRequest: Hashable, Sendable {
    /// `status`: `open` or `closed` on the wire; other text a server sends is kept.
    public struct Status: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }

        /// Reported, not yet resolved.
        public static var open: Self { Self(rawValue: "open") }
        /// Resolved.
        public static var closed: Self { Self(rawValue: "closed") }

        public var description: String { rawValue }
    }

    /// `service_request_id`.
    public var id: GeoReportRequestID?
    /// `token`, for a request a `batch` server has not numbered yet.
    public var token: GeoReportToken?
    public var status: Status
    /// `status_notes`: why the status changed, or detail beyond open and closed.
    public var statusNotes: String?
    /// `service_name`.
    public var serviceName: String?
    /// `service_code`.
    public var serviceCode: ServiceTypeCode
    public var description: String?
    /// `agency_responsible`.
    public var agencyResponsible: String?
    /// `service_notice`: what the jurisdiction will do, and when.
    public var serviceNotice: String?
    /// `requested_datetime`.
    public var requestedAt: Date
    /// `updated_datetime`: the last change; for a closed request, when it was closed.
    public var updatedAt: Date?
    /// `expected_datetime`: when the request is expected to be fulfilled.
    public var expectedAt: Date?
    public var address: String?
    /// `address_id`: the jurisdiction's master-address identifier.
    public var addressID: String?
    /// `zipcode`, as text (leading zeros, other countries' codes).
    public var zipCode: String?
    /// `lat`, WGS 84 degrees.
    public var latitude: Double?
    /// `long`, WGS 84 degrees.
    public var longitude: Double?
    /// `media_url`.
    public var mediaURL: String?
    /// `extended_attributes`, the extension servers add when asked with `extensions=true`.
    public var extendedAttributes: GeoReportExtendedAttributes?
    /// Fields this module has no property for.
    public var extras: [GeoReportField]

    public init(
        id: GeoReportRequestID?,
        token: GeoReportToken? = nil,
        status: Status,
        statusNotes: String? = nil,
        serviceName: String?,
        serviceCode: ServiceTypeCode,
        description: String? = nil,
        agencyResponsible: String? = nil,
        serviceNotice: String? = nil,
        requestedAt: Date,
        updatedAt: Date? = nil,
        expectedAt: Date? = nil,
        address: String? = nil,
        addressID: String? = nil,
        zipCode: String? = nil,
        latitude: Double? = nil,
        longitude: Double? = nil,
        mediaURL: String? = nil,
        extendedAttributes: GeoReportExtendedAttributes? = nil,
        extras: [GeoReportField] = []
    ) {
        self.id = id
        self.token = token
        self.status = status
        self.statusNotes = statusNotes
        self.serviceName = serviceName
        self.serviceCode = serviceCode
        self.description = description
        self.agencyResponsible = agencyResponsible
        self.serviceNotice = serviceNotice
        self.requestedAt = requestedAt
        self.updatedAt = updatedAt
        self.expectedAt = expectedAt
        self.address = address
        self.addressID = addressID
        self.zipCode = zipCode
        self.latitude = latitude
        self.longitude = longitude
        self.mediaURL = mediaURL
        self.extendedAttributes = extendedAttributes
        self.extras = extras
    }
}
