import Civic311
import Civic311SampleCounty
import Civic311Testing
import Foundation
import Synchronization
import Testing

@Suite struct ServiceCenterTests {
    private typealias Fixtures = FoundationFixtures

    private static let callTaker = Fixtures.callTaker
    private static let roadCrew = Fixtures.roadCrew
    private static let boss = Fixtures.supervisor

    // MARK: Intake

    @Test func intakeAcknowledgesStoresAndOrdersTheAnswers() async throws {
        let fixture = try await Fixtures.Center(node: 7)
        var draft = Fixtures.potholeDraft(clientRequestID: "web-42")
        // Given in no particular order; stored in the order the questions are asked.
        draft.answers = ["damage": .yesNo(true), "position": .choice("shoulder"), "size": .choice("small")]
        let acknowledgement = try await fixture.center.submit(draft, by: Self.callTaker)

        #expect(acknowledgement.ticket.node == 7)
        #expect(acknowledgement.serviceTypeName == "Pothole")
        #expect(acknowledgement.departmentName == "Transportation and Streets")
        // The county's agreement: three business days on county office hours, 8:30–5 Eastern, so a
        // pothole reported at 3 am on Monday is due at the close of Thursday.
        #expect(acknowledgement.expectedBy == Fixtures.thursdayFivePM)
        #expect(acknowledgement.timeZone.identifier == "America/New_York")
        #expect(!acknowledgement.isRepeat)
        #expect(acknowledgement.message.contains(acknowledgement.ticket.description))
        #expect(acknowledgement.message.contains("Transportation and Streets"))

        let request = try #require(try await fixture.store.request(acknowledgement.ticket))
        #expect(request.serviceType == "POTHOLE")
        #expect(request.kind == .serviceRequest)
        #expect(request.description == draft.description)
        #expect(request.location == draft.location)
        #expect(request.answers.map(\.question) == ["size", "position", "damage"])
        #expect(request.answers.first?.value == .choice("small"))
        #expect(request.submitter == Fixtures.submitter)
        #expect(request.channel == .phone)
        #expect(request.createdAt == Fixtures.start)
        #expect(request.department == "DOT")
        #expect(request.state == .new)
        #expect(request.version == 1)
        #expect(request.clientRequestID == "web-42")
        #expect(request.dueAt == acknowledgement.expectedBy)
        #expect(request.serviceLevel.policy == "sla:POTHOLE@2")
        #expect(request.opening.agent == "maria")

        let contact = try #require(try await fixture.store.contact(acknowledgement.ticket))
        #expect(contact.callType == .serviceRequest(.serviceRequest, request: acknowledgement.ticket))
        #expect(contact.agent == "maria")
        #expect(contact.receivedAt == Fixtures.start)
        #expect(!contact.isResolvedAtFirstContact)

        let history = try await fixture.center.history(of: acknowledgement.ticket, by: Self.callTaker)
        #expect(history.count == 1)
        #expect(history.first?.actor == Self.callTaker)
        #expect(history.first?.change.action == .open)
    }

    @Test(.timeLimit(.minutes(1))) func everythingIsPublishedOnTheEventStream() async throws {
        let fixture = try await Fixtures.Center()
        let stream = fixture.center.events()
        let ticket = try await fixture.pothole()
        try await fixture.center.accept(ticket, by: Self.roadCrew)
        let info = try await fixture.center.record(
            ContactDraft(.information(article: "KB-HOURS"), channel: .web),
            by: Self.callTaker
        )
        var iterator = stream.makeAsyncIterator()
        var received: [CenterEvent] = []
        for _ in 0..<4 {
            if let event = await iterator.next() { received.append(event) }
        }
        let stored = try #require(try await fixture.store.request(ticket))
        let events = try await fixture.store.events(for: ticket)
        #expect(received.count == 4)
        guard received.count == 4 else { return }
        #expect(received[0] == .contactRecorded(try #require(try await fixture.store.contact(ticket))))
        if case .requestChanged(let event, let request) = received[1] {
            #expect(event == events[0])
            #expect(request.version == 1)
        } else {
            Issue.record("expected the opening, got \(received[1])")
        }
        #expect(received[2] == .requestChanged(events[1], request: stored))
        #expect(received[3] == .contactRecorded(info))
    }

    /// The feed skips its lock while nobody listens: subscribers who stay when another leaves, or
    /// who come after everyone has gone, must still receive everything.
    @Test(.timeLimit(.minutes(1))) func subscribersKeepReceivingWhenOthersLeave() async throws {
        let fixture = try await Fixtures.Center()
        do {
            let staying = fixture.center.events()
            do {
                var leaving = fixture.center.events().makeAsyncIterator()
                _ = try await fixture.pothole()
                #expect(await leaving.next() != nil)
            }
            let second = try await fixture.pothole()
            var iterator = staying.makeAsyncIterator()
            var received: [CenterEvent] = []
            for _ in 0..<4 {
                if let event = await iterator.next() { received.append(event) }
            }
            guard received.count == 4, case .requestChanged(_, let request) = received[3] else {
                Issue.record("expected four events ending with the second opening, got \(received)")
                return
            }
            #expect(request.ticket == second)
        }
        // Everyone has gone; then a new subscriber comes.
        var iterator = fixture.center.events().makeAsyncIterator()
        let third = try await fixture.pothole()
        let next = await iterator.next()
        #expect(next == .contactRecorded(try #require(try await fixture.store.contact(third))))
    }

    /// A draft for a service type that asks every kind of question the validator checks.
    private static func bulkPickup() -> ServiceRequestDraft {
        ServiceRequestDraft(
            serviceType: "BULK_PICKUP",
            description: "A sofa and a fridge",
            location: Location(address: "12 Birch Road"),
            answers: ["items": .choices(["furniture", "appliance"]), "item_count": .number(2)],
            submitter: Submitter(name: "Ana", email: "ana@example.org"),
            channel: .web
        )
    }

    private static var rejectedDrafts: [(String, (inout ServiceRequestDraft) -> Void, String, ValidationError.Code)] {
        let long = String(repeating: "x", count: ServiceRequestDraft.maximumTextBytes + 1)
        return [
            ("unknown service type", { $0.serviceType = "NOPE" }, "serviceType", .unknownReference),
            ("missing required answer", { $0.answers["position"] = nil }, "answers.position", .missingValue),
            ("value outside the choices", { $0.answers["size"] = .choice("huge") }, "answers.size", .invalidValue),
            ("wrong answer kind", { $0.answers["size"] = .yesNo(true) }, "answers.size", .invalidValue),
            ("wrong kind for yes/no", { $0.answers["damage"] = .text("yes") }, "answers.damage", .invalidValue),
            ("unknown question", { $0.answers["colour"] = .text("red") }, "answers.colour", .unknownReference),
            ("missing location", { $0.location = nil }, "location", .missingValue),
            ("empty location", { $0.location = Location() }, "location", .missingValue),
            (
                "over-long address", { $0.location = Location(address: String(repeating: "a", count: 513)) },
                "location.address", .tooLong
            ),
            ("e-mail without a domain", { $0.submitter?.email = "sam@example" }, "submitter.email", .invalidValue),
            (
                "e-mail with a space", { $0.submitter?.email = "sam rivera@example.com" }, "submitter.email",
                .invalidValue
            ),
            ("e-mail without a name", { $0.submitter?.email = "@example.com" }, "submitter.email", .invalidValue),
            ("phone in words", { $0.submitter?.phone = "call me" }, "submitter.phone", .invalidValue),
            ("phone too short", { $0.submitter?.phone = "555-01" }, "submitter.phone", .invalidValue),
            ("phone too long", { $0.submitter?.phone = "+1 555 010 7788 1234 5" }, "submitter.phone", .invalidValue),
            ("empty description", { $0.description = " \n " }, "description", .missingValue),
            ("over-long description", { $0.description = long }, "description", .tooLong),
            (
                "over-long client ID", { $0.clientRequestID = String(repeating: "c", count: 129) }, "clientRequestID",
                .tooLong
            ),
            ("empty agent", { $0.agent = "" }, "agent", .missingValue),
        ]
    }

    private static var rejectedBulkDrafts: [(String, (inout ServiceRequestDraft) -> Void, String, ValidationError.Code)]
    {
        [
            ("no submitter where contact is required", { $0.submitter = nil }, "submitter", .missingValue),
            ("a name is not contact details", { $0.submitter = Submitter(name: "Ana") }, "submitter", .missingValue),
            ("no choice made", { $0.answers["items"] = .choices([]) }, "answers.items", .missingValue),
            (
                "a choice twice", { $0.answers["items"] = .choices(["mattress", "mattress"]) }, "answers.items",
                .duplicate
            ),
            ("a choice not offered", { $0.answers["items"] = .choices(["piano"]) }, "answers.items", .invalidValue),
            ("single for multiple", { $0.answers["items"] = .choice("mattress") }, "answers.items", .invalidValue),
            ("a number that is not", { $0.answers["item_count"] = .number(.nan) }, "answers.item_count", .invalidValue),
            ("a number as text", { $0.answers["item_count"] = .text("two") }, "answers.item_count", .invalidValue),
        ]
    }

    @Test func everyRejectedDraftNamesItsFieldAndStoresNothing() async throws {
        let fixture = try await Fixtures.Center()
        _ = try await fixture.pothole()
        let counts = try await fixture.counts()
        let cases =
            Self.rejectedDrafts.map { ($0.0, Fixtures.potholeDraft(), $0.1, $0.2, $0.3) }
            + Self.rejectedBulkDrafts.map { ($0.0, Self.bulkPickup(), $0.1, $0.2, $0.3) }
        for (name, valid, change, field, code) in cases {
            var draft = valid
            change(&draft)
            do {
                _ = try await fixture.center.submit(draft, by: Self.callTaker)
                Issue.record("\(name): accepted")
            } catch let error as ValidationError {
                #expect(error.field == field, "\(name)")
                #expect(error.code == code, "\(name): \(error)")
                #expect(error.message.hasPrefix(field))
            } catch {
                Issue.record("\(name): \(error)")
            }
            #expect(try await fixture.counts() == counts, "\(name) stored something")
        }
        // Both valid drafts do go through.
        _ = try await fixture.center.submit(Self.bulkPickup(), by: Self.callTaker)
    }

    @Test func textAnswersAreCheckedToo() async throws {
        let fixture = try await Fixtures.Center()
        let counts = try await fixture.counts()
        let vehicle = ServiceRequestDraft(
            serviceType: "ABANDONED_VEHICLE",
            description: "A van with flat tyres",
            location: Location(address: "4 Pine Court"),
            channel: .web
        )
        for (answer, code) in [
            (String(repeating: "p", count: ServiceRequestDraft.maximumTextBytes + 1), ValidationError.Code.tooLong),
            ("   ", .missingValue),
        ] {
            var draft = vehicle
            draft.answers = ["plate": .text(answer)]
            let error = await #expect(throws: ValidationError.self) {
                _ = try await fixture.center.submit(draft, by: .resident(nil))
            }
            #expect(error?.field == "answers.plate")
            #expect(error?.code == code)
        }
        #expect(try await fixture.counts() == counts)
        // Optional questions may be left out; a coordinate alone is a location.
        var minimal = vehicle
        minimal.location = Location(coordinate: try Coordinate(latitude: 39.1, longitude: -77.2))
        #expect(try await fixture.center.submit(minimal, by: .resident(nil)).departmentName == "Police Non-Emergency")
    }

    @Test func contactDraftsAreValidated() async throws {
        let fixture = try await Fixtures.Center()
        let ticket = try await fixture.pothole()
        let counts = try await fixture.counts()
        let drafts: [(ContactDraft, String)] = [
            (ContactDraft(.information(article: "KB-NOPE"), channel: .phone), "purpose.article"),
            (
                ContactDraft(.referral(Referral(target: "NOPE", transfer: .warm)), channel: .phone),
                "purpose.referral.target"
            ),
            (ContactDraft(.followUp(ticket, .complaint, note: " "), channel: .phone), "note"),
            (ContactDraft(.information(article: "KB-HOURS"), channel: .phone, agent: ""), "agent"),
        ]
        for (draft, field) in drafts {
            let error = await #expect(throws: ValidationError.self) {
                try await fixture.center.record(draft, by: Self.callTaker)
            }
            #expect(error?.field == field)
        }
        let unknown = try TicketNumber(day: 1, secondOfDay: 1, node: 1, sequence: 1)
        let error = await #expect(throws: StorageError.self) {
            try await fixture.center.record(
                ContactDraft(.followUp(unknown, .complaint, note: "Hello"), channel: .phone),
                by: Self.callTaker
            )
        }
        #expect(error?.code == .notFound)
        #expect(try await fixture.counts() == counts)
    }

    @Test func informationAndReferralContactsCloseAtOnce() async throws {
        let fixture = try await Fixtures.Center()
        let info = try await fixture.center.record(
            ContactDraft(.information(article: "KB-TRASH-DAY"), channel: .phone, agent: "maria"),
            by: Self.callTaker
        )
        let referral = try await fixture.center.record(
            ContactDraft(.referral(Referral(target: "SHA", transfer: .hot)), channel: .phone, agent: "maria"),
            by: Self.callTaker
        )
        #expect(info.isResolvedAtFirstContact && referral.isResolvedAtFirstContact)
        #expect(info.ticket < referral.ticket)
        #expect(
            try await fixture.store.contact(referral.ticket)?.callType
                == .referral(Referral(target: "SHA", transfer: .hot))
        )
        #expect(try await fixture.counts() == Fixtures.Counts(requests: 0, contacts: 2))
    }

    @Test func resubmittingAClientRequestIDReturnsTheFirstAcknowledgement() async throws {
        let fixture = try await Fixtures.Center()
        let resident = Fixtures.submittingResident
        let first = try await fixture.center.submit(Fixtures.potholeDraft(clientRequestID: "app-7"), by: resident)
        try fixture.clock.advance(by: 30)
        var retry = Fixtures.potholeDraft(clientRequestID: "app-7")
        // Answers in another order, and text in another but canonically equivalent spelling.
        retry.answers = ["position": .choice("lane"), "size": .choice("large")]
        retry.location = Location(address: "214 Elm Street".precomposedStringWithCanonicalMapping)
        let second = try await fixture.center.submit(retry, by: resident)
        #expect(second.ticket == first.ticket)
        #expect(second.isRepeat)
        #expect(!first.isRepeat)
        #expect(second.expectedBy == first.expectedBy)
        #expect(try await fixture.counts() == Fixtures.Counts(requests: 1, contacts: 1))
        let other = try await fixture.center.submit(Fixtures.potholeDraft(clientRequestID: "app-8"), by: resident)
        #expect(other.ticket != first.ticket)
    }

    @Test func reusingAClientRequestIDForOtherContentIsRefused() async throws {
        let fixture = try await Fixtures.Center()
        let resident = Fixtures.submittingResident
        let first = try await fixture.center.submit(Fixtures.potholeDraft(clientRequestID: "app-7"), by: resident)
        let stored = try await fixture.snapshot(first.ticket)
        let changes: [(String, (inout ServiceRequestDraft) -> Void)] = [
            ("serviceType", { $0.serviceType = "GRAFFITI" }),
            ("description", { $0.description = "Sent again after a timeout, reworded" }),
            ("answers", { $0.answers["size"] = .choice("small") }),
            ("answers", { $0.answers["damage"] = .yesNo(true) }),
            ("location", { $0.location = Location(address: "216 Elm Street") }),
            ("submitter", { $0.submitter = nil }),
            ("channel", { $0.channel = .web }),
            ("priority", { $0.priority = .high }),
            ("kind", { $0.kind = .complaint }),
            ("agent", { $0.agent = "someone-else" }),
        ]
        for (field, change) in changes {
            var draft = Fixtures.potholeDraft(clientRequestID: "app-7")
            change(&draft)
            let error = await #expect(throws: ValidationError.self, "\(field)") {
                _ = try await fixture.center.submit(draft, by: resident)
            }
            #expect(error?.code == .duplicate)
            #expect(error?.field == "clientRequestID")
            #expect(error?.reason.contains("its \(field) differs") == true, "\(String(describing: error))")
        }
        #expect(try await fixture.counts() == Fixtures.Counts(requests: 1, contacts: 1))
        #expect(try await fixture.snapshot(first.ticket) == stored)
    }

    @Test func anAnonymousResidentCannotSendAClientRequestID() async throws {
        let fixture = try await Fixtures.Center()
        let error = await #expect(throws: ValidationError.self) {
            _ = try await fixture.center.submit(Fixtures.potholeDraft(clientRequestID: "app-1"), by: .resident(nil))
        }
        #expect(error?.code == .invalidValue)
        #expect(error?.field == "clientRequestID")
        let batchError = await #expect(throws: ValidationError.self) {
            _ = try await fixture.center.submit(
                batch: [Fixtures.potholeDraft(), Fixtures.potholeDraft(clientRequestID: "app-2")],
                by: .resident(nil)
            )
        }
        #expect(batchError?.field == "batch[1].clientRequestID")
        #expect(try await fixture.counts() == Fixtures.Counts(requests: 0, contacts: 0))
        // Without an ID, an anonymous resident submits as before.
        _ = try await fixture.center.submit(Fixtures.potholeDraft(), by: .resident(nil))
        #expect(try await fixture.counts() == Fixtures.Counts(requests: 1, contacts: 1))
    }

    @Test func clientRequestIDsAreScopedToEachKindOfSubmitter() async throws {
        let fixture = try await Fixtures.Center()
        let submitters: [Participant] = [
            Fixtures.callTaker, .callTaker("another-agent"), Fixtures.submittingResident, Fixtures.otherResident,
            Fixtures.roadCrew, .departmentStaff("j.okafor", department: "PKS"), Fixtures.supervisor,
            .integration("cityworks", department: "DOT"), .integration("cityworks", department: "PKS"), .system,
        ]
        var tickets: [TicketNumber] = []
        for submitter in submitters {
            let acknowledgement = try await fixture.center.submit(
                Fixtures.potholeDraft(clientRequestID: "shared-1"),
                by: submitter
            )
            #expect(!acknowledgement.isRepeat, "\(submitter)")
            tickets.append(acknowledgement.ticket)
        }
        #expect(Set(tickets).count == submitters.count)
        // Each submitter's retry finds its own request.
        for (submitter, ticket) in zip(submitters, tickets) {
            let retry = try await fixture.center.submit(
                Fixtures.potholeDraft(clientRequestID: "shared-1"),
                by: submitter
            )
            #expect(retry.isRepeat)
            #expect(retry.ticket == ticket, "\(submitter)")
        }
        #expect(try await fixture.counts().requests == submitters.count)
    }

    /// Issue 9: client request IDs were global, so resident B's different report sent with
    /// resident A's ID was dropped and B was shown A's ticket, service type, department and due
    /// date. IDs are scoped to the submitter: B's report is a request of its own.
    @Test func anotherResidentsClientRequestIDOpensTheirOwnRequest() async throws {
        let fixture = try await Fixtures.Center()
        let residentA = Participant.resident("a.resident@example.org")
        let residentB = Participant.resident("b.resident@example.org")
        let first = try await fixture.center.submit(Fixtures.potholeDraft(clientRequestID: "form-1"), by: residentA)
        try fixture.clock.advance(by: 30)
        let graffiti = ServiceRequestDraft(
            serviceType: "GRAFFITI",
            description: "Tags on the library wall",
            location: Location(address: "9 Library Lane"),
            answers: ["surface": .choice("public"), "offensive": .yesNo(false)],
            channel: .web,
            clientRequestID: "form-1"
        )
        let second = try await fixture.center.submit(graffiti, by: residentB)
        #expect(!second.isRepeat)
        #expect(second.ticket != first.ticket)
        #expect(second.serviceTypeName != first.serviceTypeName)
        #expect(second.department != first.department)
        let stored = try #require(try await fixture.store.request(second.ticket))
        #expect(stored.serviceType == "GRAFFITI")
        #expect(stored.description == graffiti.description)
        #expect(try await fixture.counts() == Fixtures.Counts(requests: 2, contacts: 2))
    }

    /// Submits each draft from a task of its own; every task looks its client request ID up
    /// before any of them stores it.
    private static func submitTogether(
        _ drafts: [ServiceRequestDraft],
        by participant: Participant
    ) async throws -> (store: RendezvousStore, outcomes: [Result<Acknowledgement, any Error>]) {
        let store = RendezvousStore(parties: drafts.count)
        let center = try await ServiceCenter(
            jurisdiction: .sampleCounty,
            store: store,
            configuration: .init(node: 1, clock: try ManualWallClock(Fixtures.start), triage: "311")
        )
        let outcomes = await withTaskGroup(of: Result<Acknowledgement, any Error>.self) { group in
            for draft in drafts {
                group.addTask {
                    do {
                        return .success(try await center.submit(draft, by: participant))
                    } catch {
                        return .failure(error)
                    }
                }
            }
            var outcomes: [Result<Acknowledgement, any Error>] = []
            for await outcome in group { outcomes.append(outcome) }
            return outcomes
        }
        return (store, outcomes)
    }

    @Test(.timeLimit(.minutes(1))) func simultaneousRetriesWithOneClientRequestIDOpenOneRequest() async throws {
        // A client that retries while its first attempt is still in flight: both attempts look
        // the ID up before either has stored it. The second must be told it is a repeat, not fail.
        let draft = Fixtures.potholeDraft(clientRequestID: "app-retry")
        let (store, outcomes) = try await Self.submitTogether([draft, draft], by: Fixtures.submittingResident)
        let acknowledgements = outcomes.compactMap { try? $0.get() }
        #expect(acknowledgements.count == 2, "\(outcomes)")
        #expect(Set(acknowledgements.map(\.ticket)).count == 1)
        #expect(acknowledgements.filter(\.isRepeat).count == 1)
        #expect(try await store.countRequests(matching: RequestQuery()) == 1)
    }

    @Test(.timeLimit(.minutes(1))) func simultaneousDifferentRequestsWithOneClientRequestIDOpenOne() async throws {
        // The same submitter sends two different requests under one ID at once: one is stored,
        // the other is refused, whichever wins the race.
        var other = Fixtures.potholeDraft(clientRequestID: "app-race")
        other.description = "A different pothole, further down the street"
        let (store, outcomes) = try await Self.submitTogether(
            [Fixtures.potholeDraft(clientRequestID: "app-race"), other],
            by: Fixtures.submittingResident
        )
        let acknowledgements = outcomes.compactMap { try? $0.get() }
        #expect(acknowledgements.count == 1, "\(outcomes)")
        #expect(acknowledgements.first?.isRepeat == false)
        let refusals = outcomes.compactMap { outcome -> ValidationError? in
            guard case .failure(let error) = outcome else { return nil }
            return error as? ValidationError
        }
        #expect(refusals.map(\.code) == [.duplicate])
        #expect(refusals.first?.reason.contains("its description differs") == true)
        #expect(try await store.countRequests(matching: RequestQuery()) == 1)
    }

    @Test(.timeLimit(.minutes(1))) func batchesAreValidatedWholeAndStoredTogether() async throws {
        let fixture = try await Fixtures.Center()
        var bad = Fixtures.potholeDraft()
        bad.answers["size"] = .choice("enormous")
        let error = await #expect(throws: ValidationError.self) {
            _ = try await fixture.center.submit(
                batch: [Fixtures.potholeDraft(), bad, Fixtures.potholeDraft()],
                by: Self.callTaker
            )
        }
        #expect(error?.field == "batch[1].answers.size")
        #expect(error?.code == .invalidValue)
        #expect(try await fixture.counts() == Fixtures.Counts(requests: 0, contacts: 0))

        let twice = [Fixtures.potholeDraft(clientRequestID: "x"), Fixtures.potholeDraft(clientRequestID: "x")]
        await #expect(throws: StorageError.self) {
            _ = try await fixture.center.submit(batch: twice, by: Self.callTaker)
        }
        #expect(try await fixture.counts() == Fixtures.Counts(requests: 0, contacts: 0))

        let stream = fixture.center.events()
        let acknowledgements = try await fixture.center.submit(
            batch: [Fixtures.potholeDraft(), Self.bulkPickup(), Fixtures.potholeDraft(clientRequestID: "y")],
            by: Self.callTaker
        )
        #expect(acknowledgements.map(\.serviceTypeName) == ["Pothole", "Bulk item pickup", "Pothole"])
        #expect(zip(acknowledgements, acknowledgements.dropFirst()).allSatisfy { $0.ticket < $1.ticket })
        #expect(try await fixture.counts() == Fixtures.Counts(requests: 3, contacts: 3))
        var iterator = stream.makeAsyncIterator()
        var published = 0
        for _ in 0..<6 where await iterator.next() != nil { published += 1 }
        #expect(published == 6, "a contact and an opening per request")
    }

    @Test func aRouterThatPicksAnUnknownDepartmentIsRefused() async throws {
        struct LostRouter: RequestRouter {
            func route(_ input: RoutingInput) throws -> RoutingDecision {
                RoutingDecision(department: "NOWHERE", explanation: ["lost"])
            }
        }
        var configuration = ServiceCenter.Configuration(
            node: 1,
            clock: try ManualWallClock(Fixtures.start),
            triage: "311"
        )
        configuration.router = LostRouter()
        let store = InMemoryRequestStore()
        let center = try await ServiceCenter(jurisdiction: .sampleCounty, store: store, configuration: configuration)
        let error = await #expect(throws: ValidationError.self) {
            _ = try await center.submit(Fixtures.potholeDraft(), by: Self.callTaker)
        }
        #expect(error?.field == "routing.department")
        #expect(try await store.countRequests(matching: RequestQuery()) == 0)
    }

    @Test func aCenterChecksItsConfiguration() async throws {
        let catalogOnly = try Jurisdiction.sampleCounty.adopting(routingRules: nil, serviceLevels: nil)
        for (jurisdiction, node, triage, window, field) in [
            (Jurisdiction.sampleCounty, 1, "311", -1.0, "reopenWindow"),
            (.sampleCounty, 1, "311", Double.infinity, "reopenWindow"), (.sampleCounty, 100, "311", 0, "node"),
            (catalogOnly, 1, "NOPE", 0, "triage"), (catalogOnly, 1, nil, 0, "triage"),
        ] {
            let error = await #expect(throws: ValidationError.self) {
                _ = try await ServiceCenter(
                    jurisdiction: jurisdiction,
                    store: InMemoryRequestStore(),
                    configuration: .init(
                        node: node,
                        clock: try ManualWallClock(Fixtures.start),
                        triage: triage.map { DepartmentID($0) },
                        reopenWindow: window
                    )
                )
            }
            #expect(error?.field == field)
        }
    }

    // MARK: The jurisdiction's own rules

    @Test func aSaturdayPotholeIsDueInBusinessDaysByDefault() async throws {
        // The README's quick start once promised business calendars but quietly used clock hours:
        // a pothole reported on Saturday was "expected by Tuesday", 72 straight hours later.
        let saturdayMorning = Date(timeIntervalSince1970: 1_768_057_200)  // Sat 10 Jan 2026, 10:00 Eastern
        let center = try await ServiceCenter(
            jurisdiction: .sampleCounty,
            store: InMemoryRequestStore(),
            configuration: .init(node: 1, clock: try ManualWallClock(saturdayMorning))
        )
        let acknowledgement = try await center.submit(Fixtures.potholeDraft(), by: Self.callTaker)
        // Handled on Monday, the next business day; due at the close of the third business day after
        // it: Thursday 15 January, 5 pm Eastern (22:00 UTC), not Tuesday 10 am.
        #expect(acknowledgement.expectedBy == Date(timeIntervalSince1970: 1_768_514_400))
        let request = try await center.request(acknowledgement.ticket, by: Self.callTaker)
        #expect(request.serviceLevel.policy == "sla:POTHOLE@2")
        #expect(request.opening.routing.explanation.first == "routing rules v1")
    }

    @Test func theConfigurationOverridesTheJurisdictionsRules() async throws {
        let center = try await ServiceCenter(
            jurisdiction: .sampleCounty,
            store: InMemoryRequestStore(),
            configuration: .init(
                node: 1,
                clock: try ManualWallClock(Fixtures.start),
                router: try CatalogRouter(jurisdiction: .sampleCounty, triage: "311"),
                serviceLevels: CatalogServiceLevels()
            )
        )
        let acknowledgement = try await center.submit(Fixtures.potholeDraft(), by: Self.callTaker)
        #expect(acknowledgement.expectedBy == Fixtures.start.addingTimeInterval(72 * 3_600))
        let request = try await center.request(acknowledgement.ticket, by: Self.callTaker)
        #expect(request.serviceLevel.policy == CatalogServiceLevels.policyName)
        #expect(request.opening.routing.explanation.first?.hasPrefix("catalog:") == true)
    }

    @Test func aJurisdictionWithoutRulesRoutesByCatalog() async throws {
        let catalogOnly = try Jurisdiction.sampleCounty.adopting(routingRules: nil, serviceLevels: nil)
        #expect(catalogOnly.routingRules == nil && catalogOnly.serviceLevels == nil)
        let center = try await ServiceCenter(
            jurisdiction: catalogOnly,
            store: InMemoryRequestStore(),
            configuration: .init(node: 1, clock: try ManualWallClock(Fixtures.start), triage: "311")
        )
        let acknowledgement = try await center.submit(Fixtures.potholeDraft(), by: Self.callTaker)
        #expect(acknowledgement.expectedBy == Fixtures.start.addingTimeInterval(72 * 3_600))
    }

    // MARK: Department operations

    @Test func aRequestFromAcceptanceToClosure() async throws {
        let fixture = try await Fixtures.Center()
        let center = fixture.center
        let ticket = try await fixture.pothole()
        try fixture.clock.advance(by: 600)
        let accepted = try await center.accept(ticket, by: Self.roadCrew)
        #expect(accepted.state == .assigned)
        #expect(accepted.firstRespondedAt == Fixtures.start.addingTimeInterval(600))
        try fixture.clock.advance(by: 600)
        #expect(
            try await center.putOnHold(ticket, waitingFor: "Which side of the street?", by: Self.roadCrew).state
                == .onHold
        )
        try fixture.clock.advance(by: 600)
        let resumed = try await center.resume(ticket, by: Self.roadCrew)
        #expect(resumed.state == .inProgress)
        #expect(resumed.firstRespondedAt == accepted.firstRespondedAt, "the first response is not moved")
        try fixture.clock.advance(by: 600)
        let resolved = try await center.resolve(ticket, note: "Filled with hot asphalt", by: Self.roadCrew)
        #expect(resolved.state == .resolved)
        #expect(resolved.resolvedAt == Fixtures.start.addingTimeInterval(2_400))
        try fixture.clock.advance(by: 600)
        let closed = try await center.close(ticket, reason: .completed, note: "Repaired on Tuesday", by: Self.roadCrew)
        #expect(closed.state == .closed)
        #expect(closed.closedAt == Fixtures.start.addingTimeInterval(3_000))
        #expect(closed.resolvedAt == resolved.resolvedAt)
        #expect(closed.closure == Closure(reason: .completed, note: "Repaired on Tuesday"))
        #expect(
            closed.publicNotes.map(\.text) == [
                "Which side of the street?", "Filled with hot asphalt", "Repaired on Tuesday",
            ]
        )
        let history = try await center.history(of: ticket, by: Self.roadCrew)
        #expect(history.map(\.change.action) == [.open, .accept, .putOnHold, .resume, .resolve, .close])
        #expect(history.dropFirst().allSatisfy { $0.actor == Self.roadCrew })
        #expect(try await fixture.store.request(ticket) == closed)
    }

    @Test func returningAsNotOursReroutesToTriage() async throws {
        let fixture = try await Fixtures.Center()
        let ticket = try await fixture.pothole()
        try await fixture.center.accept(ticket, by: Self.roadCrew)
        let returned = try await fixture.center.returnAsNotOurs(
            ticket,
            reason: "Route 9 is a state road",
            by: Self.roadCrew
        )
        #expect(returned.department == "311")
        #expect(returned.state == .new)
        #expect(returned.returnCount == 1)
        let event = try #require(try await fixture.store.events(for: ticket).last)
        #expect(event.visibility == .internal)
        guard case .returned(let reason, let destination, let explanation) = event.change else {
            Issue.record("expected a return, got \(event.change)")
            return
        }
        #expect(reason == "Route 9 is a state road")
        #expect(destination == "311")
        #expect(!explanation.isEmpty)
        // Roads no longer own it; triage does.
        await #expect(throws: AuthorizationError.self) { try await fixture.center.accept(ticket, by: Self.roadCrew) }
        #expect(try await fixture.center.accept(ticket, by: Fixtures.triageDesk).department == "311")
        // Triage cannot send it back to the department that returned it, nor keep it as "returned".
        let before = try await fixture.snapshot(ticket)
        await #expect(throws: ValidationError.self) {
            try await fixture.center.returnAsNotOurs(ticket, reason: "Not ours either", by: Fixtures.triageDesk)
        }
        #expect(try await fixture.snapshot(ticket) == before)
        // Empty reasons are refused.
        let empty = await #expect(throws: ValidationError.self) {
            try await fixture.center.returnAsNotOurs(ticket, reason: "", by: Self.boss)
        }
        #expect(empty?.field == "note")
    }

    @Test func aReturnMadeByASupervisorStillExcludesTheDepartment() async throws {
        // The supervisor returns the request on Roads' behalf; when triage later returns it, the
        // router must not hand it back to Roads, which has already said it is not theirs.
        let fixture = try await Fixtures.Center()
        let ticket = try await fixture.pothole()
        let returned = try await fixture.center.returnAsNotOurs(ticket, reason: "A state road", by: Self.boss)
        #expect(returned.department == "311")
        let again = try? await fixture.center.returnAsNotOurs(
            ticket,
            reason: "Not ours either",
            by: Fixtures.triageDesk
        )
        #expect(again?.department != "DOT", "the request went back to DOT, which had returned it")
    }

    @Test func reassigningMovesTheRequest() async throws {
        let fixture = try await Fixtures.Center()
        let ticket = try await fixture.pothole()
        try await fixture.center.start(ticket, by: Self.roadCrew)
        let unknown = await #expect(throws: ValidationError.self) {
            try await fixture.center.reassign(ticket, to: "NOPE", reason: "Lost", by: Self.boss)
        }
        #expect(unknown?.field == "department")
        #expect(unknown?.code == .unknownReference)
        await #expect(throws: AuthorizationError.self) {
            try await fixture.center.reassign(ticket, to: "PKS", reason: "Tree roots", by: Self.roadCrew)
        }
        let moved = try await fixture.center.reassign(ticket, to: "PKS", reason: "Tree roots", by: Self.boss)
        #expect(moved.department == "PKS")
        #expect(moved.state == .new)
        #expect(moved.returnCount == 0)
        #expect(try await fixture.center.accept(ticket, by: Fixtures.parksCrew).state == .assigned)
    }

    @Test func notesAreCheckedAndKeptApart() async throws {
        let fixture = try await Fixtures.Center()
        let ticket = try await fixture.pothole()
        try await fixture.center.addNote(ticket, "Crew booked for Tuesday", visibility: .public, by: Self.roadCrew)
        let noted = try await fixture.center.addNote(
            ticket,
            "Bring the big roller",
            visibility: .internal,
            by: Self.roadCrew
        )
        #expect(noted.notes.map(\.text) == ["Crew booked for Tuesday", "Bring the big roller"])
        #expect(noted.publicNotes.map(\.text) == ["Crew booked for Tuesday"])
        #expect(noted.notes.last?.author == Self.roadCrew)
        #expect(noted.state == .new)
        for (text, code) in [
            ("", ValidationError.Code.missingValue), (String(repeating: "n", count: 16_385), .tooLong),
        ] {
            let error = await #expect(throws: ValidationError.self) {
                try await fixture.center.addNote(ticket, text, visibility: .public, by: Self.roadCrew)
            }
            #expect(error?.field == "note")
            #expect(error?.code == code)
        }
        #expect(try await fixture.store.request(ticket) == noted)
    }

    @Test func externalReferencesAccumulateAndTheLatestWins() async throws {
        let fixture = try await Fixtures.Center()
        let ticket = try await fixture.pothole()
        let integration = Participant.integration("cityworks", department: "DOT")
        try await fixture.center.addExternalReference(
            ticket,
            system: "cityworks",
            identifier: "SR-100",
            by: integration
        )
        try fixture.clock.advance(by: 3_600)
        try await fixture.center.addExternalReference(ticket, system: "sap", identifier: "4711", by: integration)
        try fixture.clock.advance(by: 86_400)
        let request = try await fixture.center.addExternalReference(
            ticket,
            system: "cityworks",
            identifier: "WO-200",
            by: integration
        )
        #expect(request.externalReferences.map(\.identifier) == ["SR-100", "4711", "WO-200"])
        #expect(request.externalReference(in: "cityworks")?.identifier == "WO-200")
        #expect(request.externalReference(in: "cityworks")?.recordedAt == Fixtures.start.addingTimeInterval(90_000))
        #expect(request.externalReference(in: "sap")?.identifier == "4711")
        #expect(request.externalReference(in: "hansen") == nil)
        for (system, identifier, field) in [
            ("", "1", "system"), (String(repeating: "s", count: 65), "1", "system"), ("sap", " ", "identifier"),
        ] {
            let error = await #expect(throws: ValidationError.self) {
                try await fixture.center.addExternalReference(
                    ticket,
                    system: system,
                    identifier: identifier,
                    by: integration
                )
            }
            #expect(error?.field == field)
        }
    }

    @Test func linksNeedAnotherExistingRequest() async throws {
        let fixture = try await Fixtures.Center()
        let parent = try await fixture.pothole()
        let ticket = try await fixture.pothole()
        let linked = try await fixture.center.link(ticket, .parent, to: parent, by: Self.roadCrew)
        #expect(linked.links == [RequestLink(.parent, target: parent)])
        let selfLink = await #expect(throws: ValidationError.self) {
            try await fixture.center.link(ticket, .related, to: ticket, by: Self.roadCrew)
        }
        #expect(selfLink?.field == "target")
        let unknown = try TicketNumber(day: 1, secondOfDay: 1, node: 1, sequence: 1)
        let missing = await #expect(throws: StorageError.self) {
            try await fixture.center.link(ticket, .related, to: unknown, by: Self.roadCrew)
        }
        #expect(missing?.code == .notFound)
        #expect(try await fixture.store.request(ticket) == linked)
    }

    @Test func priorityChangesWhileOpen() async throws {
        let fixture = try await Fixtures.Center()
        let ticket = try await fixture.pothole()
        #expect(try await fixture.center.changePriority(ticket, to: .urgent, by: Self.roadCrew).priority == .urgent)
        try await fixture.center.close(
            ticket,
            reason: .cancelledByResident,
            note: "Withdrawn",
            by: Fixtures.submittingResident
        )
        let error = await #expect(throws: LifecycleError.self) {
            try await fixture.center.changePriority(ticket, to: .low, by: Self.boss)
        }
        #expect(error?.from == .closed)
        #expect(try await fixture.store.request(ticket)?.priority == .urgent)
    }

    // MARK: Reopening

    @Test func reopenWithinTheWindowOnly() async throws {
        let window: TimeInterval = 30 * 86_400
        let fixture = try await Fixtures.Center(reopenWindow: window)
        let ticket = try await fixture.pothole()
        try await fixture.center.start(ticket, by: Self.roadCrew)
        try await fixture.center.resolve(ticket, note: "Patched", by: Self.roadCrew)

        let open = await #expect(throws: LifecycleError.self) {
            let other = try await fixture.pothole()
            try await fixture.center.reopen(other, reason: "Never closed", by: Self.boss)
        }
        #expect(open?.code == .transitionNotAllowed)

        try fixture.clock.advance(by: window)
        let reopened = try await fixture.center.reopen(
            ticket,
            reason: "The patch sank",
            by: Fixtures.submittingResident
        )
        #expect(reopened.state == .assigned)
        #expect(reopened.reopenCount == 1)
        #expect(reopened.resolvedAt == nil)
        #expect(reopened.publicNotes.last?.text == "The patch sank")

        try await fixture.center.start(ticket, by: Self.roadCrew)
        try await fixture.center.close(ticket, reason: .completed, note: "Re-patched", by: Self.roadCrew)
        try fixture.clock.advance(by: window + 1)
        let before = try await fixture.snapshot(ticket)
        let late = await #expect(throws: LifecycleError.self) {
            try await fixture.center.reopen(ticket, reason: "Sank again", by: Self.boss)
        }
        #expect(late?.code == .reopenWindowExpired)
        #expect(late?.from == .closed)
        #expect(try await fixture.snapshot(ticket) == before)
        let blank = await #expect(throws: ValidationError.self) {
            try await fixture.center.reopen(ticket, reason: " ", by: Self.boss)
        }
        #expect(blank?.field == "note")
    }

    @Test func aBlankNoteIsOneErrorWhicheverPathRefusesIt() async throws {
        let fixture = try await Fixtures.Center()
        let ticket = try await fixture.pothole()
        let center = fixture.center
        let blank = " \n\t "
        let before = try await fixture.snapshot(ticket)
        let counts = try await fixture.counts()
        let paths: [(String, () async throws -> Void)] = [
            ("resolve", { try await center.resolve(ticket, note: blank, by: Self.boss) }),
            ("close", { try await center.close(ticket, reason: .completed, note: blank, by: Self.boss) }),
            ("putOnHold", { try await center.putOnHold(ticket, waitingFor: blank, by: Self.boss) }),
            ("reopen", { try await center.reopen(ticket, reason: blank, by: Self.boss) }),
            (
                "reopen(complaint:)",
                { try await center.reopen(ticket, complaint: blank, channel: .phone, by: Self.boss) }
            ),
            ("returnAsNotOurs", { try await center.returnAsNotOurs(ticket, reason: blank, by: Self.boss) }),
            ("reassign", { try await center.reassign(ticket, to: "SWR", reason: blank, by: Self.boss) }),
            ("addNote(public)", { try await center.addNote(ticket, blank, visibility: .public, by: Self.boss) }),
            ("addNote(internal)", { try await center.addNote(ticket, blank, visibility: .internal, by: Self.boss) }),
            (
                "record(followUp)",
                {
                    try await center.record(
                        ContactDraft(.followUp(ticket, .complaint, note: blank), channel: .phone),
                        by: Self.boss
                    )
                }
            ),
        ]
        var errors: [ValidationError] = []
        for (name, path) in paths {
            do {
                try await path()
                Issue.record("\(name) accepted a blank note")
            } catch let error as ValidationError {
                errors.append(error)
            } catch {
                Issue.record("\(name) refused a blank note with \(error), not a ValidationError")
            }
        }
        #expect(errors.count == paths.count)
        #expect(Set(errors).count == 1, "one error, whichever path: \(Set(errors))")
        #expect(errors.first?.code == .missingValue)
        #expect(errors.first?.field == "note")
        #expect(try await fixture.snapshot(ticket) == before)
        #expect(try await fixture.counts() == counts)
    }

    @Test func aComplaintCanReopen() async throws {
        let fixture = try await Fixtures.Center()
        let ticket = try await fixture.pothole()
        let center = fixture.center
        // On an open request the complaint may not reopen it, and nothing is recorded.
        let counts = try await fixture.counts()
        // The call-taker reopens for the caller who submitted the request (caller ID shows the
        // phone number given at intake).
        let caller = SubmitterProof.phone(Fixtures.residentPhone)
        func complain(_ proof: SubmitterProof?) async throws -> Contact {
            try await center.reopen(
                ticket,
                complaint: "Still a hole",
                channel: .phone,
                agent: "maria",
                caller: proof,
                by: Self.callTaker
            )
        }
        await #expect(throws: LifecycleError.self) {
            try await complain(caller)
        }
        #expect(try await fixture.counts() == counts)

        try await center.start(ticket, by: Self.roadCrew)
        try await center.resolve(ticket, note: "Patched", by: Self.roadCrew)
        try fixture.clock.advance(by: 2 * 86_400)
        // Another caller's complaint does not reopen it, and records nothing.
        await #expect(throws: AuthorizationError.self) { try await complain(.phone("555-010-0000")) }
        await #expect(throws: AuthorizationError.self) { try await complain(nil) }
        #expect(try await fixture.counts() == counts)
        // Recording a complaint as a contact changes nothing; reopening is its own act.
        let recorded = try await center.record(
            ContactDraft(.followUp(ticket, .complaint, note: "Still a hole"), channel: .phone, agent: "maria"),
            by: Self.callTaker
        )
        #expect(recorded.callType == .serviceRequest(.complaint, request: ticket))
        #expect(try await fixture.store.request(ticket)?.state == .resolved)
        let contact = try await complain(caller)
        #expect(contact.agent == "maria")
        #expect(contact.callType == .serviceRequest(.complaint, request: ticket))
        #expect(contact.ticket != ticket)
        let reopened = try #require(try await fixture.store.request(ticket))
        #expect(reopened.state == .assigned)
        #expect(reopened.reopenCount == 1)
        #expect(reopened.notes.last?.text.contains(contact.ticket.description) == true)
        #expect(reopened.notes.last?.text.contains("Still a hole") == true)

        // A compliment is recorded against the ticket and changes nothing.
        let before = try await fixture.snapshot(ticket)
        let thanks = try await center.record(
            ContactDraft(.followUp(ticket, .compliment, note: "Great crew"), channel: .email),
            by: Self.callTaker
        )
        #expect(thanks.callType == .serviceRequest(.compliment, request: ticket))
        #expect(try await fixture.snapshot(ticket) == before)
    }

    @Test func aLateComplaintRecordsNothing() async throws {
        let fixture = try await Fixtures.Center(reopenWindow: 86_400)
        let ticket = try await fixture.pothole()
        try await fixture.center.close(
            ticket,
            reason: .closedWithoutAction(code: "NO_DEFECT_FOUND"),
            note: "Nothing found",
            by: Self.roadCrew
        )
        try fixture.clock.advance(by: 2 * 86_400)
        let counts = try await fixture.counts()
        let error = await #expect(throws: LifecycleError.self) {
            try await fixture.center.reopen(
                ticket,
                complaint: "It is there",
                channel: .phone,
                caller: .email(Fixtures.residentEmail),
                by: Self.callTaker
            )
        }
        #expect(error?.code == .reopenWindowExpired)
        #expect(try await fixture.counts() == counts)
    }

    // MARK: Closing reasons

    @Test func closingAsADuplicate() async throws {
        let fixture = try await Fixtures.Center()
        let original = try await fixture.pothole()
        let copy = try await fixture.pothole()
        let closed = try await fixture.center.close(
            copy,
            reason: .duplicate(of: original),
            note: "Already reported",
            by: Self.roadCrew
        )
        #expect(closed.closure?.reason == .duplicate(of: original))
        #expect(closed.links.contains(RequestLink(.duplicateOf, target: original)))

        let other = try await fixture.pothole()
        let itself = await #expect(throws: ValidationError.self) {
            try await fixture.center.close(other, reason: .duplicate(of: other), note: "Same", by: Self.roadCrew)
        }
        #expect(itself?.field == "reason.duplicateOf")
        // The original cannot in turn be closed as a duplicate of its copy.
        let loop = await #expect(throws: ValidationError.self) {
            try await fixture.center.close(original, reason: .duplicate(of: copy), note: "Same", by: Self.roadCrew)
        }
        #expect(loop?.field == "reason.duplicateOf")
        let unknown = try TicketNumber(day: 1, secondOfDay: 1, node: 1, sequence: 1)
        await #expect(throws: StorageError.self) {
            try await fixture.center.close(other, reason: .duplicate(of: unknown), note: "Same", by: Self.roadCrew)
        }
        #expect(try await fixture.store.request(other)?.state == .new)
        #expect(try await fixture.store.request(original)?.state == .new)
    }

    @Test func referralsCloseToExternalAgenciesOnly() async throws {
        let fixture = try await Fixtures.Center()
        for (target, field, code) in [
            ("DOT", "reason.referredTo", ValidationError.Code.invalidValue),
            ("BRT", "reason.referredTo", .invalidValue),
            ("NOPE", "reason.referredTo", .unknownReference),
        ] {
            let ticket = try await fixture.pothole()
            let error = await #expect(throws: ValidationError.self) {
                try await fixture.center.close(
                    ticket,
                    reason: .referred(to: DepartmentID(target)),
                    note: "Referred",
                    by: Self.roadCrew
                )
            }
            #expect(error?.field == field)
            #expect(error?.code == code)
            #expect(try await fixture.store.request(ticket)?.state == .new)
        }
        let ticket = try await fixture.pothole()
        let referred = try await fixture.center.close(
            ticket,
            reason: .referred(to: "SHA"),
            note: "Route 9 belongs to the State Highway Administration",
            by: Self.roadCrew
        )
        #expect(referred.closure?.reason == .referred(to: "SHA"))
        let code = await #expect(throws: ValidationError.self) {
            let another = try await fixture.pothole()
            try await fixture.center.close(
                another,
                reason: .closedWithoutAction(code: ""),
                note: "x",
                by: Self.roadCrew
            )
        }
        #expect(code?.field == "reason.code")
    }

    @Test func residentsCancelOnlyTheirOwnRequests() async throws {
        let fixture = try await Fixtures.Center()
        let ticket = try await fixture.pothole()
        await #expect(throws: AuthorizationError.self) {
            try await fixture.center.close(
                ticket,
                reason: .cancelledByResident,
                note: "Not mine",
                by: Fixtures.otherResident
            )
        }
        await #expect(throws: AuthorizationError.self) {
            try await fixture.center.close(
                ticket,
                reason: .closedWithoutAction(code: "X"),
                note: "x",
                by: Fixtures.submittingResident
            )
        }
        let cancelled = try await fixture.center.close(
            ticket,
            reason: .cancelledByResident,
            note: "Fixed it myself",
            by: Fixtures.submittingResident
        )
        #expect(cancelled.closure?.reason == .cancelledByResident)
    }

    // MARK: Residents' status lookups

    @Test func statusLookupShowsThePublicViewOnly() async throws {
        let fixture = try await Fixtures.Center()
        let ticket = try await fixture.pothole()
        try await fixture.center.addNote(ticket, "Crew booked for Tuesday", visibility: .public, by: Self.roadCrew)
        try await fixture.center.addNote(
            ticket,
            "Resident was rude on the phone",
            visibility: .internal,
            by: Self.roadCrew
        )
        try await fixture.center.start(ticket, by: Self.roadCrew)

        let view = try await fixture.center.status(of: ticket.description)
        #expect(view.ticket == ticket)
        #expect(view.serviceTypeName == "Pothole")
        #expect(view.state == .inProgress)
        #expect(view.status == "In progress")
        #expect(view.departmentName == "Transportation and Streets")
        #expect(view.description == Fixtures.potholeDraft().description)
        #expect(view.address == "214 Elm Street")
        #expect(view.createdAt == Fixtures.start)
        #expect(view.expectedBy == Fixtures.thursdayFivePM)
        #expect(view.closedAt == nil)
        #expect(view.notes.map(\.text) == ["Crew booked for Tuesday"])
        let json = String(decoding: try JSONEncoder().encode(view), as: UTF8.self)
        for secret in [Fixtures.residentEmail, Fixtures.residentPhone, "Sam Rivera", "rude", "maria"] {
            #expect(!json.contains(secret), "the public view leaks \(secret)")
        }
        #expect(try await fixture.center.status(of: ticket.digits) == view)
        #expect(
            try await fixture.center.status(of: ticket.description.replacingOccurrences(of: "-", with: " ")) == view
        )
    }

    @Test func privateServiceTypesHideDescriptionAndAddress() async throws {
        let fixture = try await Fixtures.Center()
        let acknowledgement = try await fixture.center.submit(
            ServiceRequestDraft(
                serviceType: "HOUSING_CODE",
                description: "Mould in the children's bedroom of flat 3B",
                location: Location(address: "77 Cedar Street, Apt 3B"),
                answers: ["problem": .choice("mold"), "tenant": .yesNo(true)],
                submitter: Submitter(name: "Lee", phone: "555-010-9999"),
                channel: .phone,
                agent: "maria"
            ),
            by: Self.callTaker
        )
        let view = try await fixture.center.status(of: acknowledgement.ticket)
        #expect(view.description == nil)
        #expect(view.address == nil)
        #expect(view.serviceTypeName == "Housing code violation")
        let json = String(decoding: try JSONEncoder().encode(view), as: UTF8.self)
        #expect(!json.contains("Mould") && !json.contains("Cedar Street") && !json.contains("Lee"))
    }

    @Test func aMistypedTicketIsCaughtAndAnUnknownOneIsNotFound() async throws {
        let fixture = try await Fixtures.Center()
        let ticket = try await fixture.pothole()
        var digits = Array(ticket.digits)
        let swap = try #require((0..<14).first { digits[$0] != digits[$0 + 1] })
        digits.swapAt(swap, swap + 1)
        let mistyped = await #expect(throws: TicketNumberError.self) {
            _ = try await fixture.center.status(of: String(digits))
        }
        #expect(mistyped?.code == .checkDigitMismatch)
        let garbled = await #expect(throws: TicketNumberError.self) {
            _ = try await fixture.center.status(of: "my pothole")
        }
        #expect(garbled?.code == .wrongLength)
        let unknown = try TicketNumber(day: 1, secondOfDay: 1, node: 1, sequence: 1)
        let missing = await #expect(throws: StorageError.self) {
            _ = try await fixture.center.status(of: unknown.description)
        }
        #expect(missing?.code == .notFound)
    }
}

/// A store that holds the first `parties` client-request-ID lookups until all of them have been
/// answered, so that concurrent submissions race deterministically.
private final class RendezvousStore: ForwardingRequestStore {
    private struct Gate {
        var arrived = 0
        var waiting: [Int: CheckedContinuation<Void, Never>] = [:]
    }

    let base = InMemoryRequestStore()
    private let parties: Int
    private let gate = Mutex(Gate())

    init(parties: Int) { self.parties = parties }

    /// Waits until `parties` lookups have arrived, or two seconds, whichever comes first: a
    /// center that looks up fewer times than expected is slowed down, never hung.
    private func rendezvous() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let (arrival, released) = gate.withLock { gate in
                gate.arrived += 1
                if gate.arrived < parties {
                    gate.waiting[gate.arrived] = continuation
                    return (gate.arrived, [CheckedContinuation<Void, Never>]())
                }
                defer { gate.waiting = [:] }
                return (gate.arrived, Array(gate.waiting.values) + [continuation])
            }
            for waiter in released { waiter.resume() }
            if released.isEmpty {
                Task {
                    try? await Task.sleep(for: .seconds(2))
                    self.gate.withLock { $0.waiting.removeValue(forKey: arrival) }?.resume()
                }
            }
        }
    }

    func request(_ key: ClientRequestKey) async throws(StorageError) -> ServiceRequest? {
        // Look up first, then wait: every party has its answer before any of them goes on.
        let found = try await base.request(key)
        await rendezvous()
        return found
    }
}
