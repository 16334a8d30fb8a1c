import Foundation

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The toolchain's `URLSession` as a transport (`FoundationNetworking` on Linux).
public struct URLSessionGeoReportTransport: GeoReportTransport {
    private let session: URLSession

    /// - Parameter session: the session to use; `.shared` unless you configure your own (proxies,
    ///   certificates).
    public init(session: URLSession = .shared) { self.session = session }

    public func send(_ request: GeoReportTransportRequest) async throws -> GeoReportTransportResponse {
        var urlRequest = URLRequest(url: request.url)
        urlRequest.httpMethod = request.method
        urlRequest.timeoutInterval =
            Double(request.timeout.components.seconds)
            + Double(request.timeout.components.attoseconds) * 1e-18
        for header in request.headers { urlRequest.addValue(header.value, forHTTPHeaderField: header.name) }
        if !request.body.isEmpty { urlRequest.httpBody = Data(request.body) }
        let data: Data
        let response: URLResponse
        do {
            (data, response) = try await session.data(for: urlRequest)
        } catch let error as URLError {
            throw GeoReportTransportError(
                error.code == .timedOut ? .timedOut : .connectionFailed,
                reason: error.localizedDescription
            )
        }
        guard let http = response as? HTTPURLResponse else {
            throw GeoReportTransportError(.connectionFailed, reason: "the answer was not HTTP")
        }
        let headers = http.allHeaderFields.compactMap { name, value -> GeoReportHTTPField? in
            guard let name = name as? String, let value = value as? String else { return nil }
            return GeoReportHTTPField(name: name, value: value)
        }
        return GeoReportTransportResponse(status: http.statusCode, headers: headers, body: Array(data))
    }
}
