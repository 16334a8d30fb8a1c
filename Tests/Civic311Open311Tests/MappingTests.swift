import Civic311
import Civic311SampleCounty
import Foundation
import Testing

@testable import Civic311Open311

/// Civic311 → GeoReport → Civic311 keeps every public field; personal data never leaves.
@Suite struct MappingTests {
    @Test(arguments: GeoReportFormat.allCases)
    func catalogRoundTrip(format: GeoReportFormat) throws {
        let county = Jurisdiction.sampleCounty
        let services = try GeoReportService.decodeList(
            from: GeoReportService.encodeList(
                county.serviceTypes.map { GeoReportService($0, in: county) },
                format: format
            ),
            format: format
        )
        #expect(services.count == county.serviceTypes.count)
        for (serviceType, service) in zip(county.serviceTypes, services) {
            #expect(service.hasDefinition == !serviceType.questions.isEmpty)
            let definition = try GeoReportServiceDefinition(
                decoding: GeoReportServiceDefinition(serviceType).encoded(format: format),
                format: format
            )
            let back = try ServiceType(
                service,
                definition: service.hasDefinition ? definition : nil,
                department: serviceType.department,
                targetSeconds: serviceType.targetSeconds,
                requiresLocation: serviceType.requiresLocation,
                requiresContact: serviceType.requiresContact,
                isPrivate: serviceType.isPrivate
            )
            // GeoReport has no place for the knowledge binding, the duplicate rule or how open data
            // publishes the location, so they do not come back.
            var unbound = serviceType
            unbound.knowledgeArticle = nil
            unbound.selfServiceURL = nil
            unbound.referral = nil
            unbound.duplicates = nil
            unbound.publicLocation = .exact
            #expect(back == unbound, "\(serviceType.id)")
        }
    }

    @Test func everyQuestionKindMapsToItsDatatype() throws {
        let questions: [ProbingQuestion] = [
            .init(id: "t", prompt: "Text?", kind: .text, isRequired: true, order: 1),
            .init(id: "n", prompt: "Number?", kind: .number, order: 2),
            .init(id: "d", prompt: "When?", kind: .dateTime, order: 3),
            .init(id: "s", prompt: "One?", kind: .singleChoice, order: 4, choices: [.init(value: "a", label: "A")]),
            .init(
                id: "m",
                prompt: "Many?",
                kind: .multipleChoice,
                order: 5,
                choices: [.init(value: "a", label: "A"), .init(value: "b", label: "B")]
            ),
            .init(id: "y", prompt: "Yes?", kind: .yesNo, isRequired: true, order: 6),
        ]
        let attributes = questions.map(GeoReportAttribute.init)
        #expect(
            attributes.map(\.datatype) == [
                .text, .number, .datetime, .singleValueList, .multiValueList, .singleValueList,
            ]
        )
        #expect(attributes[5].values.map(\.key) == ["true", "false"])
        #expect(attributes.allSatisfy { $0.isVariable })
        #expect(try attributes.map(ProbingQuestion.init) == questions)
    }

    /// Every public field of the public view survives the trip through both formats, at every
    /// stage of a request's life.
    @Test func requestRoundTripThroughTheLifecycle() async throws {
        let harness = try await Open311Harness()
        let center = harness.center
        let county = center.jurisdiction
        let ack = try await center.submit(Open311Harness.potholeDraft(), by: .callTaker("maria"))
        let crew = Participant.departmentStaff("j.okafor", department: "DOT")
        var stages: [ServiceRequest] = [try await center.request(ack.ticket, by: .system)]
        try harness.clock.advance(by: 600)
        stages.append(try await center.accept(ack.ticket, by: crew))
        try harness.clock.advance(by: 600)
        stages.append(try await center.start(ack.ticket, by: crew))
        stages.append(
            try await center.addNote(ack.ticket, "Crew scheduled for Tuesday.", visibility: .public, by: crew)
        )
        stages.append(
            try await center.addNote(ack.ticket, "Internal: resident sounded upset", visibility: .internal, by: crew)
        )
        try harness.clock.advance(by: 3_600.123)
        stages.append(try await center.putOnHold(ack.ticket, waitingFor: "Access to the alley", by: crew))
        try harness.clock.advance(by: 3_600)
        stages.append(try await center.resume(ack.ticket, by: crew))
        try harness.clock.advance(by: 86_400)
        stages.append(try await center.resolve(ack.ticket, note: "Filled with hot asphalt.", by: crew))
        try harness.clock.advance(by: 60)
        stages.append(try await center.close(ack.ticket, reason: .completed, note: "Done.", by: crew))
        #expect(Set(stages.map(\.state)) == Set(RequestState.allCases))

        for request in stages {
            var record = GeoReportServiceRequest(request, in: county)
            record.extendedAttributes = GeoReportExtendedAttributes(request, in: county)
            let view = PublicServiceRequest(request, in: county)
            for format in GeoReportFormat.allCases {
                let read = try GeoReportServiceRequest.decodeList(
                    from: GeoReportServiceRequest.encodeList([record], format: format),
                    format: format
                )
                #expect(read == [record])
                #expect(try PublicServiceRequest(read[0]) == view, "\(request.state) in \(format)")
            }
            // Without the extension, the state still comes back from the standard fields.
            #expect(GeoReportServiceRequest(request, in: county).lifecycleState == request.state)
            #expect(record.status == (request.state.isOpen ? .open : .closed))
            #expect(record.expectedAt == request.dueAt)
            #expect(record.agencyResponsible == "Transportation and Streets")
            #expect(record.latitude == 39.05 && record.longitude == -77.1)
        }
        let resolved = GeoReportServiceRequest(stages[7], in: county)
        #expect(resolved.statusNotes == "Resolved: Filled with hot asphalt.")
        #expect(resolved.updatedAt == stages[7].updatedAt)
        let closed = GeoReportServiceRequest(stages[8], in: county)
        #expect(closed.updatedAt == stages[8].closedAt)
        #expect(closed.serviceNotice == nil)
        #expect(
            GeoReportServiceRequest(stages[0], in: county).serviceNotice?.hasPrefix(
                "Transportation and Streets expects to resolve it by 2026-11-"
            ) == true
        )
    }

    @Test func personalDataNeverAppears() async throws {
        let harness = try await Open311Harness()
        let center = harness.center
        let county = center.jurisdiction
        let pothole = try await center.submit(Open311Harness.potholeDraft(), by: .callTaker("maria"))
        try await center.addNote(pothole.ticket, "Caller's cell is 555-010-7788", visibility: .internal, by: .system)
        let housing = try await center.submit(
            ServiceRequestDraft(
                serviceType: "HOUSING_CODE",
                description: "Mold in the bedroom of apartment 4B",
                location: Location(
                    address: "9 Birch Court Apt 4B",
                    coordinate: try Coordinate(latitude: 39.2, longitude: -77.3)
                ),
                answers: ["problem": .choice("mold"), "tenant": .yesNo(true)],
                submitter: Submitter(name: "Sam Tenant", phone: "(555) 010-9999", email: "sam@example.org"),
                channel: .phone
            ),
            by: .callTaker("maria")
        )
        let requests = [
            try await center.request(pothole.ticket, by: .system),
            try await center.request(housing.ticket, by: .system),
        ]
        let records = requests.map { request in
            var record = GeoReportServiceRequest(request, in: county)
            record.extendedAttributes = GeoReportExtendedAttributes(request, in: county)
            return record
        }
        for format in GeoReportFormat.allCases {
            let text = String(decoding: GeoReportServiceRequest.encodeList(records, format: format), as: UTF8.self)
            for secret in [
                "Maria Lopez", "maria.lopez", "010-7788", "Sam Tenant", "sam@example.org", "010-9999", "Caller's cell",
                "Mold in the bedroom", "Birch Court", "39.2", "large", "damage",
            ] {
                #expect(!text.contains(secret), "\(secret) in \(format)")
            }
        }
        // The private service type keeps its location and description out entirely.
        #expect(records[1].description == nil && records[1].address == nil && records[1].latitude == nil)
        #expect(records[0].address == "214 Elm Street")
    }

    @Test func submissionBecomesATypedDraft() throws {
        let county = Jurisdiction.sampleCounty
        let bulk = try #require(county.serviceType("BULK_PICKUP"))
        let submission = GeoReportSubmission(
            serviceCode: "BULK_PICKUP",
            latitude: 39.1,
            longitude: -77,
            email: "a@example.org",
            firstName: "Ana",
            lastName: "Ruiz",
            attributes: [
                "items": .multiple(["furniture", "appliances"]),
                "item_count": .single("3"),
            ]
        )
        let draft = try ServiceRequestDraft(submission, for: bulk, channel: .web, clientRequestID: "t-1")
        #expect(draft.answers["items"] == .choices(["furniture", "appliances"]))
        #expect(draft.answers["item_count"] == .number(3))
        #expect(draft.description == bulk.name)
        #expect(draft.submitter == Submitter(name: "Ana Ruiz", email: "a@example.org"))
        #expect(draft.location?.coordinate == (try Coordinate(latitude: 39.1, longitude: -77)))
        #expect(draft.clientRequestID == "t-1")
    }

    @Test(arguments: [
        (["item_count": GeoReportSubmission.AttributeValue.single("three")], "attribute[item_count]"),
        (["item_count": .multiple(["1", "2"])], "attribute[item_count]"),
        (["color": .single("red")], "attribute[color]"),
    ])
    func wrongAttributesNameTheirField(
        attributes: [QuestionCode: GeoReportSubmission.AttributeValue],
        field: String
    ) throws {
        let bulk = try #require(Jurisdiction.sampleCounty.serviceType("BULK_PICKUP"))
        let submission = GeoReportSubmission(serviceCode: "BULK_PICKUP", addressString: "1 Elm", attributes: attributes)
        let error = #expect(throws: ValidationError.self) {
            try ServiceRequestDraft(submission, for: bulk, channel: .web)
        }
        #expect(error?.field == field)
    }

    @Test func draftSubmissionDraftKeepsWhatGeoReportCarries() throws {
        let county = Jurisdiction.sampleCounty
        var draft = Open311Harness.potholeDraft(description: "Deep\nhole")
        draft.clientRequestID = "client-7"
        let body = GeoReportSubmission(draft).formBody()
        let back = try ServiceRequestDraft(
            try GeoReportSubmission(formBody: body),
            for: try #require(county.serviceType("POTHOLE")),
            channel: draft.channel,
            clientRequestID: draft.clientRequestID
        )
        #expect(back == draft)
        // Dates and numbers travel as W3C text and shortest numbers.
        let animal = ServiceRequestDraft(
            serviceType: "ANIMAL_BITE",
            description: "Bitten",
            location: Location(address: "1 Oak"),
            answers: ["bitten_at": .dateTime(Date(timeIntervalSince1970: 1_795_000_000.5))],
            channel: .web
        )
        let animalBack = try ServiceRequestDraft(
            try GeoReportSubmission(formBody: GeoReportSubmission(animal).formBody()),
            for: try #require(county.serviceType("ANIMAL_BITE")),
            channel: .web
        )
        #expect(animalBack.answers == animal.answers)
    }
}

@Suite struct ServiceNoticeTests {
    @Test func localTimeFollowsDaylightSaving() throws {
        let newYork = try #require(TimeZone(identifier: "America/New_York"))
        #expect(
            GeoReportServiceNotice.localTime(utc("2026-07-01T12:00:00Z"), timeZone: newYork)
                == "2026-07-01 08:00 America/New_York"
        )
        #expect(
            GeoReportServiceNotice.localTime(utc("2026-12-01T12:00:00Z"), timeZone: newYork)
                == "2026-12-01 07:00 America/New_York"
        )
        #expect(
            GeoReportServiceNotice.localTime(utc("2026-01-01T03:30:00Z"), timeZone: newYork)
                == "2025-12-31 22:30 America/New_York"
        )
        #expect(GeoReportServiceNotice.duration(259_200) == "72 hours")
        #expect(GeoReportServiceNotice.duration(1_800) == "30 minutes")
    }
}
