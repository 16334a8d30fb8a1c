import Foundation

/// One HTTP exchange a ``GeoReportClient`` asks its transport to make.
public struct GeoReportTransportRequest: Hashable, Sendable {
    public var method: String
    public var url: URL
    public var headers: [GeoReportHTTPField]
    public var body: [UInt8]
    /// How long the transport waits for the answer before giving up with
    /// ``GeoReportTransportError/Code/timedOut``.
    public var timeout: Duration

    public init(method: String, url: URL, headers: [GeoReportHTTPField] = [], body: [UInt8] = [], timeout: Duration) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.timeout = timeout
    }
}

/// What a transport received.
public struct GeoReportTransportResponse: Hashable, Sendable {
    public var status: Int
    public var headers: [GeoReportHTTPField]
    public var body: [UInt8]

    public init(status: Int, headers: [GeoReportHTTPField] = [], body: [UInt8]) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// The first header named `name`, in any case.
    public func header(_ name: String) -> String? {
        let lowered = name.lowercased()
        return headers.first { $0.name.lowercased() == lowered }?.value
    }
}

/// Carries a ``GeoReportClient``'s requests: ``URLSessionGeoReportTransport`` over the network,
/// ``InMemoryGeoReportTransport`` in tests, or your own (a proxy, a recorder).
public protocol GeoReportTransport: Sendable {
    /// Makes one exchange. An HTTP error status is a response, not an error; throw
    /// ``GeoReportTransportError`` when no response came.
    func send(_ request: GeoReportTransportRequest) async throws -> GeoReportTransportResponse
}

/// No response came back.
public struct GeoReportTransportError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Why. New codes can be added without breaking callers.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Hashable, Sendable {
            case timedOut
            case connectionFailed
        }

        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// The server did not answer within the request's timeout.
        public static var timedOut: Self { Self(.timedOut) }
        /// The server could not be reached, or the connection broke.
        public static var connectionFailed: Self { Self(.connectionFailed) }

        public var description: String { base.rawValue }
    }

    public let code: Code
    public let reason: String

    public init(_ code: Code, reason: String) {
        self.code = code
        self.reason = reason
    }

    public var description: String { "GeoReportTransportError(\(code)): \(reason)" }
}
