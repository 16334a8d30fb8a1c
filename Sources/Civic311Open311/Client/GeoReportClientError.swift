/// A call to a GeoReport server failed: which server, which request, and what it said.
///
/// ``description`` reads like `311.example.gov answered 404 to GET /open311/v2/requests/9.json:
/// 404 Service request not found (1 attempt)`.
public struct GeoReportClientError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What kind of failure. New codes can be added without breaking callers.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Hashable, Sendable {
            case unreachable
            case timedOut
            case serverError
            case undecodable
            case invalidRequest
        }

        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// No answer: the connection failed (after every retry).
        public static var unreachable: Self { Self(.unreachable) }
        /// No answer within the timeout (after every retry).
        public static var timedOut: Self { Self(.timedOut) }
        /// The server answered with an error status; ``GeoReportClientError/errors`` holds what
        /// it said.
        public static var serverError: Self { Self(.serverError) }
        /// The server answered 2xx with a body that is not the document asked for.
        public static var undecodable: Self { Self(.undecodable) }
        /// The call could not be made as asked (a URL that cannot be built, a bad page number).
        public static var invalidRequest: Self { Self(.invalidRequest) }

        public var description: String { base.rawValue }
    }

    public let code: Code
    /// The server's host (and port), for example `311.example.gov`.
    public let server: String
    /// The method and path, for example `GET /open311/v2/services.json`.
    public let request: String
    /// The HTTP status, when an answer came.
    public let status: Int?
    /// What the server said, read from its error document in whatever shape it came.
    public let errors: [GeoReportErrorDocument.Entry]
    /// What went wrong, in words.
    public let reason: String
    /// How many attempts were made.
    public let attempts: Int

    public init(
        _ code: Code,
        server: String,
        request: String,
        status: Int? = nil,
        errors: [GeoReportErrorDocument.Entry] = [],
        reason: String,
        attempts: Int
    ) {
        self.code = code
        self.server = server
        self.request = request
        self.status = status
        self.errors = errors
        self.reason = reason
        self.attempts = attempts
    }

    public var description: String {
        let tries = attempts == 1 ? "1 attempt" : "\(attempts) attempts"
        if let status {
            return "\(server) answered \(status) to \(request): \(reason) (\(tries))"
        }
        return "\(server) did not answer \(request): \(reason) (\(tries))"
    }
}
