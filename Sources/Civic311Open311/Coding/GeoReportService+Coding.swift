import Civic311
import Foundation

extension GeoReportService: GeoReportListItem {
    static var container: GeoReportKey { .services }
    static var containers: Set<GeoReportKey> { [.services] }
    static var item: GeoReportKey { .service }
    static var typicalBytes: Int { 300 }

    static func read<Source: GeoReportSource>(from source: inout Source) throws -> Self {
        var code: String?
        var name: String?
        var service = Self(code: "", name: "", hasDefinition: false)
        try source.readFields(extras: &service.extras) { source, key in
            switch key {
            case .serviceCode: code = try source.readToken()
            case .serviceName: name = try source.readText()
            case .description: service.description = try source.readText()
            case .metadata: service.hasDefinition = try source.readBool() ?? false
            case .type: service.type = SubmissionType(rawValue: try source.readToken() ?? "realtime")
            case .keywords: service.keywords = GeoReportKeywords.split(try source.readText())
            case .group: service.group = try source.readText()
            default: return false
            }
            return true
        }
        guard let code else { throw GeoReportCoding.missing(.serviceCode) }
        guard let name else { throw GeoReportCoding.missing(.serviceName) }
        service.code = ServiceTypeCode(code)
        service.name = name
        return service
    }

    func write<Sink: GeoReportSink>(to sink: inout Sink) {
        sink.text(.serviceCode, code.rawValue)
        sink.text(.serviceName, name)
        sink.text(.description, description)
        sink.bool(.metadata, hasDefinition)
        sink.text(.type, type.rawValue)
        sink.text(.keywords, keywords.isEmpty ? nil : GeoReportKeywords.join(keywords))
        sink.text(.group, group)
    }

    /// Reads a service list (`GET /services`) in either format.
    public static func decodeList(
        from bytes: some ContiguousBytes,
        format: GeoReportFormat
    ) throws(GeoReportDecodingError) -> [Self] {
        try GeoReportCoding.decodeList(Self.self, from: bytes, format: format)
    }

    /// Writes a service list exactly as the specification shapes it.
    public static func encodeList(_ services: [Self], format: GeoReportFormat) -> [UInt8] {
        GeoReportCoding.encodeList(services, format: format)
    }
}

/// `keywords`: one comma-separated string on the wire.
enum GeoReportKeywords {
    static func split(_ text: String?) -> [String] {
        guard let text else { return [] }
        return text.split(separator: ",").map { String($0).trimmedWhitespace }.filter { !$0.isEmpty }
    }

    static func join(_ keywords: [String]) -> String { keywords.joined(separator: ",") }
}
