/// Every element and field name the GeoReport documents define, so readers match names without
/// building strings for them.
enum GeoReportKey: Int, CaseIterable, Sendable {
    case discovery, changeset, contact, keyService, endpoints, endpoint, specification, url, type, formats, format,
        services, service, serviceCode, serviceName, description, metadata, keywords, group, serviceDefinition,
        attributes, attribute, variable, code, datatype, required, datatypeDescription, order, values, value, key, name,
        serviceRequests, requests, request, serviceRequestID, token, status, statusNotes, agencyResponsible,
        serviceNotice, requestedDatetime, updatedDatetime, expectedDatetime, address, addressID, zipcode, lat, long,
        mediaURL, accountID, extendedAttributes, detailedStatus, notes, note, datetime, errors, error, message

    /// The name as documents spell it.
    var spelling: String {
        switch self {
        case .discovery: "discovery"
        case .changeset: "changeset"
        case .contact: "contact"
        case .keyService: "key_service"
        case .endpoints: "endpoints"
        case .endpoint: "endpoint"
        case .specification: "specification"
        case .url: "url"
        case .type: "type"
        case .formats: "formats"
        case .format: "format"
        case .services: "services"
        case .service: "service"
        case .serviceCode: "service_code"
        case .serviceName: "service_name"
        case .description: "description"
        case .metadata: "metadata"
        case .keywords: "keywords"
        case .group: "group"
        case .serviceDefinition: "service_definition"
        case .attributes: "attributes"
        case .attribute: "attribute"
        case .variable: "variable"
        case .code: "code"
        case .datatype: "datatype"
        case .required: "required"
        case .datatypeDescription: "datatype_description"
        case .order: "order"
        case .values: "values"
        case .value: "value"
        case .key: "key"
        case .name: "name"
        case .serviceRequests: "service_requests"
        case .requests: "requests"
        case .request: "request"
        case .serviceRequestID: "service_request_id"
        case .token: "token"
        case .status: "status"
        case .statusNotes: "status_notes"
        case .agencyResponsible: "agency_responsible"
        case .serviceNotice: "service_notice"
        case .requestedDatetime: "requested_datetime"
        case .updatedDatetime: "updated_datetime"
        case .expectedDatetime: "expected_datetime"
        case .address: "address"
        case .addressID: "address_id"
        case .zipcode: "zipcode"
        case .lat: "lat"
        case .long: "long"
        case .mediaURL: "media_url"
        case .accountID: "account_id"
        case .extendedAttributes: "extended_attributes"
        case .detailedStatus: "detailed_status"
        case .notes: "notes"
        case .note: "note"
        case .datetime: "datetime"
        case .errors: "errors"
        case .error: "error"
        case .message: "message"
        }
    }

    /// The keys by UTF-8 length, for matching raw bytes.
    private static let byLength: [[(bytes: [UInt8], key: GeoReportKey)]] = {
        var table: [[(bytes: [UInt8], key: GeoReportKey)]] = Array(repeating: [], count: 24)
        for key in allCases {
            let bytes = Array(key.spelling.utf8)
            table[bytes.count].append((bytes, key))
        }
        return table
    }()

    /// The key spelled by `bytes`, ignoring an XML namespace prefix (`m:service` is `service`).
    static func matching(_ bytes: UnsafeBufferPointer<UInt8>) -> GeoReportKey? {
        var start = 0
        if let colon = bytes.lastIndex(of: UInt8(ascii: ":")) { start = colon + 1 }
        let count = bytes.count - start
        guard count < byLength.count else { return nil }
        for entry in byLength[count] {
            var equal = true
            for offset in 0..<count where entry.bytes[offset] != bytes[start + offset] {
                equal = false
                break
            }
            if equal { return entry.key }
        }
        return nil
    }

    static func matching(_ name: String) -> GeoReportKey? {
        var name = name
        return name.withUTF8 { matching($0) }
    }
}

/// A field of a document: one the specification defines, or another kept as an extra.
enum GeoReportFieldName {
    case known(GeoReportKey)
    case other(String)

    var text: String {
        switch self {
        case .known(let key): key.spelling
        case .other(let name): name
        }
    }
}
