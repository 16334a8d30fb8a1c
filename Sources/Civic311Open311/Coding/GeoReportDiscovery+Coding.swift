import Foundation

extension GeoReportDiscovery: GeoReportReadable {
    static func read<Source: GeoReportSource>(from source: inout Source) throws -> Self {
        var changeset: String?
        var contact: String?
        var keyService: String?
        var discovery = Self(changeset: "", contact: "", keyService: "", endpoints: [])
        try source.readFields(extras: &discovery.extras) { source, key in
            switch key {
            case .changeset: changeset = try source.readToken()
            case .contact: contact = try source.readText()
            case .keyService: keyService = try source.readText()
            case .endpoints: try source.readList { discovery.endpoints.append(try Endpoint.read(from: &$0)) }
            default: return false
            }
            return true
        }
        guard let changeset else { throw GeoReportCoding.missing(.changeset) }
        discovery.changeset = changeset
        discovery.contact = contact ?? ""
        discovery.keyService = keyService ?? ""
        return discovery
    }

    /// Reads a discovery document in either format (a leading byte-order mark is skipped).
    public init(decoding bytes: some ContiguousBytes, format: GeoReportFormat) throws(GeoReportDecodingError) {
        self = try GeoReportCoding.decodeDocument(Self.self, from: bytes, format: format)
    }

    /// Writes the document exactly as the specification shapes it.
    public func encoded(format: GeoReportFormat) -> [UInt8] {
        GeoReportCoding.encodeDocument(root: .discovery, format: format, { write(to: &$0) }, { write(to: &$0) })
    }

    func write<Sink: GeoReportSink>(to sink: inout Sink) {
        sink.text(.changeset, changeset)
        sink.text(.contact, contact)
        sink.text(.keyService, keyService)
        sink.beginListField(.endpoints)
        for endpoint in endpoints {
            sink.beginItem(.endpoint)
            sink.text(.specification, endpoint.specification)
            sink.text(.url, endpoint.url)
            sink.text(.changeset, endpoint.changeset)
            sink.text(.type, endpoint.type.rawValue)
            sink.beginListField(.formats)
            for format in endpoint.formats { sink.textItem(.format, format) }
            sink.endListField(.formats)
            sink.endItem(.endpoint)
        }
        sink.endListField(.endpoints)
    }
}

extension GeoReportDiscovery.Endpoint: GeoReportReadable {
    static func read<Source: GeoReportSource>(from source: inout Source) throws -> Self {
        var url: String?
        var endpoint = Self(specification: "", url: "", changeset: "", type: .production, formats: [])
        try source.readFields(extras: &endpoint.extras) { source, key in
            switch key {
            case .specification: endpoint.specification = try source.readToken() ?? ""
            case .url: url = try source.readToken()
            case .changeset: endpoint.changeset = try source.readToken() ?? ""
            case .type: endpoint.type = .init(rawValue: try source.readToken() ?? "production")
            case .formats:
                try source.readList { source in
                    if let format = try source.readToken() { endpoint.formats.append(format) }
                }
            default: return false
            }
            return true
        }
        guard let url else { throw GeoReportCoding.missing(.url) }
        endpoint.url = url
        return endpoint
    }
}
