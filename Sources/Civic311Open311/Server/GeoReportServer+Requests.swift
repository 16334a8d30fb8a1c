import Civic311
import Foundation

extension GeoReportServer {
    /// `GET /requests`: the filters of the specification, its 90-day window and 1,000-request
    /// limit, newest first, with `page`/`page_size` to walk further.
    func listRequests(_ request: GeoReportHTTPRequest, format: GeoReportFormat) async throws -> GeoReportHTTPResponse {
        let site = try site(request.query("jurisdiction_id"))
        let extended = Self.extensionsRequested(request)
        var records: [GeoReportServiceRequest] = []
        if let ids = request.query("service_request_id") {
            // "This overrides all other arguments."
            let texts = ids.split(separator: ",").map { String($0).trimmedWhitespace }.filter { !$0.isEmpty }
            guard texts.count <= configuration.maximumRequests else {
                throw Failure(400, "service_request_id: at most \(configuration.maximumRequests) ids at once")
            }
            for text in texts {
                guard let ticket = TicketNumber(text), let found = try await site.center.store.request(ticket) else {
                    continue
                }
                records.append(record(found, site: site, extended: extended))
            }
        } else {
            let filter = try RequestListing(
                request,
                jurisdiction: site.center.jurisdiction,
                configuration: configuration
            )
            for found in try await filter.requests(in: site.center) {
                records.append(record(found, site: site, extended: extended))
            }
        }
        return ok(GeoReportServiceRequest.encodeList(records, format: format), format)
    }

    /// `GET /requests/{id}`: a list of one.
    func oneRequest(
        _ id: String,
        _ request: GeoReportHTTPRequest,
        format: GeoReportFormat
    ) async throws
        -> GeoReportHTTPResponse
    {
        let site = try site(request.query("jurisdiction_id"))
        guard let ticket = TicketNumber(id), let found = try await site.center.store.request(ticket) else {
            throw Failure(404, "service_request_id: no request '\(id)'")
        }
        let record = record(found, site: site, extended: Self.extensionsRequested(request))
        return ok(GeoReportServiceRequest.encodeList([record], format: format), format)
    }

    /// `GET /tokens/{token}`: the request a submission with this token opened.
    func resolveToken(
        _ token: String,
        _ request: GeoReportHTTPRequest,
        format: GeoReportFormat
    ) async throws
        -> GeoReportHTTPResponse
    {
        let site = try site(request.query("jurisdiction_id"))
        // A token belongs to the client that submitted with it: resolving needs that client's key,
        // so one app can never learn what another app's residents reported.
        guard let key = request.query("api_key") else {
            throw Failure(403, "api_key: required to resolve a token")
        }
        guard let client = await apiKeys.client(forAPIKey: key, jurisdiction: site.id) else {
            throw Failure(403, "api_key: not valid for \(site.id)")
        }
        let clientKey = ClientRequestKey(id: token, submittedBy: client.participant)
        guard let found = try await site.center.store.request(clientKey) else {
            throw Failure(404, "token: no submission with token '\(token)'")
        }
        let resolution = GeoReportTokenResolution(
            id: GeoReportRequestID(found.ticket.description),
            token: GeoReportToken(token)
        )
        return ok(GeoReportTokenResolution.encodeList([resolution], format: format), format)
    }

    private func record(_ request: ServiceRequest, site: Site, extended: Bool) -> GeoReportServiceRequest {
        let jurisdiction = site.center.jurisdiction
        var record = GeoReportServiceRequest(request, in: jurisdiction)
        if extended { record.extendedAttributes = GeoReportExtendedAttributes(request, in: jurisdiction) }
        return record
    }

    /// `extensions=true` asks for `extended_attributes` (Chicago's convention); other values of
    /// this extension parameter (6Aika's `citysdk,media`) ask for nothing this server has.
    static func extensionsRequested(_ request: GeoReportHTTPRequest) -> Bool {
        request.query("extensions")?.lowercased() == "true"
    }
}

/// The query of a `GET /requests` without ids, checked: every bad value is a 400 naming it.
struct RequestListing {
    let query: RequestQuery
    let page: Int
    let pageSize: Int

    init(
        _ request: GeoReportHTTPRequest,
        jurisdiction: Jurisdiction,
        configuration: GeoReportServer.Configuration
    ) throws {
        var serviceTypes: Set<ServiceTypeCode>?
        if let codes = request.query("service_code") {
            var set: Set<ServiceTypeCode> = []
            for text in codes.split(separator: ",") {
                let code = ServiceTypeCode(String(text).trimmedWhitespace)
                guard jurisdiction.serviceType(code) != nil else {
                    throw GeoReportServer.Failure(400, "service_code: no service '\(code)'")
                }
                set.insert(code)
            }
            serviceTypes = set.isEmpty ? nil : set
        }
        var states: Set<RequestState>?
        if let statuses = request.query("status") {
            var set: Set<RequestState> = []
            for text in statuses.split(separator: ",") {
                switch String(text).trimmedWhitespace.lowercased() {
                case "open": set.formUnion(RequestState.allCases.filter(\.isOpen))
                case "closed": set.formUnion(RequestState.allCases.filter { !$0.isOpen })
                default: throw GeoReportServer.Failure(400, "status: '\(text)' is not open or closed")
                }
            }
            states = set.isEmpty || set.count == RequestState.allCases.count ? nil : set
        }
        let window = configuration.requestWindow
        let days = Int((window / 86_400).rounded())
        var start = try Self.date(request, "start_date")
        var end = try Self.date(request, "end_date")
        switch (start, end) {
        case (nil, nil):
            end = configuration.clock.now()
            start = end?.addingTimeInterval(-window)
        case (let from?, nil):
            end = from.addingTimeInterval(window)
        case (nil, let to?):
            start = to.addingTimeInterval(-window)
        case (let from?, let to?):
            guard to >= from else { throw GeoReportServer.Failure(400, "end_date: is before start_date") }
            guard to.timeIntervalSince(from) <= window else {
                throw GeoReportServer.Failure(400, "end_date: the range may not span more than \(days) days")
            }
        }
        pageSize =
            try Self.integer(request, "page_size", range: 1...configuration.maximumRequests)
            ?? configuration.maximumRequests
        page = try Self.integer(request, "page", range: 1...1_000_000) ?? 1
        query = RequestQuery(
            states: states,
            serviceTypes: serviceTypes,
            createdFrom: start,
            // end_date is inclusive; the store's bound is exclusive.
            createdBefore: end.map { Date(timeIntervalSince1970: $0.timeIntervalSince1970.nextUp) },
            order: .ticketDescending
        )
    }

    /// The page asked for: earlier pages are walked with the store's cursors.
    func requests(in center: ServiceCenter) async throws -> [ServiceRequest] {
        var cursor: PageCursor?
        var skip = (page - 1) * pageSize
        while skip > 0 {
            let skipped = try await center.requests(
                matching: query,
                page: try PageRequest(limit: min(skip, PageRequest.maximumLimit), after: cursor),
                by: .system
            )
            guard let next = skipped.next else { return [] }
            skip -= skipped.items.count
            cursor = next
        }
        return try await center.requests(
            matching: query,
            page: try PageRequest(limit: pageSize, after: cursor),
            by: .system
        ).items
    }

    private static func date(_ request: GeoReportHTTPRequest, _ name: String) throws -> Date? {
        guard let text = request.query(name) else { return nil }
        guard let date = GeoReportDateTime.parse(text) else {
            throw GeoReportServer.Failure(400, "\(name): '\(text)' is not a W3C date and time (1994-11-05T13:15:30Z)")
        }
        return date
    }

    private static func integer(_ request: GeoReportHTTPRequest, _ name: String, range: ClosedRange<Int>) throws -> Int?
    {
        guard let text = request.query(name) else { return nil }
        guard let value = Int(text.trimmedWhitespace), range.contains(value) else {
            throw GeoReportServer.Failure(
                400,
                "\(name): must be a whole number from \(range.lowerBound) to \(range.upperBound), got '\(text)'"
            )
        }
        return value
    }
}
