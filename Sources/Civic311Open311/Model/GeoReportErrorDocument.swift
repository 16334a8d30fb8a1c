/// The errors a server answers with: `<errors><error><code/><description/></error></errors>`,
/// or `[{"code": 404, "description": "…"}]` in JSON.
///
/// Reading is tolerant of every shape seen in the wild (a lone `<error>` holding text, an HTTP
/// status line before the XML, `{"error": {"code", "message"}}`, a bare `message`, an HTML page);
/// writing produces exactly the specification's shape.
public struct GeoReportErrorDocument: Hashable, Sendable {
    /// One error.
    public struct Entry: Hashable, Sendable {
        /// Usually the HTTP status, but servers may send a more specific code; do not assume they
        /// match.
        public var code: String
        /// Meant to be shown to the user.
        public var description: String

        public init(code: String, description: String) {
            self.code = code
            self.description = description
        }
    }

    public var entries: [Entry]

    public init(entries: [Entry]) { self.entries = entries }

    /// A document with one error whose code is the HTTP status.
    public init(status: Int, description: String) {
        self.entries = [Entry(code: String(status), description: description)]
    }

    /// The descriptions joined, for messages.
    public var summary: String {
        entries.map { $0.code.isEmpty ? $0.description : "\($0.code) \($0.description)" }.joined(separator: "; ")
    }
}
