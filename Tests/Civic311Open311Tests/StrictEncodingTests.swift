import Civic311
import Civic311SampleCounty
import Foundation
import Testing

@testable import Civic311Open311

/// Writing is strict: exactly the specification's shapes, ids as strings; and what is written
/// reads back to the same values, in either format.
@Suite struct StrictEncodingTests {
    static let request = GeoReportServiceRequest(
        id: "00123",
        status: .open,
        statusNotes: "In progress",
        serviceName: "Pothole",
        serviceCode: "001",
        description: "Line one\r\nline \"two\" <b>&</b>\ttab \u{1}",
        agencyResponsible: "Streets",
        serviceNotice: nil,
        requestedAt: utc("2024-01-02T03:04:05.678Z"),
        updatedAt: nil,
        expectedAt: utc("2024-01-05T03:04:05Z"),
        address: "1 Main St",
        zipCode: "02134",
        latitude: 37.762221815,
        longitude: -122
    )

    @Test func requestListInJSON() {
        let json = String(decoding: GeoReportServiceRequest.encodeList([Self.request], format: .json), as: UTF8.self)
        #expect(
            json
                == #"[{"service_request_id":"00123","status":"open","status_notes":"In progress","service_name":"Pothole","#
                + #""service_code":"001","description":"Line one\r\nline \"two\" <b>&</b>\ttab \u0001","#
                + #""agency_responsible":"Streets","requested_datetime":"2024-01-02T03:04:05.678Z","updated_datetime":null,"#
                + #""expected_datetime":"2024-01-05T03:04:05Z","address":"1 Main St","address_id":null,"zipcode":"02134","#
                + #""lat":37.762221815,"long":-122,"media_url":null}]"#
        )
    }

    @Test func requestListInXML() {
        let xml = String(decoding: GeoReportServiceRequest.encodeList([Self.request], format: .xml), as: UTF8.self)
        #expect(
            xml == #"<?xml version="1.0" encoding="utf-8"?><service_requests><request>"#
                + "<service_request_id>00123</service_request_id><status>open</status><status_notes>In progress</status_notes>"
                + "<service_name>Pothole</service_name><service_code>001</service_code>"
                + "<description>Line one&#13;\nline \"two\" &lt;b&gt;&amp;&lt;/b&gt;\ttab \u{FFFD}</description>"
                + "<agency_responsible>Streets</agency_responsible><requested_datetime>2024-01-02T03:04:05.678Z</requested_datetime>"
                + "<updated_datetime/><expected_datetime>2024-01-05T03:04:05Z</expected_datetime><address>1 Main St</address>"
                + "<address_id/><zipcode>02134</zipcode><lat>37.762221815</lat><long>-122</long><media_url/></request>\n</service_requests>"
        )
    }

    @Test func servicesDefinitionDiscoveryAndErrors() throws {
        let service = GeoReportService(
            code: "007",
            name: "Graffiti",
            hasDefinition: true,
            keywords: ["paint", "tag"],
            group: "Streets"
        )
        #expect(
            String(decoding: GeoReportService.encodeList([service], format: .json), as: UTF8.self)
                == #"[{"service_code":"007","service_name":"Graffiti","description":null,"metadata":true,"type":"realtime","keywords":"paint,tag","group":"Streets"}]"#
        )
        let definition = GeoReportServiceDefinition(
            serviceCode: "007",
            attributes: [
                GeoReportAttribute(
                    code: "kind",
                    datatype: .singleValueList,
                    isRequired: true,
                    order: 1,
                    description: "Kind?",
                    values: [.init(key: "1", name: "One")]
                )
            ]
        )
        #expect(
            String(decoding: definition.encoded(format: .json), as: UTF8.self)
                == #"{"service_code":"007","attributes":[{"variable":true,"code":"kind","datatype":"singlevaluelist","required":true,"datatype_description":null,"order":1,"description":"Kind?","values":[{"key":"1","name":"One"}]}]}"#
        )
        #expect(
            String(decoding: definition.encoded(format: .xml), as: UTF8.self)
                == #"<?xml version="1.0" encoding="utf-8"?><service_definition><service_code>007</service_code><attributes><attribute>"#
                + "<variable>true</variable><code>kind</code><datatype>singlevaluelist</datatype><required>true</required>"
                + "<datatype_description/><order>1</order><description>Kind?</description><values><value><key>1</key><name>One</name>"
                + "</value></values></attribute></attributes></service_definition>"
        )
        let errors = GeoReportErrorDocument(entries: [
            .init(code: "403", description: "Invalid api_key"), .init(code: "ERR-1", description: "x"),
        ])
        #expect(
            String(decoding: errors.encoded(format: .json), as: UTF8.self)
                == #"[{"code":403,"description":"Invalid api_key"},{"code":"ERR-1","description":"x"}]"#
        )
        #expect(
            String(decoding: errors.encoded(format: .xml), as: UTF8.self)
                == #"<?xml version="1.0" encoding="utf-8"?><errors><error><code>403</code><description>Invalid api_key</description>"#
                + "</error>\n<error><code>ERR-1</code><description>x</description></error>\n</errors>"
        )
        let discovery = GeoReportDiscovery(
            changeset: "2024-01-01T00:00:00Z",
            contact: "311",
            keyService: "Ask",
            endpoints: [
                .init(
                    url: "https://x.example/v2",
                    changeset: "2024-01-01T00:00:00Z",
                    type: .production,
                    formats: ["text/xml", "application/json"]
                )
            ]
        )
        #expect(
            String(decoding: discovery.encoded(format: .json), as: UTF8.self)
                == #"{"changeset":"2024-01-01T00:00:00Z","contact":"311","key_service":"Ask","endpoints":[{"specification":"http://wiki.open311.org/GeoReport_v2","url":"https://x.example/v2","changeset":"2024-01-01T00:00:00Z","type":"production","formats":["text/xml","application/json"]}]}"#
        )
        #expect(try GeoReportDiscovery(decoding: discovery.encoded(format: .xml), format: .xml) == discovery)
    }

    /// Found by the open311-json fuzz target: a code read from `004` was written as the number 4,
    /// so the document did not read back as itself.
    @Test func anErrorCodeWithLeadingZerosStaysTextAndReadsBackAsItself() {
        let document = GeoReportErrorDocument(decoding: Array(#"[{"code":004,"description":"x"}]"#.utf8), format: .json)
        #expect(document.entries.map(\.code) == ["004"])
        let encoded = document.encoded(format: .json)
        #expect(String(decoding: encoded, as: UTF8.self) == #"[{"code":"004","description":"x"}]"#)
        #expect(GeoReportErrorDocument(decoding: encoded, format: .json) == document)
        let zero = GeoReportErrorDocument(entries: [.init(code: "0", description: "x")])
        #expect(String(decoding: zero.encoded(format: .json), as: UTF8.self) == #"[{"code":0,"description":"x"}]"#)
    }

    @Test func receiptsAndTokensKeepTheXORRule() {
        let both = GeoReportSubmissionReceipt(id: "1", token: "t", serviceNotice: "Soon")
        #expect(
            String(decoding: GeoReportSubmissionReceipt.encodeList([both], format: .json), as: UTF8.self)
                == #"[{"service_request_id":"1","service_notice":"Soon"}]"#
        )
        let tokenOnly = GeoReportSubmissionReceipt(id: nil, token: "t")
        #expect(
            String(decoding: GeoReportSubmissionReceipt.encodeList([tokenOnly], format: .xml), as: UTF8.self).hasSuffix(
                "<request><token>t</token></request>\n</service_requests>"
            )
        )
        let pending = GeoReportTokenResolution(id: nil, token: "t")
        #expect(
            String(decoding: GeoReportTokenResolution.encodeList([pending], format: .json), as: UTF8.self)
                == #"[{"service_request_id":null,"token":"t"}]"#
        )
    }

    /// Requests with awkward text, every optional field set or not, and extended attributes.
    static func sampleRequests() -> [GeoReportServiceRequest] {
        let texts = [
            "plain", "quote \" backslash \\ slash /", "line\nbreak\r\nCRLF\ttab", "ünïcødé 😀 中文", "<&>'\"",
            "  padded  ",
        ]
        return (0..<60).map { index in
            var request = GeoReportServiceRequest(
                id: GeoReportRequestID(String(format: "%05d", index)),
                status: index % 3 == 0 ? .closed : .open,
                statusNotes: index % 2 == 0 ? texts[index % texts.count] : nil,
                serviceName: "Service \(index)",
                serviceCode: ServiceTypeCode("0\(index % 7)"),
                description: index % 5 == 0 ? nil : texts[(index + 1) % texts.count],
                agencyResponsible: index % 4 == 0 ? nil : "Agency",
                serviceNotice: index % 6 == 0 ? "Notice \(index)" : nil,
                requestedAt: Date(timeIntervalSince1970: 1_700_000_000 + Double(index) * 3_601.007),
                updatedAt: index % 2 == 0 ? Date(timeIntervalSince1970: 1_700_100_000 + Double(index)) : nil,
                expectedAt: index % 3 == 0 ? nil : Date(timeIntervalSince1970: 1_700_200_000),
                address: index % 7 == 0 ? nil : "\(index) Main St",
                addressID: index % 8 == 0 ? "A\(index)" : nil,
                zipCode: index % 9 == 0 ? "0213\(index % 10)" : nil,
                latitude: index % 10 == 0 ? nil : 40 + Double(index) / 1_000.0 + 0.000_000_123,
                longitude: index % 10 == 0 ? nil : -73.123_456_789 - Double(index),
                mediaURL: index % 11 == 0 ? "https://example.org/\(index).jpg?a=1&b=2" : nil
            )
            if index % 4 == 1 {
                request.extendedAttributes = GeoReportExtendedAttributes(
                    detailedStatus: "in_progress",
                    notes: [
                        .init(
                            writtenAt: Date(timeIntervalSince1970: 1_700_000_123.456),
                            text: texts[index % texts.count],
                            type: "public_note"
                        )
                    ]
                )
            }
            return request
        }
    }

    @Test(arguments: GeoReportFormat.allCases)
    func requestsReadBackEqual(format: GeoReportFormat) throws {
        let requests = Self.sampleRequests()
        let bytes = GeoReportServiceRequest.encodeList(requests, format: format)
        #expect(try GeoReportServiceRequest.decodeList(from: bytes, format: format) == requests)
    }

    @Test func jsonAndXMLGiveTheSameValues() throws {
        let requests = Self.sampleRequests()
        let fromJSON = try GeoReportServiceRequest.decodeList(
            from: GeoReportServiceRequest.encodeList(requests, format: .json),
            format: .json
        )
        let fromXML = try GeoReportServiceRequest.decodeList(
            from: GeoReportServiceRequest.encodeList(requests, format: .xml),
            format: .xml
        )
        #expect(fromJSON == fromXML)
        let county = Jurisdiction.sampleCounty
        let services = county.serviceTypes.map { GeoReportService($0, in: county) }
        #expect(
            try GeoReportService.decodeList(from: GeoReportService.encodeList(services, format: .json), format: .json)
                == GeoReportService.decodeList(from: GeoReportService.encodeList(services, format: .xml), format: .xml)
        )
        for serviceType in county.serviceTypes {
            let definition = GeoReportServiceDefinition(serviceType)
            let json = try GeoReportServiceDefinition(decoding: definition.encoded(format: .json), format: .json)
            let xml = try GeoReportServiceDefinition(decoding: definition.encoded(format: .xml), format: .xml)
            #expect(json == definition)
            #expect(xml == definition)
        }
    }

    @Test func submissionFormRoundTrip() throws {
        let submission = GeoReportSubmission(
            jurisdictionID: "cedarvalley.example",
            apiKey: "k&y=1",
            serviceCode: "POTHOLE",
            latitude: 39.1,
            longitude: -76.9,
            addressString: "214 Elm Street, Apt #2",
            email: "r+s@example.org",
            firstName: "Ana María",
            lastName: "Ruiz",
            phone: "+1 (555) 010-2222",
            description: "100% deep\nline two",
            attributes: ["size": .single("large"), "kinds": .multiple(["a b", "c[d]"]), "z": .single("")]
        )
        let body = submission.formBody()
        let text = String(decoding: body, as: UTF8.self)
        #expect(
            text.hasPrefix(
                "jurisdiction_id=cedarvalley.example&api_key=k%26y%3D1&service_code=POTHOLE&lat=39.1&long=-76.9"
            )
        )
        #expect(
            text.hasSuffix(
                "&attribute%5Bkinds%5D%5B%5D=a+b&attribute%5Bkinds%5D%5B%5D=c%5Bd%5D&attribute%5Bsize%5D=large&attribute%5Bz%5D="
            )
        )
        let read = try GeoReportSubmission(formBody: body)
        #expect(read.attributes == submission.attributes)
        #expect(read.serviceCode == "POTHOLE")
        #expect(read.addressString == submission.addressString)
        #expect(read.email == submission.email)
        #expect(read.firstName == submission.firstName)
        #expect(read.description == submission.description)
        #expect(read.apiKey == submission.apiKey)
        #expect(read.latitude == 39.1 && read.longitude == -76.9)
    }

    /// Found by the `open311-form` fuzz target's round trip: `attribute[a][]=` reads as an empty
    /// list, which `formBody()` left out, so the body it wrote read back without the attribute.
    @Test func anEmptyAttributeListSurvivesTheFormBody() throws {
        let read = try GeoReportSubmission(formBody: Array("service_code=A&attribute[a][]=".utf8))
        #expect(read.attributes == ["a": .multiple([])])
        let body = read.formBody()
        #expect(String(decoding: body, as: UTF8.self) == "service_code=A&attribute%5Ba%5D%5B%5D=")
        #expect(try GeoReportSubmission(formBody: body) == read)
    }

    @Test(arguments: [
        ("service_code=A&service_code=B", "service_code"),
        ("service_code=A&lat=north", "lat"),
        ("service_code=A&attribute[x=1", "attribute[x"),
        ("service_code=A&attribute[x]=1&attribute[x][]=2", "attribute[x][]"),
        ("service_code=A&attribute[]=1", "attribute[]"),
        ("lat=1", "service_code"),
        ("service_code=A&description=%ZZ", ""),
        ("service_code=A&=x", ""),
        ("service_code=A&description=%FF%FE", ""),
    ])
    func malformedFormsNameTheField(body: String, field: String) {
        let error = #expect(throws: GeoReportDecodingError.self) {
            try GeoReportSubmission(formBody: Array(body.utf8))
        }
        #expect(error?.path == field)
    }
}
