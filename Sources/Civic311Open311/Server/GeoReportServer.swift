import Civic311
import Foundation

/// The GeoReport v2 API of one or more ``Civic311/ServiceCenter``s, independent of any HTTP
/// server: give it a request's method, path, query, headers and body, and send back the status,
/// content type and body it returns.
///
/// It serves discovery and the six GeoReport calls, in XML and JSON (`.xml` or `.json` on every
/// path), with the specification's rules:
///
/// - `jurisdiction_id` may be left out while the server serves one jurisdiction; with several it
///   is required (400), and an unknown one is 404.
/// - `api_key` is required on `POST /requests` only, and checked by a ``GeoReportAPIKeyPolicy``
///   (403).
/// - Unknown service codes, requests and tokens are 404; every error is the specification's error
///   document, in the format asked for.
/// - `GET /requests` covers 90 days (the last 90 without dates; at most 90 with them) and returns
///   at most 1,000 requests, newest first; `page` and `page_size` (1-based) walk further.
/// - A submission becomes a draft that goes through the center's intake, so it is validated like
///   any other; bad input gets a 400 naming the field and stores nothing. A client that repeats
///   its token (the `Idempotency-Key` header) gets the first submission's reply, and
///   `GET /tokens/{token}` finds the request it opened.
///
/// Responses carry the public view of requests only: never the submitter, answers or internal
/// notes.
public struct GeoReportServer: Sendable {
    /// How the server presents itself and what it accepts.
    public struct Configuration: Sendable {
        /// The URL clients reach the API at, listed in discovery (`https://311.example.gov/open311/v2`).
        public var publicURL: String
        /// The path the handler is mounted at (`/open311/v2`), or `""` for the root.
        public var basePath: String
        /// Discovery's `contact`: how to reach the people who run the API.
        public var contact: String
        /// Discovery's `key_service`: how to get an API key.
        public var keyService: String
        /// When the catalog last changed; clients refresh cached lists and definitions when it
        /// moves.
        public var changeset: Date
        public var endpointType: GeoReportDiscovery.EndpointType
        /// The largest submission body taken, in bytes.
        public var maximumBodyBytes: Int
        /// The longest span `GET /requests` covers, in seconds (90 days).
        public var requestWindow: TimeInterval
        /// The most requests one `GET /requests` returns (1,000, the specification's default).
        public var maximumRequests: Int
        /// The source of "now" for the default 90-day window.
        public var clock: any WallClock

        public init(
            publicURL: String,
            basePath: String = "",
            contact: String,
            keyService: String,
            changeset: Date,
            endpointType: GeoReportDiscovery.EndpointType = .production,
            maximumBodyBytes: Int = 65_536,
            requestWindow: TimeInterval = 90 * 86_400,
            maximumRequests: Int = 1_000,
            clock: any WallClock = SystemWallClock()
        ) {
            self.publicURL = publicURL
            self.basePath = basePath
            self.contact = contact
            self.keyService = keyService
            self.changeset = changeset
            self.endpointType = endpointType
            self.maximumBodyBytes = maximumBodyBytes
            self.requestWindow = requestWindow
            self.maximumRequests = maximumRequests
            self.clock = clock
        }
    }

    /// One jurisdiction's center, with its catalog encoded once.
    final class Site: Sendable {
        let id: GeoReportJurisdictionID
        let center: ServiceCenter
        let serviceList: [GeoReportFormat: [UInt8]]
        let definitions: [ServiceTypeCode: [GeoReportFormat: [UInt8]]]

        init(id: GeoReportJurisdictionID, center: ServiceCenter) {
            self.id = id
            self.center = center
            let jurisdiction = center.jurisdiction
            let services = jurisdiction.serviceTypes.map { GeoReportService($0, in: jurisdiction) }
            serviceList = Dictionary(
                uniqueKeysWithValues: GeoReportFormat.allCases.map {
                    ($0, GeoReportService.encodeList(services, format: $0))
                }
            )
            var definitions: [ServiceTypeCode: [GeoReportFormat: [UInt8]]] = [:]
            for serviceType in jurisdiction.serviceTypes where !serviceType.questions.isEmpty {
                let definition = GeoReportServiceDefinition(serviceType)
                definitions[serviceType.id] = Dictionary(
                    uniqueKeysWithValues: GeoReportFormat.allCases.map { ($0, definition.encoded(format: $0)) }
                )
            }
            self.definitions = definitions
        }
    }

    let sites: [GeoReportJurisdictionID: Site]
    let apiKeys: any GeoReportAPIKeyPolicy
    let configuration: Configuration
    private let discovery: [GeoReportFormat: [UInt8]]

    /// A server for several jurisdictions, each with its own center.
    ///
    /// - Throws: `ValidationError` when there is no center, or the configuration is out of range
    ///   (a base path that does not start with `/` or ends with one, a body limit or window that
    ///   is not positive, a request limit outside 1…1,000).
    public init(
        centers: [GeoReportJurisdictionID: ServiceCenter],
        apiKeys: any GeoReportAPIKeyPolicy,
        configuration: Configuration
    ) throws(ValidationError) {
        guard !centers.isEmpty else {
            throw ValidationError(.missingValue, field: "centers", reason: "serve at least one jurisdiction")
        }
        for id in centers.keys where id.rawValue.isEmpty {
            throw ValidationError(.missingValue, field: "centers", reason: "a jurisdiction_id must not be empty")
        }
        let basePath = configuration.basePath
        if !basePath.isEmpty && (!basePath.hasPrefix("/") || basePath.hasSuffix("/")) {
            throw ValidationError(
                .invalidValue,
                field: "basePath",
                reason: "must be empty or start with '/' and not end with one, got '\(basePath)'"
            )
        }
        guard configuration.maximumBodyBytes > 0 else {
            throw ValidationError(.outOfRange, field: "maximumBodyBytes", reason: "must be positive")
        }
        guard configuration.requestWindow.isFinite, configuration.requestWindow > 0 else {
            throw ValidationError(.outOfRange, field: "requestWindow", reason: "must be a positive number of seconds")
        }
        guard (1...PageRequest.maximumLimit).contains(configuration.maximumRequests) else {
            throw ValidationError(
                .outOfRange,
                field: "maximumRequests",
                reason: "must be between 1 and \(PageRequest.maximumLimit)"
            )
        }
        sites = centers.reduce(into: [:]) { $0[$1.key] = Site(id: $1.key, center: $1.value) }
        self.apiKeys = apiKeys
        self.configuration = configuration
        let changeset = GeoReportDateTime.format(configuration.changeset)
        let document = GeoReportDiscovery(
            changeset: changeset,
            contact: configuration.contact,
            keyService: configuration.keyService,
            endpoints: [
                .init(
                    url: configuration.publicURL,
                    changeset: changeset,
                    type: configuration.endpointType,
                    formats: GeoReportFormat.allCases.map(\.mediaType)
                )
            ]
        )
        discovery = Dictionary(
            uniqueKeysWithValues: GeoReportFormat.allCases.map { ($0, document.encoded(format: $0)) }
        )
    }

    /// A server for one jurisdiction; `jurisdiction_id` may then be left out of every call.
    public init(
        center: ServiceCenter,
        jurisdictionID: GeoReportJurisdictionID,
        apiKeys: any GeoReportAPIKeyPolicy,
        configuration: Configuration
    ) throws(ValidationError) {
        try self.init(centers: [jurisdictionID: center], apiKeys: apiKeys, configuration: configuration)
    }

    /// Answers one HTTP request. Never throws: every failure is an error document.
    public func respond(to request: GeoReportHTTPRequest) async -> GeoReportHTTPResponse {
        let route: GeoReportRoute
        do {
            route = try GeoReportRoute.parse(request.path, basePath: configuration.basePath)
        } catch .missingFormat {
            return Failure(404, "add .xml or .json to the path").response(.xml)
        } catch {
            return Failure(404, "no GeoReport resource at \(request.path)").response(.xml)
        }
        do {
            return try await handle(route, request)
        } catch let failure as Failure {
            return failure.response(route.format)
        } catch {
            return Failure(500, "the service failed: \(error)").response(route.format)
        }
    }

    private func handle(_ route: GeoReportRoute, _ request: GeoReportHTTPRequest) async throws -> GeoReportHTTPResponse
    {
        let method = request.method.uppercased()
        switch route.resource {
        case .requests where method == "POST":
            return try await submit(request, format: route.format)
        case .requests:
            try allow(["GET", "POST"], method)
        default:
            try allow(["GET"], method)
        }
        switch route.resource {
        case .discovery:
            return ok(discovery[route.format] ?? [], route.format)
        case .services:
            let site = try site(request.query("jurisdiction_id"))
            return ok(site.serviceList[route.format] ?? [], route.format)
        case .service(let code):
            let site = try site(request.query("jurisdiction_id"))
            let code = ServiceTypeCode(code)
            guard site.center.jurisdiction.serviceType(code) != nil else {
                throw Failure(404, "service_code: no service '\(code)'")
            }
            guard let definition = site.definitions[code]?[route.format] else {
                throw Failure(404, "service_code: service '\(code)' has no definition (its metadata is false)")
            }
            return ok(definition, route.format)
        case .requests:
            return try await listRequests(request, format: route.format)
        case .request(let id):
            return try await oneRequest(id, request, format: route.format)
        case .token(let token):
            return try await resolveToken(token, request, format: route.format)
        }
    }

    private func allow(_ methods: [String], _ method: String) throws {
        guard methods.contains(method) else {
            throw Failure(
                405,
                "\(method) is not allowed here; use \(methods.joined(separator: " or "))",
                headers: [GeoReportHTTPField(name: "Allow", value: methods.joined(separator: ", "))]
            )
        }
    }

    /// The site a call names: `jurisdiction_id` is optional with one jurisdiction.
    func site(_ id: String?) throws -> Site {
        guard let id else {
            if sites.count == 1, let only = sites.first?.value { return only }
            throw Failure(400, "jurisdiction_id: required, since this server serves several jurisdictions")
        }
        guard let site = sites[GeoReportJurisdictionID(id)] else {
            throw Failure(404, "jurisdiction_id: no jurisdiction '\(id)'")
        }
        return site
    }

    func ok(_ body: [UInt8], _ format: GeoReportFormat) -> GeoReportHTTPResponse {
        GeoReportHTTPResponse(status: 200, contentType: format.contentType, body: body)
    }

    /// A refusal, answered as the specification's error document.
    struct Failure: Error {
        let status: Int
        let description: String
        let headers: [GeoReportHTTPField]

        init(_ status: Int, _ description: String, headers: [GeoReportHTTPField] = []) {
            self.status = status
            self.description = description
            self.headers = headers
        }

        func response(_ format: GeoReportFormat) -> GeoReportHTTPResponse {
            GeoReportHTTPResponse(
                status: status,
                contentType: format.contentType,
                body: GeoReportErrorDocument(status: status, description: description).encoded(format: format),
                headers: headers
            )
        }
    }
}
