import Civic311

/// Tags the identifier a GeoReport server gives a service request.
public enum GeoReportRequestTag {}
/// A `service_request_id`: opaque text (`638344`, `14-01100669`, a Civic311 ticket number), kept
/// as a string even when a server sends a number, so leading zeros survive.
public typealias GeoReportRequestID = Identifier<GeoReportRequestTag>

/// Tags a submission token.
public enum GeoReportTokenTag {}
/// A `token`: what a server returns for a submission it will number later (`type` `batch`), and
/// what a client repeats to make a submission idempotent.
public typealias GeoReportToken = Identifier<GeoReportTokenTag>

/// Tags a jurisdiction identifier.
public enum GeoReportJurisdictionTag {}
/// A `jurisdiction_id`, conventionally the city's web domain without `www` (`cityofchicago.org`).
public typealias GeoReportJurisdictionID = Identifier<GeoReportJurisdictionTag>
