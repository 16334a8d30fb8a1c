/// A resource path of the GeoReport API, parsed: which resource, and in which format.
struct GeoReportRoute: Hashable, Sendable {
    enum Resource: Hashable, Sendable {
        case discovery
        case services
        case service(String)
        case requests
        case request(String)
        case token(String)
    }

    let resource: Resource
    let format: GeoReportFormat

    /// Why a path names no resource: it is outside the API, or it lacks `.xml`/`.json`.
    enum Failure: Error {
        case unknownPath
        case missingFormat
    }

    /// Parses `path` (percent-encoded, as received) below `basePath`.
    static func parse(_ path: String, basePath: String) throws(Failure) -> GeoReportRoute {
        guard path.hasPrefix(basePath) else { throw .unknownPath }
        let rest = path.dropFirst(basePath.count)
        guard rest.first == "/" else { throw .unknownPath }
        let segments = rest.dropFirst().split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard let last = segments.last else { throw .unknownPath }
        let format: GeoReportFormat
        let stem: Substring
        if last.hasSuffix(".json") {
            format = .json
            stem = last.dropLast(5)
        } else if last.hasSuffix(".xml") {
            format = .xml
            stem = last.dropLast(4)
        } else {
            throw Self.knownCollections.contains(segments[0]) ? .missingFormat : .unknownPath
        }
        guard let name = percentDecoded(stem), !name.isEmpty else { throw .unknownPath }
        switch (segments.count, segments[0]) {
        case (1, _):
            switch name {
            case "discovery": return GeoReportRoute(resource: .discovery, format: format)
            case "services": return GeoReportRoute(resource: .services, format: format)
            case "requests": return GeoReportRoute(resource: .requests, format: format)
            default: throw .unknownPath
            }
        case (2, "services"): return GeoReportRoute(resource: .service(name), format: format)
        case (2, "requests"): return GeoReportRoute(resource: .request(name), format: format)
        case (2, "tokens"): return GeoReportRoute(resource: .token(name), format: format)
        default: throw .unknownPath
        }
    }

    private static let knownCollections: Set<String> = ["discovery", "services", "requests", "tokens"]

    /// The text of a percent-encoded path segment (`+` stays a plus), or `nil` when it is not
    /// valid.
    static func percentDecoded(_ segment: Substring) -> String? {
        guard segment.contains("%") else { return String(segment) }
        var segment = String(segment)
        return segment.withUTF8 { FormBody.percentDecoded($0, plusIsSpace: false) }.flatMap {
            String(validating: $0, as: UTF8.self)
        }
    }
}
