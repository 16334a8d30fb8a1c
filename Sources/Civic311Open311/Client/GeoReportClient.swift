import Civic311
import Foundation

/// Reads any city's GeoReport v2 endpoint, and posts requests to it.
///
/// ```swift
/// let client = try GeoReportClient(
///     configuration: .init(endpoint: URL(string: "https://311.example.gov/open311/v2")!, apiKey: "…")
/// )
/// let services = try await client.services()
/// let open = try await client.requests(GeoReportRequestFilter(statuses: [.open]))
/// ```
///
/// Every call goes through a ``GeoReportTransport``, retries 5xx answers and missing answers
/// with backoff (``GeoReportRetryPolicy``; the wait is injectable so tests are instant), and
/// fails with a ``GeoReportClientError`` that names the server and says what it answered.
public struct GeoReportClient: Sendable {
    /// Where the endpoint is and how to talk to it.
    public struct Configuration: Sendable {
        /// The endpoint's base URL, as discovery lists it (`https://311.example.gov/open311/v2`).
        public var endpoint: URL
        /// The format asked for; XML is the one every server offers.
        public var format: GeoReportFormat
        /// Sent with every call when set.
        public var jurisdictionID: GeoReportJurisdictionID?
        /// Sent in the body of submissions, and with token lookups (a token belongs to the key that
        /// submitted with it); never with other calls.
        public var apiKey: String?
        /// How long one attempt waits for an answer.
        public var timeout: Duration
        public var retry: GeoReportRetryPolicy
        /// The query parameters servers page with (`page`/`page_size`, 1-based, as Chicago and
        /// Civic311 do).
        public var pageParameter: String
        public var pageSizeParameter: String
        /// Makes the token a submission repeats on retries; inject a deterministic source in
        /// tests.
        public var makeToken: @Sendable () -> GeoReportToken
        /// Waits between attempts; inject a recorder in tests so they take no time.
        public var sleep: @Sendable (Duration) async throws -> Void

        public init(
            endpoint: URL,
            format: GeoReportFormat = .json,
            jurisdictionID: GeoReportJurisdictionID? = nil,
            apiKey: String? = nil,
            timeout: Duration = .seconds(30),
            retry: GeoReportRetryPolicy = GeoReportRetryPolicy(),
            pageParameter: String = "page",
            pageSizeParameter: String = "page_size",
            makeToken: @escaping @Sendable () -> GeoReportToken = { GeoReportToken(UUID().uuidString.lowercased()) },
            sleep: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) }
        ) {
            self.endpoint = endpoint
            self.format = format
            self.jurisdictionID = jurisdictionID
            self.apiKey = apiKey
            self.timeout = timeout
            self.retry = retry
            self.pageParameter = pageParameter
            self.pageSizeParameter = pageSizeParameter
            self.makeToken = makeToken
            self.sleep = sleep
        }
    }

    public let configuration: Configuration
    private let transport: any GeoReportTransport

    /// - Throws: `ValidationError` for a timeout that is not positive or a retry policy out of
    ///   range.
    public init(
        transport: any GeoReportTransport = URLSessionGeoReportTransport(),
        configuration: Configuration
    ) throws(ValidationError) {
        guard configuration.timeout > .zero else {
            throw ValidationError(.outOfRange, field: "timeout", reason: "must be positive")
        }
        try configuration.retry.check()
        self.transport = transport
        self.configuration = configuration
    }

    // MARK: Calls

    /// Reads a discovery document; `url` ends in `discovery.xml` or `discovery.json` and may live
    /// anywhere, not only under ``Configuration/endpoint``.
    public func discovery(at url: URL) async throws(GeoReportClientError) -> GeoReportDiscovery {
        let format: GeoReportFormat = url.path.hasSuffix(".json") ? .json : .xml
        let body = try await exchange("GET", url: url, format: format)
        return try decode(url: url, method: "GET") { () throws(GeoReportDecodingError) in
            try GeoReportDiscovery(decoding: body, format: format)
        }
    }

    /// `GET /services`.
    public func services() async throws(GeoReportClientError) -> [GeoReportService] {
        let url = try url(["services"], query: jurisdictionItems)
        let body = try await exchange("GET", url: url, format: configuration.format)
        return try decode(url: url, method: "GET") { () throws(GeoReportDecodingError) in
            try GeoReportService.decodeList(from: body, format: configuration.format)
        }
    }

    /// `GET /services/{code}`.
    public func serviceDefinition(
        _ code: ServiceTypeCode
    ) async throws(GeoReportClientError) -> GeoReportServiceDefinition {
        let url = try url(["services", code.rawValue], query: jurisdictionItems)
        let body = try await exchange("GET", url: url, format: configuration.format)
        return try decode(url: url, method: "GET") { () throws(GeoReportDecodingError) in
            try GeoReportServiceDefinition(decoding: body, format: configuration.format)
        }
    }

    /// One page of `GET /requests`. Without `page`, the server's default (the last 90 days, at
    /// most 1,000 requests on a conforming server; fewer on many real ones).
    public func requests(
        _ filter: GeoReportRequestFilter = GeoReportRequestFilter(),
        page: Int? = nil,
        pageSize: Int? = nil
    ) async throws(GeoReportClientError) -> [GeoReportServiceRequest] {
        var query = jurisdictionItems + filter.queryItems
        if let page {
            guard page >= 1 else { throw invalid("page must be 1 or more, got \(page)", path: ["requests"]) }
            query.append(.init(name: configuration.pageParameter, value: String(page)))
        }
        if let pageSize {
            guard pageSize >= 1 else {
                throw invalid("pageSize must be 1 or more, got \(pageSize)", path: ["requests"])
            }
            query.append(.init(name: configuration.pageSizeParameter, value: String(pageSize)))
        }
        let url = try url(["requests"], query: query)
        let body = try await exchange("GET", url: url, format: configuration.format)
        return try decode(url: url, method: "GET") { () throws(GeoReportDecodingError) in
            try GeoReportServiceRequest.decodeList(from: body, format: configuration.format)
        }
    }

    /// Every request matching `filter`, page by page until a page comes back short, without
    /// duplicates (by id) and without the records some servers list with neither an id nor a
    /// token.
    ///
    /// - Parameters:
    ///   - filter: the filters, sent with every page.
    ///   - pageSize: the page size asked for; a shorter page ends the walk.
    ///   - maximumPages: a bound for servers that ignore the page parameter and answer the same
    ///     page forever.
    public func allRequests(
        _ filter: GeoReportRequestFilter = GeoReportRequestFilter(),
        pageSize: Int = 100,
        maximumPages: Int = 1_000
    ) async throws(GeoReportClientError) -> [GeoReportServiceRequest] {
        var all: [GeoReportServiceRequest] = []
        var seen: Set<String> = []
        for page in 1...max(1, maximumPages) {
            let batch = try await requests(filter, page: page, pageSize: pageSize)
            var added = 0
            for record in batch {
                guard let key = record.id.map({ "id:\($0)" }) ?? record.token.map({ "token:\($0)" }) else { continue }
                if seen.insert(key).inserted {
                    all.append(record)
                    added += 1
                }
            }
            if batch.count < pageSize || added == 0 { break }
        }
        return all
    }

    /// `GET /requests/{id}`.
    public func request(_ id: GeoReportRequestID) async throws(GeoReportClientError) -> GeoReportServiceRequest {
        let url = try url(["requests", id.rawValue], query: jurisdictionItems)
        let body = try await exchange("GET", url: url, format: configuration.format)
        let records = try decode(url: url, method: "GET") { () throws(GeoReportDecodingError) in
            try GeoReportServiceRequest.decodeList(from: body, format: configuration.format)
        }
        guard let record = records.first else {
            throw GeoReportClientError(
                .undecodable,
                server: Self.server(of: url),
                request: "GET \(url.path)",
                status: 200,
                reason: "the answer lists no request",
                attempts: 1
            )
        }
        return record
    }

    /// `POST /requests`: submits `submission` with the configured API key and jurisdiction.
    ///
    /// - Parameters:
    ///   - submission: the form; its API key and jurisdiction default to the configuration's.
    ///   - token: sent as `Idempotency-Key`, the same on every retry, so a server that honors it
    ///     opens the request once; a new one is made when `nil`.
    public func submit(
        _ submission: GeoReportSubmission,
        token: GeoReportToken? = nil
    ) async throws(GeoReportClientError) -> GeoReportSubmissionReceipt {
        var submission = submission
        if submission.apiKey == nil { submission.apiKey = configuration.apiKey }
        if submission.jurisdictionID == nil { submission.jurisdictionID = configuration.jurisdictionID }
        let token = token ?? configuration.makeToken()
        let url = try url(["requests"], query: [])
        let body = try await exchange(
            "POST",
            url: url,
            format: configuration.format,
            headers: [
                GeoReportHTTPField(name: "Content-Type", value: "application/x-www-form-urlencoded; charset=utf-8"),
                GeoReportHTTPField(name: "Idempotency-Key", value: token.rawValue),
            ],
            body: submission.formBody()
        )
        let receipts = try decode(url: url, method: "POST") { () throws(GeoReportDecodingError) in
            try GeoReportSubmissionReceipt.decodeList(from: body, format: configuration.format)
        }
        guard let receipt = receipts.first else {
            throw GeoReportClientError(
                .undecodable,
                server: Self.server(of: url),
                request: "POST \(url.path)",
                status: 200,
                reason: "the answer holds no receipt",
                attempts: 1
            )
        }
        return receipt
    }

    /// `GET /tokens/{token}`: the request a submission's token became; its id is `nil` while a
    /// `batch` server has not numbered it yet (poll again later).
    public func resolve(_ token: GeoReportToken) async throws(GeoReportClientError) -> GeoReportTokenResolution {
        let keyItems = configuration.apiKey.map { [GeoReportHTTPField(name: "api_key", value: $0)] } ?? []
        let url = try url(["tokens", token.rawValue], query: jurisdictionItems + keyItems)
        let body = try await exchange("GET", url: url, format: configuration.format)
        let resolutions = try decode(url: url, method: "GET") { () throws(GeoReportDecodingError) in
            try GeoReportTokenResolution.decodeList(from: body, format: configuration.format)
        }
        return resolutions.first ?? GeoReportTokenResolution(id: nil, token: token)
    }

    // MARK: Exchange

    private var jurisdictionItems: [GeoReportHTTPField] {
        configuration.jurisdictionID.map { [GeoReportHTTPField(name: "jurisdiction_id", value: $0.rawValue)] } ?? []
    }

    /// The URL of a resource: the endpoint, the path segments percent-encoded, the format suffix
    /// on the last one, and the query form-encoded.
    private func url(_ segments: [String], query: [GeoReportHTTPField]) throws(GeoReportClientError) -> URL {
        var text = configuration.endpoint.absoluteString
        while text.hasSuffix("/") { text.removeLast() }
        var bytes = Array(text.utf8)
        for (index, segment) in segments.enumerated() {
            bytes.append(UInt8(ascii: "/"))
            FormBody.encode(segment, to: &bytes, spaceAsPlus: false)
            if index == segments.count - 1 { bytes.append(contentsOf: configuration.format.pathExtension.utf8) }
        }
        var queryBytes: [UInt8] = []
        for item in query { FormBody.append(item.name, item.value, to: &queryBytes) }
        if !queryBytes.isEmpty {
            bytes.append(UInt8(ascii: "?"))
            bytes.append(contentsOf: queryBytes)
        }
        guard let url = URL(string: String(decoding: bytes, as: UTF8.self)) else {
            throw invalid("cannot build a URL from endpoint \(configuration.endpoint)", path: segments)
        }
        return url
    }

    private func invalid(_ reason: String, path: [String]) -> GeoReportClientError {
        GeoReportClientError(
            .invalidRequest,
            server: Self.server(of: configuration.endpoint),
            request: path.joined(separator: "/"),
            reason: reason,
            attempts: 0
        )
    }

    /// Makes the exchange, retrying 5xx answers and missing answers; returns a 2xx body.
    private func exchange(
        _ method: String,
        url: URL,
        format: GeoReportFormat,
        headers: [GeoReportHTTPField] = [],
        body: [UInt8] = []
    ) async throws(GeoReportClientError) -> [UInt8] {
        let request = GeoReportTransportRequest(
            method: method,
            url: url,
            headers: [GeoReportHTTPField(name: "Accept", value: format.mediaType)] + headers,
            body: body,
            timeout: configuration.timeout
        )
        let server = Self.server(of: url)
        let described = "\(method) \(url.path)"
        var attempt = 0
        while true {
            attempt += 1
            let failure: GeoReportClientError
            var retryAfter: Int?
            switch await attemptExchange(request) {
            case .success(let response):
                if (200..<300).contains(response.status) { return response.body }
                let document = GeoReportErrorDocument(decoding: response.body, format: format)
                failure = GeoReportClientError(
                    .serverError,
                    server: server,
                    request: described,
                    status: response.status,
                    errors: document.entries,
                    reason: document.entries.isEmpty ? "no error description" : document.summary,
                    attempts: attempt
                )
                // A 4xx is the request's fault: asking again cannot help.
                guard response.status >= 500 else { throw failure }
                retryAfter = response.header("Retry-After").flatMap { Int($0.trimmedWhitespace) }
            case .failure(let error):
                failure = GeoReportClientError(
                    error.code == .timedOut ? .timedOut : .unreachable,
                    server: server,
                    request: described,
                    reason: error.reason,
                    attempts: attempt
                )
            }
            guard attempt < configuration.retry.maximumAttempts else { throw failure }
            do {
                try await configuration.sleep(configuration.retry.delay(after: attempt, retryAfterSeconds: retryAfter))
            } catch {
                throw failure  // Cancelled while waiting: report what failed.
            }
        }
    }

    /// One attempt; any error a transport throws counts as no answer.
    private func attemptExchange(
        _ request: GeoReportTransportRequest
    ) async -> Result<GeoReportTransportResponse, GeoReportTransportError> {
        do {
            return .success(try await transport.send(request))
        } catch let error as GeoReportTransportError {
            return .failure(error)
        } catch {
            return .failure(GeoReportTransportError(.connectionFailed, reason: "\(error)"))
        }
    }

    private func decode<Value>(
        url: URL,
        method: String,
        _ body: () throws(GeoReportDecodingError) -> Value
    ) throws(GeoReportClientError) -> Value {
        do {
            return try body()
        } catch {
            throw GeoReportClientError(
                .undecodable,
                server: Self.server(of: url),
                request: "\(method) \(url.path)",
                status: 200,
                reason: "the answer is not the document asked for: \(error.message)",
                attempts: 1
            )
        }
    }

    static func server(of url: URL) -> String {
        guard let host = url.host else { return url.absoluteString }
        return url.port.map { "\(host):\($0)" } ?? host
    }
}
