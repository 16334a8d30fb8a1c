/// The two formats of GeoReport v2. Every resource URL ends in one of them (`/services.xml`,
/// `/requests/123.json`); XML is the one every server must offer.
public enum GeoReportFormat: String, Hashable, Sendable, CaseIterable {
    case xml
    case json

    /// The content type of a response in this format.
    public var contentType: String {
        switch self {
        case .xml: "text/xml; charset=utf-8"
        case .json: "application/json; charset=utf-8"
        }
    }

    /// The MIME type discovery documents list in `formats`.
    public var mediaType: String {
        switch self {
        case .xml: "text/xml"
        case .json: "application/json"
        }
    }

    /// The path suffix, with its dot: `.xml` or `.json`.
    public var pathExtension: String { "." + rawValue }
}
