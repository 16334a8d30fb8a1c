import Foundation

/// A transport that answers in memory: from a ``GeoReportServer`` (a client and a server in one
/// process, no sockets), or from a closure that scripts answers and failures for tests.
public struct InMemoryGeoReportTransport: GeoReportTransport {
    private let exchange: @Sendable (GeoReportTransportRequest) async throws -> GeoReportTransportResponse

    /// A transport whose every exchange is `exchange`.
    public init(_ exchange: @escaping @Sendable (GeoReportTransportRequest) async throws -> GeoReportTransportResponse)
    {
        self.exchange = exchange
    }

    /// A transport that hands every request to `server`, as an HTTP server mounting it would:
    /// the URL's path and query become the handler's.
    public init(server: GeoReportServer) {
        self.init { request in
            guard let components = URLComponents(url: request.url, resolvingAgainstBaseURL: false) else {
                throw GeoReportTransportError(.connectionFailed, reason: "\(request.url) is not a URL")
            }
            var target = components.percentEncodedPath
            if let query = components.percentEncodedQuery { target += "?" + query }
            let handlerRequest: GeoReportHTTPRequest
            do {
                handlerRequest = try GeoReportHTTPRequest(
                    method: request.method,
                    target: target,
                    headers: request.headers,
                    body: request.body
                )
            } catch let error as GeoReportDecodingError {
                // What an HTTP server would answer to a query it cannot parse.
                let document = GeoReportErrorDocument(status: 400, description: error.message)
                return GeoReportTransportResponse(status: 400, body: document.encoded(format: .xml))
            }
            let response = await server.respond(to: handlerRequest)
            return GeoReportTransportResponse(
                status: response.status,
                headers: response.headers + [GeoReportHTTPField(name: "Content-Type", value: response.contentType)],
                body: response.body
            )
        }
    }

    public func send(_ request: GeoReportTransportRequest) async throws -> GeoReportTransportResponse {
        try await exchange(request)
    }
}
