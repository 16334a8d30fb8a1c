import Civic311
import Foundation

extension GeoReportSubmission {
    /// Reads a form-encoded submission body.
    ///
    /// Empty fields count as absent (the specification's "optional"). `attribute[code]` gives one
    /// value and `attribute[code][]` one of several; fields this type has no property for are
    /// kept in ``extras``.
    ///
    /// - Throws: `GeoReportDecodingError` whose path is the field at fault: a malformed body, a
    ///   field given twice, an `attribute[` name that does not close, `lat` or `long` that is no
    ///   number, a missing `service_code`.
    public init(formBody: some ContiguousBytes) throws(GeoReportDecodingError) {
        let fields: [(String, String)]
        do {
            fields = try formBody.withUnsafeBytes { raw in
                try FormBody.fields(raw.assumingMemoryBound(to: UInt8.self))
            }
        } catch let error as GeoReportDecodingError {
            throw error
        } catch {
            throw GeoReportDecodingError(.malformedDocument, path: "", reason: "\(error)")
        }
        try self.init(formFields: fields)
    }

    init(formFields fields: [(String, String)]) throws(GeoReportDecodingError) {
        var seen: Set<String> = []
        var values: [String: String] = [:]
        var attributes: [QuestionCode: AttributeValue] = [:]
        var extras: [GeoReportField] = []
        for (name, value) in fields {
            if name.hasPrefix("attribute[") {
                let (code, isList) = try Self.attributeCode(name)
                switch (attributes[code], isList) {
                case (nil, false):
                    attributes[code] = .single(value)
                case (nil, true):
                    attributes[code] = .multiple(value.isEmpty ? [] : [value])
                case (.multiple(let earlier), true):
                    attributes[code] = .multiple(value.isEmpty ? earlier : earlier + [value])
                default:
                    throw GeoReportDecodingError(.invalidValue, path: name, reason: "given more than once")
                }
                continue
            }
            guard Self.formFieldNames.contains(name) else {
                extras.append(GeoReportField(name: name, value: .string(value)))
                continue
            }
            guard seen.insert(name).inserted else {
                throw GeoReportDecodingError(.invalidValue, path: name, reason: "given more than once")
            }
            if !value.isEmpty { values[name] = value }
        }
        guard let code = values["service_code"]?.trimmedWhitespace, !code.isEmpty else {
            throw GeoReportDecodingError(.missingField, path: "service_code", reason: "is required")
        }
        self.init(
            jurisdictionID: values["jurisdiction_id"].map { GeoReportJurisdictionID($0) },
            apiKey: values["api_key"],
            serviceCode: ServiceTypeCode(code),
            latitude: try Self.number(values["lat"], field: "lat"),
            longitude: try Self.number(values["long"], field: "long"),
            addressString: values["address_string"],
            addressID: values["address_id"],
            email: values["email"],
            deviceID: values["device_id"],
            accountID: values["account_id"],
            firstName: values["first_name"],
            lastName: values["last_name"],
            phone: values["phone"],
            description: values["description"],
            mediaURL: values["media_url"],
            attributes: attributes,
            extras: extras
        )
    }

    /// The fields the specification defines, in the order they are written.
    static let formFieldNames: [String] = [
        "jurisdiction_id", "api_key", "service_code", "lat", "long", "address_string", "address_id", "email",
        "device_id", "account_id", "first_name", "last_name", "phone", "description", "media_url",
    ]

    private static func attributeCode(_ name: String) throws(GeoReportDecodingError) -> (QuestionCode, Bool) {
        var rest = name.dropFirst("attribute[".count)
        var isList = false
        if rest.hasSuffix("][]") {
            rest = rest.dropLast(3)
            isList = true
        } else if rest.hasSuffix("]") {
            rest = rest.dropLast()
        } else {
            throw GeoReportDecodingError(
                .malformedDocument,
                path: name,
                reason: "an attribute field is attribute[code]"
            )
        }
        guard !rest.isEmpty, !rest.contains("["), !rest.contains("]") else {
            throw GeoReportDecodingError(
                .malformedDocument,
                path: name,
                reason: "an attribute field is attribute[code]"
            )
        }
        return (QuestionCode(String(rest)), isList)
    }

    private static func number(_ text: String?, field: String) throws(GeoReportDecodingError) -> Double? {
        guard let text else { return nil }
        guard let value = Double(text.trimmedWhitespace), value.isFinite else {
            throw GeoReportDecodingError(.invalidValue, path: field, reason: "'\(text)' is not a number")
        }
        return value
    }

    /// The form-encoded body, exactly the specification's fields: attributes in code order,
    /// lists as `attribute[code][]` (an empty list as one empty item), absent fields left out.
    /// ``extras`` are not written.
    public func formBody() -> [UInt8] {
        var body: [UInt8] = []
        body.reserveCapacity(256)
        let values: [String?] = [
            jurisdictionID?.rawValue, apiKey, serviceCode.rawValue, latitude.map(Self.text(of:)),
            longitude.map(Self.text(of:)), addressString, addressID, email, deviceID, accountID, firstName, lastName,
            phone, description, mediaURL,
        ]
        for (name, value) in zip(Self.formFieldNames, values) {
            if let value { FormBody.append(name, value, to: &body) }
        }
        for (code, value) in attributes.sorted(by: { $0.key < $1.key }) {
            switch value {
            case .single(let text):
                FormBody.append("attribute[\(code)]", text, to: &body)
            case .multiple(let texts):
                // An empty list is one empty item, which reads back as an empty list.
                for text in texts.isEmpty ? [""] : texts { FormBody.append("attribute[\(code)][]", text, to: &body) }
            }
        }
        return body
    }
}
