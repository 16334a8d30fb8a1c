import Civic311
import Civic311SampleCounty
import Foundation
import Testing

/// Printing, interpolating, dumping or reflecting any domain value never shows personal data or
/// free text; `.unredacted` shows all of it.
@Suite struct RedactionTests {
    private typealias Fixtures = FoundationFixtures

    /// Values written into every personal or free-text field of the request below.
    private static let secrets = [
        "Sam Rivera", "sam.rivera@example.com", "555-010-7788", "Sam.Rivera@EXAMPLE.com", "told us she is pregnant",
        "Resident was rude", "ladder by the garage", "Gate code 4471", "Patched with the neighbour", "Back again",
        "Withdrawn by Sam", "returned because", "moved because", "the dog bites",
    ]

    /// Every way Swift turns a value into text.
    private static func printedForms(of value: Any) -> [String] {
        var dumped = ""
        dump(value, to: &dumped)
        var printed = ""
        print(value, to: &printed)
        var debugPrinted = ""
        debugPrint(value, to: &debugPrinted)
        return [
            String(describing: value), String(reflecting: value), "\(value)", dumped, printed, debugPrinted,
            mirrorText(Mirror(reflecting: value)),
        ]
    }

    /// Every label and leaf of a mirror tree, walked by hand as a debugger or logger would.
    private static func mirrorText(_ mirror: Mirror, depth: Int = 0) -> String {
        guard depth < 12 else { return "" }
        return mirror.children.map { child in
            let leaf = Mirror(reflecting: child.value)
            let text = leaf.children.isEmpty ? String(describing: child.value) : mirrorText(leaf, depth: depth + 1)
            return "\(child.label ?? ""): \(text)"
        }.joined(separator: "\n")
    }

    private static func expectNoSecrets(
        in value: Any,
        _ what: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        for (form, text) in printedForms(of: value).enumerated() {
            for secret in secrets where text.contains(secret) {
                Issue.record("\(what), form \(form), shows \"\(secret)\":\n\(text)", sourceLocation: sourceLocation)
            }
        }
    }

    /// A request whose every personal and free-text field holds a secret, with its history.
    private static func everything() async throws -> (Fixtures.Center, ServiceRequest, [RequestEvent]) {
        let fixture = try await Fixtures.Center()
        let center = fixture.center
        let crew = Fixtures.roadCrew
        let ticket = try await center.submit(
            ServiceRequestDraft(
                serviceType: "POTHOLE",
                description: "Sam Rivera at 555-010-7788 told us she is pregnant",
                location: Location(address: "214 Elm Street"),
                answers: ["size": .choice("large"), "position": .choice("lane")],
                submitter: Fixtures.submitter,
                channel: .phone,
                agent: "maria"
            ),
            by: Fixtures.callTaker
        ).ticket
        try await center.addNote(ticket, "Resident was rude", visibility: .internal, by: crew)
        try await center.addNote(ticket, "ladder by the garage", visibility: .public, by: crew)
        try await center.accept(ticket, by: crew)
        try await center.putOnHold(ticket, waitingFor: "Gate code 4471", by: crew)
        try await center.resume(ticket, by: crew)
        try await center.resolve(ticket, note: "Patched with the neighbour", by: crew)
        try await center.reopen(ticket, reason: "Back again", by: .resident("Sam.Rivera@EXAMPLE.com"))
        try await center.returnAsNotOurs(ticket, reason: "returned because", by: crew)
        try await center.reassign(ticket, to: "DOT", reason: "moved because", by: Fixtures.supervisor)
        try await center.close(
            ticket,
            reason: .cancelledByResident,
            note: "Withdrawn by Sam",
            by: Fixtures.submittingResident
        )
        let request = try #require(try await fixture.store.request(ticket))
        return (fixture, request, try await fixture.store.events(for: ticket))
    }

    @Test func requestsEventsAndTheirPartsPrintWithoutPersonalData() async throws {
        let (_, request, events) = try await Self.everything()
        Self.expectNoSecrets(in: request, "the request")
        Self.expectNoSecrets(in: request.opening, "the opening")
        Self.expectNoSecrets(in: request.notes, "the notes")
        Self.expectNoSecrets(in: try #require(request.closure), "the closure")
        Self.expectNoSecrets(in: try #require(request.submitter), "the submitter")
        Self.expectNoSecrets(in: events, "the history")
        for event in events {
            Self.expectNoSecrets(in: event, "event \(event.sequence)")
            Self.expectNoSecrets(in: event.change, "change \(event.sequence)")
            Self.expectNoSecrets(in: event.actor, "actor \(event.sequence)")
            Self.expectNoSecrets(in: CenterEvent.requestChanged(event, request: request), "center event")
        }
        // What stays visible: the structure, codes, states and staff.
        let text = String(describing: request)
        for visible in ["POTHOLE", "DOT", "closed", "staff j.okafor of DOT", "<redacted>", "choice(\"large\")"] {
            #expect(text.contains(visible), "\(visible)")
        }
    }

    @Test func theUnredactedFormShowsEverything() async throws {
        let (_, request, events) = try await Self.everything()
        var dumped = ""
        dump(request.unredacted, to: &dumped)
        for text in [String(describing: request.unredacted), String(reflecting: request.unredacted), dumped] {
            for secret in [
                "Sam Rivera", "sam.rivera@example.com", "555-010-7788", "Resident was rude", "Gate code 4471",
            ] {
                #expect(text.contains(secret), "\(secret) missing from the unredacted request")
            }
            #expect(!text.contains("<redacted>"))
        }
        let history = events.map { String(describing: $0.unredacted) }.joined()
        for secret in ["returned because", "moved because", "Withdrawn by Sam", "Sam.Rivera@EXAMPLE.com"] {
            #expect(history.contains(secret), "\(secret) missing from the unredacted history")
        }
        #expect(String(describing: Fixtures.submittingResident.unredacted) == "resident sam.rivera@example.com")
        #expect(String(describing: Fixtures.submittingResident) == "resident <redacted>")
        #expect(Fixtures.submitter.unredacted.description.contains("Sam Rivera"))
    }

    /// The mirrors are written by hand; each must list every stored field (what `Codable`
    /// encodes), or a new field would be missing from the unredacted form. `Codable` leaves out
    /// `nil` fields, so the keys are collected over every step of a history.
    @Test func mirrorsListEveryStoredField() async throws {
        let (_, request, events) = try await Self.everything()
        func keys(_ value: some Encodable) throws -> Set<String> {
            let object = try JSONSerialization.jsonObject(with: try JSONEncoder().encode(value))
            return Set((object as? [String: Any] ?? [:]).keys)
        }
        func labels(_ value: Any) -> Set<String> { Set(Mirror(reflecting: value).children.compactMap(\.label)) }
        var requestKeys: Set<String> = []
        var eventKeys: Set<String> = []
        for count in 1...events.count {
            requestKeys.formUnion(try keys(try ServiceRequest.replaying(events.prefix(count))))
            eventKeys.formUnion(try keys(events[count - 1]))
        }
        // The catalog router assigns no queue, so no step of this history has one.
        #expect(labels(request.unredacted) == requestKeys.union(["queue"]))
        #expect(labels(request) == labels(request.unredacted))
        #expect(labels(events[0].unredacted) == eventKeys)
        let opening = request.opening
        #expect(labels(opening.unredacted) == (try keys(opening)).union(["clientRequestID"]))
        #expect(labels(Fixtures.submitter.unredacted) == (try keys(Fixtures.submitter)))
        let closure = try #require(request.closure)
        #expect(labels(closure.unredacted) == (try keys(closure)))
        let note = try #require(request.notes.first)
        #expect(labels(note.unredacted) == (try keys(note)))
    }

    @Test func draftsContactsAndProofsPrintWithoutPersonalData() throws {
        var draft = Fixtures.potholeDraft()
        draft.description = "Sam Rivera at 555-010-7788 told us she is pregnant"
        draft.answers["notes"] = .text("the dog bites")
        Self.expectNoSecrets(in: draft, "the draft")
        Self.expectNoSecrets(in: AnswerValue.text("the dog bites"), "a text answer")
        Self.expectNoSecrets(in: Answer(question: "notes", value: .text("the dog bites")), "an answer")
        let ticket = try TicketNumber(day: 1, secondOfDay: 1, node: 1, sequence: 1)
        let followUp = ContactDraft(
            .followUp(ticket, .complaint, note: "Sam Rivera says the dog bites"),
            channel: .phone
        )
        Self.expectNoSecrets(in: followUp, "a follow-up draft")
        let contact = Contact(
            ticket: ticket,
            channel: .phone,
            receivedAt: Fixtures.start,
            agent: "maria",
            callType: .serviceRequest(.complaint, request: ticket)
        )
        Self.expectNoSecrets(in: contact, "a contact")
        Self.expectNoSecrets(in: CenterEvent.contactRecorded(contact), "a contact event")
        for proof in [
            SubmitterProof.email("sam.rivera@example.com"), .phone("555-010-7788"), .phoneEnding("555-010-7788"),
        ] {
            Self.expectNoSecrets(in: proof, "a proof")
            let unredacted = String(describing: proof.unredacted)
            #expect(unredacted.contains("sam.rivera@example.com") || unredacted.contains("555-010-7788"))
        }
        Self.expectNoSecrets(in: ResidentID("sam.rivera@example.com"), "a resident identity")
        Self.expectNoSecrets(in: try #require(ContactIdentity("Sam.Rivera@EXAMPLE.com")), "a contact identity")
        Self.expectNoSecrets(in: Participant.resident("555-010-7788"), "a resident")
        #expect(ResidentID("sam.rivera@example.com").rawValue == "sam.rivera@example.com")
        #expect(String(describing: DepartmentID("DOT")) == "DOT")
    }

    @Test func routingInputsPrintWithoutFreeText() throws {
        let input = RoutingInput(
            serviceType: try #require(Jurisdiction.sampleCounty.serviceType("POTHOLE")),
            description: "Sam Rivera at 555-010-7788 told us she is pregnant",
            location: nil,
            answers: [Answer(question: "notes", value: .text("the dog bites"))],
            channel: .web,
            receivedAt: Fixtures.start
        )
        Self.expectNoSecrets(in: input, "a routing input")
        #expect(String(describing: input.unredacted).contains("the dog bites"))
    }

    // MARK: Errors

    @Test func errorsNeverRepeatAnIdentity() async throws {
        let fixture = try await Fixtures.Center()
        let ticket = try await fixture.pothole()
        var failures: [any Error] = []
        for submitter in [
            Submitter(name: "Sam Rivera", email: "sam.rivera@example..com@"),
            Submitter(name: "Sam Rivera", phone: "555-010-7788-555-010-7788"),
        ] {
            do {
                _ = try await fixture.center.submit(Fixtures.potholeDraft(submitter: submitter), by: Fixtures.callTaker)
            } catch { failures.append(error) }
            do {
                _ = try await fixture.center.submit(
                    batch: [Fixtures.potholeDraft(), Fixtures.potholeDraft(submitter: submitter)],
                    by: Fixtures.callTaker
                )
            } catch { failures.append(error) }
        }
        for resident in [Participant.resident("sam.rivera@example.com"), .resident("555-010-7788")] {
            for attempt in [
                { try await fixture.center.accept(ticket, by: resident) },
                { try await fixture.center.request(ticket, by: resident) },
                { try await fixture.center.close(ticket, reason: .completed, note: "x", by: resident) },
                {
                    try await fixture.center.reopen(
                        try TicketNumber(day: 1, secondOfDay: 1, node: 1, sequence: 1),
                        reason: "x",
                        by: resident
                    )
                },
            ] as [() async throws -> Any] {
                do { _ = try await attempt() } catch { failures.append(error) }
            }
            do {
                _ = try await fixture.center.requests(matching: RequestQuery(), by: resident)
            } catch { failures.append(error) }
        }
        do {
            _ = try await fixture.center.status(of: ticket, verifiedBy: .email("sam.rivera@example.co"))
        } catch { failures.append(error) }
        #expect(failures.count == 15)
        for error in failures {
            let texts =
                Self.printedForms(of: error)
                + [
                    (error as? ValidationError)?.message, (error as? AuthorizationError)?.message, "\(error)",
                ].compactMap { $0 }
            for text in texts {
                for secret in ["sam.rivera", "example..com", "555-010-7788", "Sam Rivera"] {
                    #expect(!text.contains(secret), "\(type(of: error)) shows \(secret): \(text)")
                }
            }
        }
    }
}
