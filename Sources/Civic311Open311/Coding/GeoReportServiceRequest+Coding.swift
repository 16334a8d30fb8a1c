import Civic311
import Foundation

extension GeoReportServiceRequest: GeoReportListItem {
    static var container: GeoReportKey { .serviceRequests }
    static var containers: Set<GeoReportKey> { [.serviceRequests, .requests] }
    static var item: GeoReportKey { .request }
    static var typicalBytes: Int { 560 }

    static func read<Source: GeoReportSource>(from source: inout Source) throws -> Self {
        var status: String?
        var code: String?
        var requestedAt: Date?
        var request = Self(
            id: nil,
            status: .open,
            serviceName: nil,
            serviceCode: "",
            requestedAt: Date(timeIntervalSince1970: 0)
        )
        try source.readFields(extras: &request.extras) { source, key in
            switch key {
            case .serviceRequestID: request.id = try source.readToken().map { GeoReportRequestID($0) }
            case .token: request.token = try source.readToken().map { GeoReportToken($0) }
            case .status: status = try source.readToken()
            case .statusNotes: request.statusNotes = try source.readText()
            case .serviceName: request.serviceName = try source.readText()
            case .serviceCode: code = try source.readToken()
            case .description: request.description = try source.readText()
            case .agencyResponsible: request.agencyResponsible = try source.readText()
            case .serviceNotice: request.serviceNotice = try source.readText()
            case .requestedDatetime: requestedAt = try source.readDate()
            case .updatedDatetime: request.updatedAt = try source.readDate()
            case .expectedDatetime: request.expectedAt = try source.readDate()
            case .address: request.address = try source.readText()
            case .addressID: request.addressID = try source.readToken()
            case .zipcode: request.zipCode = try source.readToken()
            case .lat: request.latitude = try source.readNumber()
            case .long: request.longitude = try source.readNumber()
            case .mediaURL:
                // One URL by the specification; Boston sends a list of objects, kept as an extra.
                guard try source.holdsScalar() else { return false }
                request.mediaURL = try source.readToken()
            case .extendedAttributes: request.extendedAttributes = try GeoReportExtendedAttributes.read(from: &source)
            default: return false
            }
            return true
        }
        guard let status else { throw GeoReportCoding.missing(.status) }
        guard let code else { throw GeoReportCoding.missing(.serviceCode) }
        guard let requestedAt else { throw GeoReportCoding.missing(.requestedDatetime) }
        // uReport lower-cases `status` in one view and not in another.
        request.status = Status(rawValue: status.lowercased())
        request.serviceCode = ServiceTypeCode(code)
        request.requestedAt = requestedAt
        return request
    }

    func write<Sink: GeoReportSink>(to sink: inout Sink) {
        if let id {
            sink.text(.serviceRequestID, id.rawValue)
        } else if let token {
            // The specification returns a token only instead of an id.
            sink.text(.token, token.rawValue)
        } else {
            sink.text(.serviceRequestID, nil)
        }
        sink.text(.status, status.rawValue)
        if let statusNotes { sink.text(.statusNotes, statusNotes) }
        sink.text(.serviceName, serviceName)
        sink.text(.serviceCode, serviceCode.rawValue)
        sink.text(.description, description)
        if let agencyResponsible { sink.text(.agencyResponsible, agencyResponsible) }
        if let serviceNotice { sink.text(.serviceNotice, serviceNotice) }
        sink.date(.requestedDatetime, requestedAt)
        sink.date(.updatedDatetime, updatedAt)
        if let expectedAt { sink.date(.expectedDatetime, expectedAt) }
        sink.text(.address, address)
        sink.text(.addressID, addressID)
        sink.text(.zipcode, zipCode)
        sink.number(.lat, latitude)
        sink.number(.long, longitude)
        sink.text(.mediaURL, mediaURL)
        if let extendedAttributes {
            sink.beginObjectField(.extendedAttributes)
            extendedAttributes.write(to: &sink)
            sink.endObjectField(.extendedAttributes)
        }
    }

    /// Reads a request list (`GET /requests`, or `GET /requests/{id}`, a list of one) in either
    /// format. A bare object, a single `<request>` and wrapper objects are read as lists too.
    public static func decodeList(
        from bytes: some ContiguousBytes,
        format: GeoReportFormat
    ) throws(GeoReportDecodingError) -> [Self] {
        try GeoReportCoding.decodeList(Self.self, from: bytes, format: format)
    }

    /// Writes a request list exactly as the specification shapes it.
    public static func encodeList(_ requests: [Self], format: GeoReportFormat) -> [UInt8] {
        GeoReportCoding.encodeList(requests, format: format)
    }
}

extension GeoReportExtendedAttributes: GeoReportReadable, GeoReportWritable {
    static func read<Source: GeoReportSource>(from source: inout Source) throws -> Self {
        var attributes = Self()
        try source.readFields(extras: &attributes.extras) { source, key in
            switch key {
            case .detailedStatus: attributes.detailedStatus = try source.readToken()
            case .notes: try source.readList { attributes.notes.append(try Note.read(from: &$0)) }
            default: return false
            }
            return true
        }
        return attributes
    }

    func write<Sink: GeoReportSink>(to sink: inout Sink) {
        if let detailedStatus { sink.text(.detailedStatus, detailedStatus) }
        sink.beginListField(.notes)
        for note in notes {
            sink.beginItem(.note)
            sink.date(.datetime, note.writtenAt)
            sink.text(.description, note.text)
            if let type = note.type { sink.text(.type, type) }
            sink.endItem(.note)
        }
        sink.endListField(.notes)
    }
}

extension GeoReportExtendedAttributes.Note: GeoReportReadable {
    static func read<Source: GeoReportSource>(from source: inout Source) throws -> Self {
        var writtenAt: Date?
        var text: String?
        var note = Self(writtenAt: Date(timeIntervalSince1970: 0), text: "")
        try source.readFields(extras: &note.extras) { source, key in
            switch key {
            case .datetime: writtenAt = try source.readDate()
            case .description: text = try source.readText()
            case .type: note.type = try source.readToken()
            default: return false
            }
            return true
        }
        guard let writtenAt else { throw GeoReportCoding.missing(.datetime) }
        note.writtenAt = writtenAt
        note.text = text ?? ""
        return note
    }
}

extension GeoReportSubmissionReceipt: GeoReportListItem {
    static var container: GeoReportKey { .serviceRequests }
    static var containers: Set<GeoReportKey> { [.serviceRequests, .requests] }
    static var item: GeoReportKey { .request }
    static var typicalBytes: Int { 200 }

    static func read<Source: GeoReportSource>(from source: inout Source) throws -> Self {
        if try source.holdsList() {
            // `<request><token>…</token></request>` through a naive XML-to-JSON converter: `["…"]`.
            var token: String?
            try source.readList { source in
                let text = try source.readToken()
                if token == nil { token = text }
            }
            return Self(id: nil, token: token.map { GeoReportToken($0) })
        }
        var receipt = Self(id: nil)
        try source.readFields(extras: &receipt.extras) { source, key in
            switch key {
            case .serviceRequestID: receipt.id = try source.readToken().map { GeoReportRequestID($0) }
            case .token: receipt.token = try source.readToken().map { GeoReportToken($0) }
            case .serviceNotice: receipt.serviceNotice = try source.readText()
            case .accountID: receipt.accountID = try source.readToken()
            default: return false
            }
            return true
        }
        return receipt
    }

    func write<Sink: GeoReportSink>(to sink: inout Sink) {
        if let id {
            sink.text(.serviceRequestID, id.rawValue)
        } else if let token {
            sink.text(.token, token.rawValue)
        }
        if let serviceNotice { sink.text(.serviceNotice, serviceNotice) }
        if let accountID { sink.text(.accountID, accountID) }
    }

    /// Reads a submission's reply (`POST /requests`) in either format. Boston's reply whose only
    /// child is `<token>` reads as a receipt with a token.
    public static func decodeList(
        from bytes: some ContiguousBytes,
        format: GeoReportFormat
    ) throws(GeoReportDecodingError) -> [Self] {
        try GeoReportCoding.decodeList(Self.self, from: bytes, format: format)
    }

    /// Writes a submission's reply exactly as the specification shapes it.
    public static func encodeList(_ receipts: [Self], format: GeoReportFormat) -> [UInt8] {
        GeoReportCoding.encodeList(receipts, format: format)
    }
}

extension GeoReportTokenResolution: GeoReportListItem {
    static var container: GeoReportKey { .serviceRequests }
    static var containers: Set<GeoReportKey> { [.serviceRequests, .requests] }
    static var item: GeoReportKey { .request }
    static var typicalBytes: Int { 120 }

    static func read<Source: GeoReportSource>(from source: inout Source) throws -> Self {
        var token: String?
        var resolution = Self(id: nil, token: "")
        try source.readFields(extras: &resolution.extras) { source, key in
            switch key {
            case .serviceRequestID: resolution.id = try source.readToken().map { GeoReportRequestID($0) }
            case .token: token = try source.readToken()
            default: return false
            }
            return true
        }
        guard let token else { throw GeoReportCoding.missing(.token) }
        resolution.token = GeoReportToken(token)
        return resolution
    }

    func write<Sink: GeoReportSink>(to sink: inout Sink) {
        sink.text(.serviceRequestID, id?.rawValue)
        sink.text(.token, token.rawValue)
    }

    /// Reads a token lookup's reply (`GET /tokens/{token}`) in either format.
    public static func decodeList(
        from bytes: some ContiguousBytes,
        format: GeoReportFormat
    ) throws(GeoReportDecodingError) -> [Self] {
        try GeoReportCoding.decodeList(Self.self, from: bytes, format: format)
    }

    /// Writes a token lookup's reply exactly as the specification shapes it.
    public static func encodeList(_ resolutions: [Self], format: GeoReportFormat) -> [UInt8] {
        GeoReportCoding.encodeList(resolutions, format: format)
    }
}
