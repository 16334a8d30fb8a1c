import Civic311
import Civic311SampleCounty
import Foundation
import Testing

@testable import Civic311Open311

/// Every rule of the specification the handler applies, with the status and error document it
/// answers.
@Suite struct GeoReportServerTests {
    static let potholeForm =
        "api_key=app-key&service_code=POTHOLE&address_string=214+Elm+Street&lat=39.05&long=-77.1"
        + "&attribute[size]=large&attribute[position]=lane&description=Deep+hole&email=maria%40example.org"

    @Test(arguments: GeoReportFormat.allCases)
    func discoveryAndCatalogInBothFormats(format: GeoReportFormat) async throws {
        let harness = try await Open311Harness()
        let ext = format.pathExtension
        let discovery = try await harness.call("GET", "/discovery\(ext)")
        #expect(discovery.status == 200)
        #expect(discovery.contentType == format.contentType)
        let document = try GeoReportDiscovery(decoding: discovery.body, format: format)
        #expect(document.endpoints.first?.url == "http://127.0.0.1:8080/open311/v2")
        #expect(document.endpoints.first?.formats == ["text/xml", "application/json"])
        #expect(document.changesetDate == Open311Harness.start)

        let services = try await harness.call("GET", "/services\(ext)")
        #expect(services.status == 200)
        let list = try GeoReportService.decodeList(from: services.body, format: format)
        #expect(list.map(\.code) == Jurisdiction.sampleCounty.serviceTypes.map(\.id))
        #expect(list.contains { $0.hasDefinition })

        let definition = try await harness.call("GET", "/services/POTHOLE\(ext)")
        #expect(definition.status == 200)
        let pothole = try GeoReportServiceDefinition(decoding: definition.body, format: format)
        #expect(pothole.attributes.map(\.code) == ["size", "position", "damage"])

        // The jurisdiction may be named, and must then be the right one.
        #expect(try await harness.call("GET", "/services\(ext)?jurisdiction_id=cedarvalley.example").status == 200)
        let wrong = try await harness.call("GET", "/services\(ext)?jurisdiction_id=elsewhere.example")
        #expect(wrong.status == 404)
        #expect(wrong.contentType == format.contentType)
        #expect(
            wrong.errors(format) == [
                .init(code: "404", description: "jurisdiction_id: no jurisdiction 'elsewhere.example'")
            ]
        )
    }

    @Test func unknownServicesRequestsAndTokensAre404() async throws {
        let harness = try await Open311Harness()
        let cases: [(String, String)] = [
            ("/services/NOPE.json", "service_code: no service 'NOPE'"),
            (
                "/services/COMPLIMENT.json",
                "service_code: service 'COMPLIMENT' has no definition (its metadata is false)"
            ),
            ("/requests/02518-50100-01004.json", "service_request_id: no request '02518-50100-01004'"),
            ("/requests/not-a-ticket.json", "service_request_id: no request 'not-a-ticket'"),
            ("/tokens/abc.json?api_key=app-key", "token: no submission with token 'abc'"),
            ("/nothing.json", "no GeoReport resource at /open311/v2/nothing.json"),
        ]
        for (path, message) in cases {
            let response = try await harness.call("GET", path)
            #expect(response.status == 404, "\(path)")
            #expect(response.errors(.json) == [.init(code: "404", description: message)], "\(path)")
        }
        let bare = try await harness.call("GET", "/services")
        #expect(bare.status == 404)
        #expect(bare.contentType == GeoReportFormat.xml.contentType)
        #expect(bare.errors(.xml) == [.init(code: "404", description: "add .xml or .json to the path")])
        let method = try await harness.call("DELETE", "/services.json")
        #expect(method.status == 405)
        #expect(method.headers == [GeoReportHTTPField(name: "Allow", value: "GET")])
    }

    @Test func severalJurisdictionsNeedTheID() async throws {
        let other = try await ServiceCenter(
            jurisdiction: .sampleCounty,
            store: InMemoryRequestStore(),
            configuration: .init(node: 2, triage: "311")
        )
        let harness = try await Open311Harness(extraCenters: ["millbrook.example": other])
        let missing = try await harness.call("GET", "/services.xml")
        #expect(missing.status == 400)
        #expect(
            missing.errors(.xml) == [
                .init(
                    code: "400",
                    description: "jurisdiction_id: required, since this server serves several jurisdictions"
                )
            ]
        )
        #expect(try await harness.call("GET", "/services.xml?jurisdiction_id=millbrook.example").status == 200)
        #expect(try await harness.call("GET", "/requests.json?jurisdiction_id=nowhere").status == 404)
        let post = try await harness.call("POST", "/requests.json", form: Self.potholeForm)
        #expect(post.status == 400)
        let posted = try await harness.call(
            "POST",
            "/requests.json",
            form: Self.potholeForm + "&jurisdiction_id=millbrook.example"
        )
        #expect(posted.status == 200)
        #expect(try await other.store.countRequests(matching: RequestQuery()) == 1)
        #expect(try await harness.storedCount() == 0)
    }

    /// Found by the open311-form fuzz target: a query beginning with a combining mark made "?"
    /// and the mark one character, so the whole target was taken for the path and a listing
    /// asked for in JSON was refused in XML.
    @Test func aTargetSplitsAtTheFirstQuestionMarkScalar() throws {
        let request = try GeoReportHTTPRequest(
            method: "GET",
            target: "/open311/v2/requests.json?\u{31E}x=1&status=open"
        )
        #expect(request.path == "/open311/v2/requests.json")
        #expect(request.queryItems.map(\.name) == ["\u{31E}x", "status"])
        #expect(request.query("status") == "open")
        let plain = try GeoReportHTTPRequest(method: "GET", target: "/requests.xml?a=%3F?")
        #expect(plain.path == "/requests.xml")
        #expect(plain.query("a") == "??")
    }

    @Test(arguments: GeoReportFormat.allCases)
    func submitThenReadBack(format: GeoReportFormat) async throws {
        let harness = try await Open311Harness()
        let ext = format.pathExtension
        let posted = try await harness.call(
            "POST",
            "/requests\(ext)",
            form: Self.potholeForm + "&first_name=Maria&last_name=Lopez&phone=555-010-7788&device_id=abc",
            headers: [.init(name: "Idempotency-Key", value: "app-42")]
        )
        #expect(posted.status == 200, "\(posted.text)")
        let receipt = try #require(try GeoReportSubmissionReceipt.decodeList(from: posted.body, format: format).first)
        let id = try #require(receipt.id)
        #expect(receipt.token == nil)
        #expect(
            receipt.serviceNotice
                == "Transportation and Streets expects to resolve it by 2026-11-27 17:00 America/New_York."
        )
        // Intake stored what the form said, personal data included, and the channel of the key.
        let stored = try await harness.center.request(try TicketNumber(parsing: id.rawValue), by: .system)
        #expect(stored.answers.map(\.question) == ["size", "position"])
        #expect(stored.submitter == Submitter(name: "Maria Lopez", phone: "555-010-7788", email: "maria@example.org"))
        #expect(stored.channel == .mobileApp)
        #expect(stored.clientRequestID == "app-42")

        let read = try await harness.call("GET", "/requests/\(id)\(ext)")
        #expect(read.status == 200)
        let records = try GeoReportServiceRequest.decodeList(from: read.body, format: format)
        #expect(records.count == 1)
        #expect(records[0].id == id)
        #expect(records[0].status == .open)
        #expect(records[0].description == "Deep hole")
        #expect(!read.text.contains("maria@example.org") && !read.text.contains("Lopez"))

        // A token is the submitting client's: another key, or none, never resolves it.
        let withoutKey = try await harness.call("GET", "/tokens/app-42\(ext)")
        #expect(withoutKey.status == 403)
        let token = try await harness.call("GET", "/tokens/app-42\(ext)?api_key=app-key")
        #expect(token.status == 200)
        #expect(
            try GeoReportTokenResolution.decodeList(from: token.body, format: format) == [
                .init(id: id, token: "app-42")
            ]
        )

        // The same submission and token again: the same reply, nothing new stored.
        let again = try await harness.call(
            "POST",
            "/requests\(ext)",
            form: Self.potholeForm + "&first_name=Maria&last_name=Lopez&phone=555-010-7788&device_id=abc",
            headers: [.init(name: "Idempotency-Key", value: "app-42")]
        )
        #expect(again.status == 200)
        #expect(try GeoReportSubmissionReceipt.decodeList(from: again.body, format: format).first?.id == id)
        // The token with different content is refused, never taken for the first request.
        let different = try await harness.call(
            "POST",
            "/requests\(ext)",
            form: Self.potholeForm,
            headers: [.init(name: "Idempotency-Key", value: "app-42")]
        )
        #expect(different.status == 400)
        #expect(try await harness.storedCount() == 1)
    }

    @Test func apiKeyOnSubmissionsOnly() async throws {
        let harness = try await Open311Harness()
        let missing = try await harness.call("POST", "/requests.xml", form: "service_code=POTHOLE&address_string=1+Elm")
        #expect(missing.status == 403)
        #expect(missing.errors(.xml) == [.init(code: "403", description: "api_key: required to submit a request")])
        let wrong = try await harness.call("POST", "/requests.json", form: "api_key=guess&service_code=POTHOLE")
        #expect(wrong.status == 403)
        #expect(wrong.errors(.json) == [.init(code: "403", description: "api_key: not valid for cedarvalley.example")])
        // The key may also come in the query, as the Swagger description has it.
        let inQuery = try await harness.call(
            "POST",
            "/requests.json?api_key=app-key",
            form: "service_code=POTHOLE&address_string=1+Elm&attribute[size]=small&attribute[position]=lane"
        )
        #expect(inQuery.status == 200)
        // Reading needs no key.
        #expect(try await harness.call("GET", "/requests.json").status == 200)
        #expect(try await harness.storedCount() == 1)
    }

    /// Bad input: the specification's 400, naming the field, and nothing stored.
    @Test(arguments: [
        ("service_code=POTHOLE&api_key=app-key&lat=39&address_string=x", "long: lat and long are sent together"),
        ("service_code=POTHOLE&api_key=app-key&lat=91&long=0", "lat: must be between -90 and 90, got 91.0"),
        ("service_code=POTHOLE&api_key=app-key&lat=north&long=0", "lat: 'north' is not a number"),
        (
            "service_code=POTHOLE&api_key=app-key&address_string=x&attribute[size]=huge&attribute[position]=lane",
            "attribute[size]: 'huge' is not one of: small, medium, large"
        ),
        (
            "service_code=POTHOLE&api_key=app-key&address_string=x&attribute[position]=lane",
            "attribute[size]: required answer to 'How large is the pothole?' is missing"
        ),
        (
            "service_code=POTHOLE&api_key=app-key&address_string=x&attribute[colour]=red",
            "attribute[colour]: Pothole has no attribute 'colour'"
        ),
        (
            "service_code=POTHOLE&api_key=app-key&address_string=x&attribute[size][]=small&attribute[size][]=large",
            "attribute[size]: takes one value, not a list"
        ),
        (
            "service_code=POTHOLE&api_key=app-key&address_string=x&attribute[size]=small&attribute[position]=lane&attribute[damage]=maybe",
            "attribute[damage]: 'maybe' is not true or false"
        ),
        (
            "service_code=BULK_PICKUP&api_key=app-key&address_string=x&attribute[items][]=furniture&attribute[item_count]=lots",
            "attribute[item_count]: 'lots' is not a number"
        ),
        (
            "service_code=ANIMAL_BITE&api_key=app-key&address_string=x&attribute[bitten_at]=last+Tuesday",
            "attribute[bitten_at]: 'last Tuesday' is not a date and time"
        ),
        (
            "service_code=POTHOLE&api_key=app-key",
            "lat and long, or address_string: this service type needs an address or a coordinate"
        ),
        (
            "service_code=POTHOLE&api_key=app-key&address_id=55",
            "address_id: this server keeps no master address list; send address_string or lat and long"
        ),
        (
            "service_code=POTHOLE&api_key=app-key&address_string=x&media_url=http://x",
            "media_url: this server keeps no media; send the request without it"
        ),
        (
            "service_code=POTHOLE&api_key=app-key&address_string=x&email=not-an-address&attribute[size]=small&attribute[position]=lane",
            "email: is not an e-mail address (one @, text before it, a dot after it, no spaces)"
        ),
        (
            "service_code=POTHOLE&api_key=app-key&address_string=x&g_recaptcha=1",
            "g_recaptcha: not a GeoReport submission field"
        ),
        ("service_code=POTHOLE&service_code=GRAFFITI&api_key=app-key", "service_code: given more than once"),
        ("api_key=app-key&address_string=x", "service_code: is required"),
        ("service_code=POTHOLE&api_key=app-key&description=%E0%A4", "the value of description is not UTF-8 text"),
        (
            "service_code=POTHOLE&api_key=app-key&attribute[size=large",
            "attribute[size: an attribute field is attribute[code]"
        ),
    ])
    func badSubmissionsAre400AndStoreNothing(form: String, message: String) async throws {
        let harness = try await Open311Harness()
        let response = try await harness.call("POST", "/requests.json", form: form)
        #expect(response.status == 400, "\(response.text)")
        #expect(response.errors(.json) == [.init(code: "400", description: message)])
        #expect(try await harness.storedCount() == 0)
    }

    @Test func longDescriptionsBodiesAndWrongContentTypesAre400() async throws {
        let harness = try await Open311Harness(maximumBodyBytes: 6_000)
        let long = String(repeating: "a", count: 4_001)
        let tooLong = try await harness.call(
            "POST",
            "/requests.json",
            form: Self.potholeForm.replacingOccurrences(of: "Deep+hole", with: long)
        )
        #expect(
            tooLong.errors(.json) == [
                .init(code: "400", description: "description: must be at most 4000 characters, got 4001")
            ]
        )
        let huge = try await harness.call(
            "POST",
            "/requests.json",
            form: Self.potholeForm + "&x=" + String(repeating: "b", count: 6_000)
        )
        #expect(huge.errors(.json) == [.init(code: "400", description: "the submission is larger than 6000 bytes")])
        let multipart = await harness.server.respond(
            to: GeoReportHTTPRequest(
                method: "POST",
                path: "/open311/v2/requests.xml",
                headers: [.init(name: "content-type", value: "multipart/form-data; boundary=x")],
                body: Array("--x".utf8)
            )
        )
        #expect(multipart.status == 400)
        #expect(
            multipart.errors(.xml).first?.description.hasPrefix(
                "send the submission as application/x-www-form-urlencoded"
            ) == true
        )
        let badToken = try await harness.call(
            "POST",
            "/requests.json",
            form: Self.potholeForm,
            headers: [.init(name: "Idempotency-Key", value: String(repeating: "t", count: 129))]
        )
        #expect(
            badToken.errors(.json) == [.init(code: "400", description: "Idempotency-Key: must be at most 128 bytes")]
        )
        let unknownService = try await harness.call(
            "POST",
            "/requests.json",
            form: "api_key=app-key&service_code=NOPE&address_string=x"
        )
        #expect(unknownService.status == 404)
        #expect(try await harness.storedCount() == 0)
    }

    @Test func listingFiltersWindowAndLimit() async throws {
        let harness = try await Open311Harness()
        let center = harness.center
        // 1,200 requests an hour apart over 50 days, then a pothole 100 days later.
        var drafts: [ServiceRequestDraft] = []
        for index in 0..<1_200 {
            drafts.append(
                ServiceRequestDraft(
                    serviceType: index % 2 == 0 ? "GRAFFITI" : "SIDEWALK_REPAIR",
                    description: "Request \(index)",
                    location: Location(address: "\(index) Elm"),
                    answers: index % 2 == 0 ? ["surface": .choice("public"), "offensive": .yesNo(false)] : [:],
                    channel: .web
                )
            )
        }
        var tickets: [TicketNumber] = []
        for draft in drafts {
            tickets.append(try await center.submit(draft, by: .callTaker("a")).ticket)
            try harness.clock.advance(by: 3_600)
        }
        for ticket in tickets.prefix(10) {
            try await center.start(ticket, by: .system)
            try await center.resolve(ticket, note: "Cleaned.", by: .system)
        }
        // Now: 50 days after the first request. The default window is the last 90 days, at most
        // 1,000, newest first.
        let all = try GeoReportServiceRequest.decodeList(
            from: try await harness.call("GET", "/requests.json").body,
            format: .json
        )
        #expect(all.count == 1_000)
        #expect(all.first?.id?.rawValue == tickets.last?.description)
        let second = try GeoReportServiceRequest.decodeList(
            from: try await harness.call("GET", "/requests.json?page=2").body,
            format: .json
        )
        #expect(second.count == 200)
        #expect(second.last?.id?.rawValue == tickets.first?.description)
        let page = try GeoReportServiceRequest.decodeList(
            from: try await harness.call("GET", "/requests.xml?page_size=50&page=3").body,
            format: .xml
        )
        #expect(page.map(\.id?.rawValue) == tickets.reversed()[100..<150].map(\.description))

        let closed = try GeoReportServiceRequest.decodeList(
            from: try await harness.call("GET", "/requests.json?status=closed").body,
            format: .json
        )
        #expect(closed.count == 10)
        #expect(closed.allSatisfy { $0.status == .closed })
        let graffiti = try GeoReportServiceRequest.decodeList(
            from: try await harness.call("GET", "/requests.json?service_code=GRAFFITI&status=open").body,
            format: .json
        )
        #expect(graffiti.count == 595)
        let both = try await harness.call(
            "GET",
            "/requests.json?status=open,closed&service_code=GRAFFITI,SIDEWALK_REPAIR&page_size=1000"
        )
        #expect(try GeoReportServiceRequest.decodeList(from: both.body, format: .json).count == 1_000)

        // Dates: an inclusive window of at most 90 days over requested_datetime.
        let first = Open311Harness.start
        let dated = try await harness.call(
            "GET",
            "/requests.json?start_date=\(GeoReportDateTime.format(first))&end_date=\(GeoReportDateTime.format(first.addingTimeInterval(3 * 3_600)))"
        )
        #expect(try GeoReportServiceRequest.decodeList(from: dated.body, format: .json).count == 4)
        let offset = try await harness.call(
            "GET",
            "/requests.json?start_date=2026-11-23T08:55:00-05:00&end_date=2026-11-23T09:55-05:00"
        )
        #expect(try GeoReportServiceRequest.decodeList(from: offset.body, format: .json).count == 2)

        // service_request_id overrides every other argument.
        let ids = "\(tickets[0]),\(tickets[1199]),bogus"
        let byID = try await harness.call(
            "GET",
            "/requests.json?service_request_id=\(ids)&status=closed&start_date=2000-01-01T00:00:00Z"
        )
        #expect(
            try GeoReportServiceRequest.decodeList(from: byID.body, format: .json).map(\.id?.rawValue) == [
                tickets[0].description, tickets[1199].description,
            ]
        )

        // Later requests fall out of the default window.
        try harness.clock.advance(by: 100 * 86_400)
        let later = try await center.submit(Open311Harness.potholeDraft(), by: .callTaker("a"))
        let recent = try GeoReportServiceRequest.decodeList(
            from: try await harness.call("GET", "/requests.json").body,
            format: .json
        )
        #expect(recent.map(\.id?.rawValue) == [later.ticket.description])
    }

    @Test(arguments: [
        (
            "/requests.json?start_date=2026-01-01T00:00:00Z&end_date=2026-04-02T00:00:00Z",
            "end_date: the range may not span more than 90 days"
        ),
        (
            "/requests.json?start_date=2026-02-01T00:00:00Z&end_date=2026-01-01T00:00:00Z",
            "end_date: is before start_date"
        ),
        (
            "/requests.json?start_date=yesterday",
            "start_date: 'yesterday' is not a W3C date and time (1994-11-05T13:15:30Z)"
        ),
        (
            "/requests.json?end_date=2026-02-30T00:00:00Z",
            "end_date: '2026-02-30T00:00:00Z' is not a W3C date and time (1994-11-05T13:15:30Z)"
        ),
        ("/requests.json?status=pending", "status: 'pending' is not open or closed"),
        ("/requests.json?service_code=NOPE", "service_code: no service 'NOPE'"),
        ("/requests.json?page=0", "page: must be a whole number from 1 to 1000000, got '0'"),
        ("/requests.json?page_size=1001", "page_size: must be a whole number from 1 to 1000, got '1001'"),
    ])
    func badListingsAre400(target: String, message: String) async throws {
        let harness = try await Open311Harness()
        let response = try await harness.call("GET", target)
        #expect(response.status == 400)
        #expect(response.errors(.json) == [.init(code: "400", description: message)])
    }

    @Test func extensionsAddTheLifecycle() async throws {
        let harness = try await Open311Harness()
        let ack = try await harness.center.submit(Open311Harness.potholeDraft(), by: .callTaker("a"))
        try await harness.center.start(ack.ticket, by: .system)
        try await harness.center.addNote(ack.ticket, "On our list.", visibility: .public, by: .system)
        let plain = try GeoReportServiceRequest.decodeList(
            from: try await harness.call("GET", "/requests/\(ack.ticket).json").body,
            format: .json
        )
        #expect(plain.first?.extendedAttributes == nil)
        #expect(plain.first?.statusNotes == "In progress: On our list.")
        let extended = try GeoReportServiceRequest.decodeList(
            from: try await harness.call("GET", "/requests/\(ack.ticket).xml?extensions=true").body,
            format: .xml
        )
        #expect(extended.first?.extendedAttributes?.detailedStatus == "in_progress")
        #expect(extended.first?.extendedAttributes?.notes.map(\.text) == ["On our list."])
    }

    @Test func configurationIsChecked() async throws {
        let harness = try await Open311Harness()
        let base = GeoReportServer.Configuration(publicURL: "http://x", contact: "c", keyService: "k", changeset: .now)
        var slash = base
        slash.basePath = "/open311/"
        var body = base
        body.maximumBodyBytes = 0
        var limit = base
        limit.maximumRequests = 5_000
        for (configuration, field) in [(slash, "basePath"), (body, "maximumBodyBytes"), (limit, "maximumRequests")] {
            let error = #expect(throws: ValidationError.self) {
                try GeoReportServer(
                    center: harness.center,
                    jurisdictionID: "x",
                    apiKeys: Open311Harness.keys,
                    configuration: configuration
                )
            }
            #expect(error?.field == field)
        }
        #expect(throws: ValidationError.self) {
            try GeoReportServer(centers: [:], apiKeys: Open311Harness.keys, configuration: base)
        }
    }
}
