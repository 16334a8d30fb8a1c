import Civic311
import Foundation
import Testing

@testable import Civic311Open311

/// Every capture of a real server in `../shared/fixtures/open311/` decodes, to the values it
/// holds.
@Suite(.enabled(if: FixtureFiles.shared != nil, "needs ../shared/fixtures/open311 next to the repository"))
struct SharedFixtureTests {
    /// The captures each test below reads; a new file must get a test.
    static let checked: Set<String> = [
        "bos-digital_services.json", "cfa-node_boston-submitrequest-token.xml", "cfa-node_dc-services-S0301.xml",
        "cfa-node_discovery-dc.xml", "cfa-rb_403.xml", "cfa-rb_get_service_request_not_found.xml",
        "cfa-rb_service_requests_empty.xml", "cfa-rb_services.xml", "o311status_requests_many.xml",
        "o311status_service_requests.json",
    ]

    @Test func everyCaptureHasATest() throws {
        #expect(Set(try FixtureFiles.sharedNames()) == Self.checked)
    }

    @Test func bostonServiceList() throws {
        let services = try GeoReportService.decodeList(
            from: try FixtureFiles.shared("bos-digital_services.json"),
            format: .json
        )
        #expect(services.count == 118)
        let bike = try #require(services.first)
        #expect(bike.code == "ABNDBIKE")
        #expect(bike.name == "Bicycle abandoned on the street or sidewalk")
        #expect(bike.keywords == ["Abandoned bicycle", "bike"])
        #expect(bike.group == "Traffic-Vehicles")
        #expect(bike.hasDefinition)
        #expect(bike.type == .realtime)
        // Boston's own `definitions` object is kept, not dropped.
        let definitions = try #require(bike.extras["definitions"])
        guard case .array(let departments) = try #require(definitions["service_departments"]) else {
            Issue.record("service_departments is not a list")
            return
        }
        #expect(departments.first?["code"] == .string("COB_BTDT_BIKES"))
        #expect(departments.first?["phone"] == .null)
        #expect(services.filter(\.hasDefinition).count == 107)
    }

    @Test func bostonTokenReply() throws {
        let receipts = try GeoReportSubmissionReceipt.decodeList(
            from: try FixtureFiles.shared("cfa-node_boston-submitrequest-token.xml"),
            format: .xml
        )
        #expect(receipts == [GeoReportSubmissionReceipt(id: nil, token: "503fc045901932078800163c")])
    }

    @Test func washingtonPotholeDefinition() throws {
        let definition = try GeoReportServiceDefinition(
            decoding: try FixtureFiles.shared("cfa-node_dc-services-S0301.xml"),
            format: .xml
        )
        #expect(definition.serviceCode == "S0301")
        #expect(definition.attributes.map(\.order) == [9, 3, 1, 8, 4, 2])
        #expect(
            definition.attributesInOrder.map(\.code.rawValue) == [
                "WHISPOLO", "WHMAISAL", "ISITHAZA", "WATHPRDA", "NOTE001", "DSITR001",
            ]
        )
        let notice = try #require(definition.attribute("DSITR001"))
        #expect(!notice.isVariable)
        #expect(notice.datatype == .text)
        #expect(notice.values.isEmpty)
        #expect(notice.description?.hasPrefix("DDOT's standard is to repair potholes within 3 busniness days") == true)
        let location = try #require(definition.attribute("WHISPOLO"))
        #expect(location.isRequired)
        #expect(location.datatype == .singleValueList)
        #expect(location.datatypeDescription == "Optional List of Values")
        #expect(location.values == [.init(key: "ALLEY002", name: "Alley"), .init(key: "STREE001", name: "Street")])
        let damage = try #require(definition.attribute("WATHPRDA"))
        #expect(damage.datatypeDescription == "Boolean Type Yes/No")
        #expect(damage.values.map(\.key) == ["FALSE", "TRUE"])
        // The variable attributes become probing questions; DC's TRUE/FALSE keys stay a choice.
        let serviceType = try ServiceType(
            GeoReportService(code: "S0301", name: "Pothole", hasDefinition: true),
            definition: definition,
            department: "DOT",
            targetSeconds: 259_200
        )
        #expect(serviceType.questions.map(\.id.rawValue) == ["WHISPOLO", "WHMAISAL", "ISITHAZA", "WATHPRDA"])
        #expect(serviceType.question("WATHPRDA")?.kind == .singleChoice)
    }

    @Test func washingtonDiscovery() throws {
        let discovery = try GeoReportDiscovery(
            decoding: try FixtureFiles.shared("cfa-node_discovery-dc.xml"),
            format: .xml
        )
        #expect(discovery.changeset == "2012-03-08T16:00:00-05:00")
        #expect(discovery.changesetDate == utc("2012-03-08T21:00:00Z"))
        #expect(discovery.contact == "You can email or call for assistance octo@dc.gov +1 (202) 727-2277")
        #expect(discovery.keyService == "You can request a key here: http://octo.dc.gov/")
        #expect(discovery.endpoints.count == 2)
        #expect(discovery.endpoints[0].url == "http://app.311.dc.gov/cwi/Open311/v2")
        #expect(discovery.endpoints[0].specification == GeoReportDiscovery.specificationV2)
        #expect(discovery.endpoints[0].type == .production)
        #expect(discovery.endpoints[0].formats == ["text/xml"])
        #expect(discovery.endpoints[1].specification == "http://wiki.open311.org/GeoReport_v2.1_Draft")
    }

    @Test func errorWithoutCodeAfterAStatusLine() throws {
        let document = GeoReportErrorDocument(decoding: try FixtureFiles.shared("cfa-rb_403.xml"), format: .xml)
        #expect(
            document.entries == [
                .init(code: "", description: "Invalid api_key received -- can't proceed with create_request.")
            ]
        )
    }

    @Test func notFoundError() throws {
        let document = GeoReportErrorDocument(
            decoding: try FixtureFiles.shared("cfa-rb_get_service_request_not_found.xml"),
            format: .xml
        )
        #expect(
            document.entries == [
                .init(code: "404", description: "Service request not found with id or token not-an-id")
            ]
        )
    }

    @Test func emptyRequestList() throws {
        let requests = try GeoReportServiceRequest.decodeList(
            from: try FixtureFiles.shared("cfa-rb_service_requests_empty.xml"),
            format: .xml
        )
        #expect(requests.isEmpty)
    }

    @Test func sanFranciscoServiceList() throws {
        let services = try GeoReportService.decodeList(
            from: try FixtureFiles.shared("cfa-rb_services.xml"),
            format: .xml
        )
        #expect(services.count == 36)
        let first = try #require(services.first)
        #expect(first.code == "001")
        #expect(first.name == "Cans_Left_Out_24x7")
        #expect(first.group == "Litter Receptacles")
        #expect(first.keywords.isEmpty)
        #expect(!first.hasDefinition)
        // The trailing line break is the server's text, kept as sent.
        #expect(
            first.description
                == "Garbage or recycling cans that have been left out for more than 24 hours after collection. Violators will be cited.\n"
        )
        #expect(services.allSatisfy { !$0.hasDefinition && $0.type == .realtime })
        #expect(services.contains { $0.code == "379" })
    }

    @Test func torontoRequests() throws {
        let requests = try GeoReportServiceRequest.decodeList(
            from: try FixtureFiles.shared("o311status_requests_many.xml"),
            format: .xml
        )
        #expect(requests.count == 2)
        let first = requests[0]
        #expect(first.id == "101005420892")
        #expect(first.status == .open)
        #expect(first.statusNotes == "In progress - The request has been scheduled.")
        #expect(first.serviceName == "Road - Pot hole")
        #expect(first.serviceCode == "CSROWR-12")
        #expect(first.description == nil)
        #expect(first.agencyResponsible == "311 Toronto")
        #expect(first.serviceNotice == nil)
        #expect(first.requestedAt == utc("2018-07-30T04:01:00Z"))
        #expect(first.updatedAt == nil)
        #expect(first.expectedAt == utc("2018-08-03T04:01:00Z"))
        #expect(first.address == "Warden Ave / Freeman St, Scarborough")
        #expect(first.addressID == "13459430")
        #expect(first.zipCode == nil)
        #expect(first.latitude == 43.691104288)
        #expect(first.longitude == -79.272306875)
        #expect(first.mediaURL == nil)
        #expect(first.extras.isEmpty)
        #expect(requests[1].id == "101005420894")
    }

    @Test func chicagoRequests() throws {
        let requests = try GeoReportServiceRequest.decodeList(
            from: try FixtureFiles.shared("o311status_service_requests.json"),
            format: .json
        )
        #expect(requests.count == 2)
        #expect(requests[0].id == "14-01100669")
        #expect(requests[0].serviceCode == "4ffa9cad6018277d4000007b")
        #expect(requests[0].agencyResponsible == "Division of Electrical Operations CDOT")
        #expect(requests[0].requestedAt == utc("2014-07-12T15:58:43Z"))
        #expect(requests[0].updatedAt == utc("2014-07-12T16:08:21Z"))
        #expect(requests[0].latitude == 41.858724777757864)
        #expect(requests[0].longitude == -87.66475146237676)
        #expect(requests[0].description == nil && requests[0].mediaURL == nil && requests[0].addressID == nil)
        #expect(requests[1].statusNotes == "Locked")
        #expect(requests[1].address == "7408 S NORMAL AVE, CHICAGO, IL, 60621")
    }
}
