/// A header or query item: a name and a value.
public struct GeoReportHTTPField: Hashable, Sendable {
    public var name: String
    public var value: String

    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}

/// An HTTP request as the GeoReport handler needs it, from whatever server received it.
public struct GeoReportHTTPRequest: Hashable, Sendable {
    /// `GET`, `POST`, …
    public var method: String
    /// The path as received, percent-encoded, without the query (`/open311/v2/services/001.json`).
    public var path: String
    /// Query items, names and values decoded.
    public var queryItems: [GeoReportHTTPField]
    public var headers: [GeoReportHTTPField]
    public var body: [UInt8]

    public init(
        method: String,
        path: String,
        queryItems: [GeoReportHTTPField] = [],
        headers: [GeoReportHTTPField] = [],
        body: [UInt8] = []
    ) {
        self.method = method
        self.path = path
        self.queryItems = queryItems
        self.headers = headers
        self.body = body
    }

    /// A request from its target as received (`/requests.json?status=open&service_code=001`): the
    /// query is decoded as a form (`+` is a space, `%XX` a byte).
    ///
    /// - Throws: `GeoReportDecodingError` when the query is not well-formed.
    public init(
        method: String,
        target: String,
        headers: [GeoReportHTTPField] = [],
        body: [UInt8] = []
    ) throws(GeoReportDecodingError) {
        var path = target
        var queryItems: [GeoReportHTTPField] = []
        // Split at the first "?" scalar, not the first "?" character: a query that begins with a
        // combining mark makes "?" and the mark one character, and the whole target a path.
        let scalars = target.unicodeScalars
        if let question = scalars.firstIndex(of: "?") {
            path = String(scalars[..<question])
            var query = String(scalars[scalars.index(after: question)...])
            let fields = query.withUTF8 { bytes in
                Result { () throws(GeoReportDecodingError) in try FormBody.fields(bytes) }
            }
            queryItems = try fields.get().map { GeoReportHTTPField(name: $0.0, value: $0.1) }
        }
        self.init(method: method, path: path, queryItems: queryItems, headers: headers, body: body)
    }

    /// The first header named `name`, in any case.
    public func header(_ name: String) -> String? {
        let lowered = name.lowercased()
        return headers.first { $0.name.lowercased() == lowered }?.value
    }

    /// The first query item named `name`, or `nil` when it is absent or empty (the
    /// specification treats both alike).
    func query(_ name: String) -> String? {
        guard let value = queryItems.first(where: { $0.name == name })?.value, !value.isEmpty else { return nil }
        return value
    }
}

/// What the handler answers: a status, a content type and a body, plus any headers it needs
/// (`Allow` on a 405).
public struct GeoReportHTTPResponse: Hashable, Sendable {
    public var status: Int
    public var contentType: String
    public var body: [UInt8]
    public var headers: [GeoReportHTTPField]

    public init(status: Int, contentType: String, body: [UInt8], headers: [GeoReportHTTPField] = []) {
        self.status = status
        self.contentType = contentType
        self.body = body
        self.headers = headers
    }
}
