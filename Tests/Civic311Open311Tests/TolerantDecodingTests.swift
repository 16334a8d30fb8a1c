import Civic311
import Foundation
import Testing

@testable import Civic311Open311

/// What real servers send, in small documents of our own: each test checks the values read, not
/// only that reading succeeded.
@Suite struct TolerantDecodingTests {
    @Test func namespacedServiceListWithEmptyElements() throws {
        let services = try GeoReportService.decodeList(
            from: try FixtureFiles.own("services-namespaced.xml"),
            format: .xml
        )
        #expect(services.count == 2)
        #expect(services[0].code == "007")
        #expect(services[0].name == "Graffiti_Removal")
        #expect(services[0].description == "Paint on a wall.\n")
        #expect(services[0].keywords.isEmpty)
        #expect(services[0].group == "Streets & Sidewalks")
        // A prefixed element name is read by its local name.
        #expect(services[1].code == "042")
        #expect(services[1].description == nil)
        #expect(services[1].hasDefinition)
        #expect(services[1].type == .batch)
        #expect(services[1].keywords == ["hole", "road", "crater"])
        #expect(services[1].group == nil)
        #expect(services[1].extras == [GeoReportField(name: "sla_hours", value: .string("72"))])
    }

    @Test func numericCodesAndBooleanText() throws {
        let services = try GeoReportService.decodeList(
            from: try FixtureFiles.own("services-numeric.json"),
            format: .json
        )
        #expect(services.map(\.code) == ["12", "0013"])
        #expect(services[0].hasDefinition)
        #expect(services[0].description == nil)
        #expect(services[0].keywords.isEmpty)
        #expect(
            services[0].extras == [
                GeoReportField(name: "groups", value: .array([.string("Sanitation"), .string("Animals")]))
            ]
        )
        #expect(services[1].type == .blackbox)
        #expect(services[1].group == nil)
    }

    @Test func definitionWithoutTheAttributesWrapper() throws {
        let definition = try GeoReportServiceDefinition(
            decoding: try FixtureFiles.own("definition-legacy.xml"),
            format: .xml
        )
        #expect(definition.serviceCode == "033")
        #expect(definition.attributes.map(\.code) == ["WHISETN", "NOTICE"])
        #expect(definition.attributesInOrder.map(\.code) == ["NOTICE", "WHISETN"])
        #expect(
            definition.attributes[0].values == [.init(key: "123", name: "Cough"), .init(key: "124", name: "Sneeze")]
        )
        #expect(definition.attributes[0].datatypeDescription == nil)
        #expect(!definition.attributes[1].isVariable)
    }

    @Test func unknownDatatypesAndExtrasAreKept() throws {
        let definition = try GeoReportServiceDefinition(
            decoding: try FixtureFiles.own("definition-extensions.json"),
            format: .json
        )
        #expect(definition.serviceCode == "SR-BIRDINFEST1")
        #expect(definition.extras.map(\.name) == ["service_level_agreement"])
        #expect(definition.extras["service_level_agreement"]?["value"] == .number("5"))
        let kinds = try #require(definition.attribute("KINDS"))
        #expect(kinds.order == 1)  // "1" as text
        #expect(kinds.values == [.init(key: "PIGEON", name: "Pigeons")])  // one object for a list
        let check = try #require(definition.attribute("CHECK"))
        #expect(check.datatype.rawValue == "boolean (checkbox)")
        #expect(!check.datatype.isStandard)
        #expect(check.extras.map(\.name) == ["dependencies"])
        let count = try #require(definition.attribute("COUNT"))
        #expect(count.values.map(\.key) == ["3", "5"])  // bare numbers as values
        // Boston's checkbox reads as a yes/no question.
        let serviceType = try ServiceType(
            GeoReportService(code: "SR-BIRDINFEST1", name: "Birds", hasDefinition: true),
            definition: definition,
            department: "DEP",
            targetSeconds: 86_400
        )
        #expect(serviceType.question("CHECK")?.kind == .yesNo)
        #expect(serviceType.question("WHEN")?.kind == .dateTime)
        #expect(serviceType.question("KINDS")?.choices.map(\.value) == ["PIGEON"])
    }

    @Test func definitionWithAnUnmappableDatatypeNamesTheAttribute() throws {
        var definition = try GeoReportServiceDefinition(
            decoding: try FixtureFiles.own("definition-extensions.json"),
            format: .json
        )
        definition.attributes[0].datatype = .init(rawValue: "signature")
        let error = #expect(throws: ValidationError.self) {
            try ServiceType(
                GeoReportService(code: "SR-BIRDINFEST1", name: "Birds", hasDefinition: true),
                definition: definition,
                department: "DEP",
                targetSeconds: 86_400
            )
        }
        #expect(error?.field == "attributes[0].datatype")
    }

    @Test func discoveryWithAByteOrderMarkAndNonISODates() throws {
        let discovery = try GeoReportDiscovery(decoding: try FixtureFiles.own("discovery-bom.json"), format: .json)
        #expect(discovery.changeset == "2012-09-18T15:37-05")
        #expect(discovery.changesetDate == utc("2012-09-18T20:37:00Z"))
        #expect(discovery.contact == "Call 311")
        #expect(discovery.extras == [GeoReportField(name: "max_requests", value: .number("200"))])
        let endpoint = try #require(discovery.endpoints.first)
        #expect(endpoint.type == .test)
        #expect(endpoint.formats == ["application/json", "text/xml"])
        #expect(endpoint.changesetDate == utc("2011-09-01T17:35:00Z"))
        #expect(
            endpoint.extras == [GeoReportField(name: "locales", value: .array([.string("fi_FI"), .string("en_GB")]))]
        )
    }

    @Test func requestsWithEveryQuirk() throws {
        let requests = try GeoReportServiceRequest.decodeList(
            from: try FixtureFiles.own("requests-quirks.json"),
            format: .json
        )
        #expect(requests.count == 2)
        let first = requests[0]
        #expect(first.id == "638344")
        #expect(first.status == .closed)  // "Closed", lower-cased
        #expect(first.description == "Deep \"hole\"\nnear the school é😀")
        #expect(first.serviceNotice == nil)  // empty is absent
        #expect(first.requestedAt == utc("2010-04-14T14:37:38.250Z"))
        #expect(first.updatedAt == utc("2010-04-15T10:00:00Z"))
        #expect(first.expectedAt == utc("2010-04-15T01:07:38Z"))
        #expect(first.addressID == "545483")
        #expect(first.zipCode == "02134")
        #expect(first.latitude == 37.762221815)
        #expect(first.longitude == -122.4651145)
        #expect(first.mediaURL == "http://example.org/a.jpg")
        #expect(first.extendedAttributes?.detailedStatus == "PROCESSED")
        #expect(first.extendedAttributes?.extras == [GeoReportField(name: "ward", value: .string("14"))])
        #expect(
            first.extendedAttributes?.notes == [
                .init(writtenAt: utc("2010-04-15T00:00:00Z"), text: "Sent to crew", type: "activity")
            ]
        )
        #expect(first.extras == [GeoReportField(name: "priority", value: .number("2"))])
        let pending = requests[1]
        #expect(pending.id == nil)
        #expect(pending.token == "abc-123")
        #expect(pending.mediaURL == nil)
        #expect(pending.extras.first?.name == "media_url")
    }

    @Test func aBareObjectIsAListOfOne() throws {
        let requests = try GeoReportServiceRequest.decodeList(
            from: try FixtureFiles.own("request-bare-object.json"),
            format: .json
        )
        #expect(requests.map(\.id) == ["17"])
        #expect(requests[0].requestedAt == utc("2024-02-29T23:59:59Z"))
        #expect(requests[0].latitude == nil)
    }

    @Test func oneRequestInXMLWithByteOrderMarkCDATAAndOffsets() throws {
        let requests = try GeoReportServiceRequest.decodeList(
            from: try FixtureFiles.own("requests-one.xml"),
            format: .xml
        )
        #expect(requests.count == 1)
        let request = requests[0]
        #expect(request.id == "0001")
        #expect(request.description == "Cracked <curb> & gutter")
        #expect(request.requestedAt == utc("2023-03-26T00:30:00.500Z"))
        #expect(request.updatedAt == nil)
        #expect(request.address == "Rue de l'Église 4")
        #expect(request.longitude == 4.35)
        #expect(request.latitude == 50.85)
        #expect(request.zipCode == "1000")
        #expect(request.extendedAttributes?.detailedStatus == "on_hold")
        #expect(request.lifecycleState == .onHold)
        #expect(request.extendedAttributes?.notes.map(\.text) == ["Waiting for a permit"])
    }

    @Test func fixMyStreetWrapper() throws {
        let body = Array(
            #"{"requests":[{"request":[{"service_request_id":"5","status":"open","service_code":"x","requested_datetime":"2020-01-01T00:00:00Z"},{"service_request_id":"6","status":"closed","service_code":"x","requested_datetime":"2020-01-02T00:00:00Z"}]}]}"#
                .utf8
        )
        let requests = try GeoReportServiceRequest.decodeList(from: body, format: .json)
        #expect(requests.map(\.id) == ["5", "6"])
        #expect(requests.map(\.status) == [.open, .closed])
    }

    @Test func tokenRepliesInSparkAndPlainShapes() throws {
        let receipts = try GeoReportSubmissionReceipt.decodeList(
            from: try FixtureFiles.own("receipt-token.json"),
            format: .json
        )
        #expect(receipts.map(\.token) == ["503fc045901932078800163c", "503fc045901932078800163d"])
        #expect(receipts[1].serviceNotice == "Batch")
        #expect(receipts[1].accountID == nil)
    }

    @Test(arguments: [
        (
            "errors-markaspot.json", GeoReportFormat.json,
            [GeoReportErrorDocument.Entry(code: "404", description: "No service requests found")]
        ),
        ("errors-libre311.json", .json, [.init(code: "", description: "service_code: must not be null")]),
        (
            "errors-boston.json", .json,
            [
                .init(code: "BAD_ADDRESS", description: "Address could not be verified"),
                .init(code: "400", description: "lat and long are sent together"),
            ]
        ),
        (
            "errors-fixmystreet.html", .xml,
            [.init(code: "", description: "Error ERROR: Missing jurisdiction_id Please give one.")]
        ),
        (
            "errors-status-line.xml", .xml,
            [.init(code: "500", description: "CRM down"), .init(code: "ERR-77", description: "Try later")]
        ),
    ])
    func everyErrorShape(file: String, format: GeoReportFormat, expected: [GeoReportErrorDocument.Entry]) throws {
        let document = GeoReportErrorDocument(decoding: try FixtureFiles.own(file), format: format)
        #expect(document.entries == expected)
    }

    @Test func deepNestingIsAnErrorNotACrash() {
        let deep = Array(repeating: UInt8(ascii: "["), count: 100_000)
        #expect(throws: GeoReportDecodingError.self) { try GeoReportService.decodeList(from: deep, format: .json) }
        let deepObject = Array(
            (#"[{"service_code":"1","service_name":"A","x":"# + String(repeating: "[", count: 100_000)).utf8
        )
        #expect(throws: GeoReportDecodingError.self) {
            try GeoReportService.decodeList(from: deepObject, format: .json)
        }
        let deepXML = Array(("<services>" + String(repeating: "<a>", count: 100_000)).utf8)
        #expect(throws: GeoReportDecodingError.self) { try GeoReportService.decodeList(from: deepXML, format: .xml) }
        let errors = GeoReportErrorDocument(decoding: deep, format: .json)
        #expect(errors.entries.count == 1)  // read as text
    }

    /// Found by the `open311-xml` fuzz target: an element name whose bytes are not UTF-8, in a
    /// document read as UTF-8, reached FoundationXML's parser callback, which trapped (the module
    /// read XML with FoundationXML then). Such a
    /// document is refused before it is parsed; a document that declares another encoding is
    /// still converted by the parser, as before.
    @Test func elementNamesThatAreNotUTF8AreAnErrorNotACrash() throws {
        let documents = [
            "<services><service\u{D3}\u{D3}>x</service\u{D3}\u{D3}></services>",
            #"<?xml version="1.0" encoding="utf-8"?><services><s\#u{D3}\#u{D3}/></services>"#,
        ]
        for document in documents {
            // Each character below 256 as one byte: 0xD3 0xD3 is no UTF-8 sequence.
            let bytes = document.unicodeScalars.map { UInt8(truncatingIfNeeded: $0.value) }
            let error = #expect(throws: GeoReportDecodingError.self) {
                try GeoReportService.decodeList(from: bytes, format: .xml)
            }
            #expect(error?.code == .malformedDocument)
            #expect(error?.reason.contains("UTF-8") == true, "\(String(describing: error))")
            // An error reply is read from anything: these bytes are read as plain text (before the
            // fix, this trapped too), and only text inside elements becomes a description.
            let reply = GeoReportErrorDocument(decoding: bytes, format: .xml)
            #expect(reply.entries.allSatisfy { !$0.description.contains("<") })
        }
        let latin1 =
            Array(#"<?xml version="1.0" encoding="ISO-8859-1"?><services><service><service_code>1</service_code>"#.utf8)
            + Array("<service_name>Caf".utf8) + [0xC9] + Array("</service_name></service></services>".utf8)
        #expect(try GeoReportService.decodeList(from: latin1, format: .xml).map(\.name) == ["Caf\u{C9}"])
    }

    @Test func malformedDocumentsAreErrorsWithAPlace() throws {
        let truncated = Array(#"[{"service_code":"1","service_name":"A""#.utf8)
        let error = #expect(throws: GeoReportDecodingError.self) {
            try GeoReportService.decodeList(from: truncated, format: .json)
        }
        #expect(error?.code == .malformedDocument)
        let badDate = Array(
            #"[{"service_request_id":"1","status":"open","service_code":"x","requested_datetime":"yesterday"}]"#.utf8
        )
        let dateError = #expect(throws: GeoReportDecodingError.self) {
            try GeoReportServiceRequest.decodeList(from: badDate, format: .json)
        }
        #expect(dateError?.path == "[0].requested_datetime")
        #expect(dateError?.code == .invalidValue)
        let missing = Array(
            "<service_requests><request><status>open</status><service_code>x</service_code></request></service_requests>"
                .utf8
        )
        let missingError = #expect(throws: GeoReportDecodingError.self) {
            try GeoReportServiceRequest.decodeList(from: missing, format: .xml)
        }
        #expect(missingError?.path == "[0].requested_datetime")
        #expect(missingError?.code == .missingField)
        #expect(throws: GeoReportDecodingError.self) {
            try GeoReportService.decodeList(from: Array("<services><service>".utf8), format: .xml)
        }
        // A list cut off before its end tag is not an empty list.
        #expect(throws: GeoReportDecodingError.self) {
            try GeoReportServiceRequest.decodeList(from: Array("<service_requests>\n".utf8), format: .xml)
        }
        #expect(throws: GeoReportDecodingError.self) {
            try GeoReportServiceRequest.decodeList(from: Array("[".utf8), format: .json)
        }
    }
}
