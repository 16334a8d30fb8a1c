import Civic311
import Foundation

extension GeoReportServiceDefinition: GeoReportReadable {
    static func read<Source: GeoReportSource>(from source: inout Source) throws -> Self {
        var code: String?
        var definition = Self(serviceCode: "", attributes: [])
        try source.readFields(extras: &definition.extras) { source, key in
            switch key {
            case .serviceCode:
                code = try source.readToken()
            case .attributes:
                try source.readList { definition.attributes.append(try GeoReportAttribute.read(from: &$0)) }
            case .attribute:
                // The layout before the `<attributes>` wrapper: attributes directly in the root.
                definition.attributes.append(try GeoReportAttribute.read(from: &source))
            default:
                return false
            }
            return true
        }
        guard let code else { throw GeoReportCoding.missing(.serviceCode) }
        definition.serviceCode = ServiceTypeCode(code)
        return definition
    }

    /// Reads a service definition (`GET /services/{code}`) in either format, with or without the
    /// `<attributes>` wrapper.
    public init(decoding bytes: some ContiguousBytes, format: GeoReportFormat) throws(GeoReportDecodingError) {
        self = try GeoReportCoding.decodeDocument(Self.self, from: bytes, format: format)
    }

    /// Writes the definition exactly as the specification shapes it.
    public func encoded(format: GeoReportFormat) -> [UInt8] {
        GeoReportCoding.encodeDocument(root: .serviceDefinition, format: format, { write(to: &$0) }, { write(to: &$0) })
    }

    func write<Sink: GeoReportSink>(to sink: inout Sink) {
        sink.text(.serviceCode, serviceCode.rawValue)
        sink.beginListField(.attributes)
        for attribute in attributes {
            sink.beginItem(.attribute)
            attribute.write(to: &sink)
            sink.endItem(.attribute)
        }
        sink.endListField(.attributes)
    }
}

extension GeoReportAttribute: GeoReportReadable {
    static func read<Source: GeoReportSource>(from source: inout Source) throws -> Self {
        var code: String?
        var datatype: String?
        var attribute = Self(code: "", datatype: .string, isRequired: false, order: 0, description: nil)
        try source.readFields(extras: &attribute.extras) { source, key in
            switch key {
            case .variable: attribute.isVariable = try source.readBool() ?? true
            case .code: code = try source.readToken()
            case .datatype: datatype = try source.readToken()
            case .required: attribute.isRequired = try source.readBool() ?? false
            case .datatypeDescription: attribute.datatypeDescription = try source.readText()
            case .order: attribute.order = try source.readInteger() ?? 0
            case .description: attribute.description = try source.readText()
            case .values: try source.readList { attribute.values.append(try Value.read(from: &$0)) }
            default: return false
            }
            return true
        }
        guard let code else { throw GeoReportCoding.missing(.code) }
        guard let datatype else { throw GeoReportCoding.missing(.datatype) }
        attribute.code = QuestionCode(code)
        attribute.datatype = Datatype(rawValue: datatype)
        return attribute
    }

    func write<Sink: GeoReportSink>(to sink: inout Sink) {
        sink.bool(.variable, isVariable)
        sink.text(.code, code.rawValue)
        sink.text(.datatype, datatype.rawValue)
        sink.bool(.required, isRequired)
        sink.text(.datatypeDescription, datatypeDescription)
        sink.integer(.order, order)
        sink.text(.description, description)
        sink.beginListField(.values)
        for value in values {
            sink.beginItem(.value)
            sink.text(.key, value.key)
            sink.text(.name, value.name)
            sink.endItem(.value)
        }
        sink.endListField(.values)
    }
}

extension GeoReportAttribute.Value: GeoReportReadable {
    static func read<Source: GeoReportSource>(from source: inout Source) throws -> Self {
        if try source.holdsScalar() {
            // A bare value where an object belongs: it is both the key and the name.
            guard let key = try source.readToken() else { throw GeoReportCoding.missing(.key) }
            return Self(key: key, name: key)
        }
        var key: String?
        var name: String?
        var extras: [GeoReportField] = []
        try source.readFields(extras: &extras) { source, field in
            switch field {
            case .key: key = try source.readToken()
            case .name: name = try source.readText()
            default: return false
            }
            return true
        }
        guard let key else { throw GeoReportCoding.missing(.key) }
        // uReport and others use the key as the name when they give none.
        return Self(key: key, name: name ?? key, extras: extras)
    }
}
