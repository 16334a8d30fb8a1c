import Civic311
import Foundation
import Testing

extension ConformanceArea {
    /// Unicode and large text survive exactly, in every field that holds text: 16 KB
    /// descriptions and notes, emoji sequences, right-to-left scripts, combining marks, quotes
    /// and SQL or JSON look-alikes, control characters other than NUL. "Exactly" means the same
    /// Unicode scalars, not text Swift finds equal: a store that normalises text (to NFC, say)
    /// fails, since the original spelling is what was promised. Identifiers with such text can
    /// be queried, and compare as Swift strings do (canonically equivalent spellings are equal).
    public static let textFidelity = ConformanceArea("text fidelity") { run, fixtures in
        let (store, check) = (run.store, run.check)
        let samples = ConformanceRun.oddTexts
        var requests: [ServiceRequest] = []
        for (index, text) in samples.enumerated() {
            let department = DepartmentID("D\u{E9}PT-\(index % 3)-\u{1F6A7}")
            let (contact, base) = fixtures.opening(
                serviceType: ServiceTypeCode("TYPE-\u{05D0}\u{0628}-\(index % 2)"),
                department: department,
                description: text,
                clientRequestID: "client-\(index)-\(text.prefix(12))"
            )
            guard case .opened(let template) = base.change else { continue }
            let opening = RequestEvent(
                ticket: base.ticket,
                sequence: 1,
                recordedAt: base.recordedAt,
                actor: .integration("adapter-\u{1F916}-\(text.prefix(8))", department: department),
                change: .opened(
                    RequestOpening(
                        serviceType: template.serviceType,
                        kind: template.kind,
                        description: text,
                        location: Location(
                            address: String(text.prefix(200)),
                            coordinate: try? Coordinate(latitude: -33.8688, longitude: 151.2093)
                        ),
                        answers: [
                            Answer(question: "q-\u{1F40D}", value: .text(text)),
                            Answer(question: "n", value: .number(-0.0)),
                        ],
                        submitter: Submitter(
                            name: String(text.prefix(64)),
                            phone: "+1 (555) 010-\u{0662}",
                            email: "\u{C6B0}\u{B9AC}@example.org"
                        ),
                        channel: template.channel,
                        agent: template.agent,
                        priority: template.priority,
                        routing: RoutingDecision(
                            department: department,
                            queue: "queue \(text.prefix(10))",
                            disposition: .emergencyAdvisory,
                            rule: "rule \(text.prefix(16))",
                            advisory: text,
                            explanation: [text, ""]
                        ),
                        serviceLevel: ServiceLevelCommitment(
                            resolutionDueAt: template.serviceLevel.resolutionDueAt,
                            policy: "policy \u{2014} \(text.prefix(20))",
                            clock: .businessTime(calendar: "calendar \(text.prefix(12))")
                        ),
                        clientRequestID: template.clientRequestID
                    )
                ),
                fromState: nil,
                toState: .new,
                visibility: .public
            )
            var request = try await store.open(contact, request: opening)
            var history = [opening]
            let note = fixtures.note(on: request, text: text, visibility: .public)
            let reference = RequestEvent(
                ticket: request.ticket,
                sequence: request.version + 2,
                recordedAt: fixtures.advance(upTo: 1),
                actor: .system,
                change: .externalReferenceAdded(
                    ExternalReference(system: text, identifier: text, recordedAt: note.recordedAt)
                ),
                fromState: request.state,
                toState: request.state,
                visibility: .internal
            )
            request = try await store.append([note, reference], expectedVersion: request.version)
            history += [note, reference]
            try await run.expectStored(request, history: history, "text sample \(index)")
            try await run.expectStoredAsWritten(request, history: history, "text sample \(index)")
            if let key = ClientRequestKey(opening: opening) {
                check.expectEqual(
                    try await store.request(key),
                    request,
                    "request(_:) by a client request key with text sample \(index)"
                )
            }
            requests.append(request)
        }

        // Identifiers with odd text can be queried, including in an equivalent spelling.
        let departments = Set(requests.map(\.department))
        for department in departments {
            let expected = requests.filter { $0.department == department }.map(\.ticket)
            let listed = try await store.requests(
                matching: RequestQuery(departments: [department]),
                page: PageRequest(limit: 1000)
            )
            check.expectEqual(listed.items.map(\.ticket), expected, "query by department \(department)")
            let decomposed = DepartmentID(department.rawValue.replacingOccurrences(of: "\u{E9}", with: "e\u{301}"))
            let equivalent = try await store.requests(
                matching: RequestQuery(departments: [decomposed]),
                page: PageRequest(limit: 1000)
            )
            check.expectEqual(
                equivalent.items.map(\.ticket),
                expected,
                "query by a canonically equivalent spelling of \(department)"
            )
            check.expectEqual(
                try await store.countRequests(matching: RequestQuery(departments: [decomposed])),
                expected.count,
                "count by an equivalent department"
            )
        }
        for type in Set(requests.map(\.serviceType)) {
            let expected = requests.filter { $0.serviceType == type }.map(\.ticket)
            let listed = try await store.requests(
                matching: RequestQuery(serviceTypes: [type]),
                page: PageRequest(limit: 1000)
            )
            check.expectEqual(listed.items.map(\.ticket), expected, "query by service type \(type)")
        }

        // A contact with an odd agent and article.
        let contact = Contact(
            ticket: fixtures.nextTicket(),
            channel: .chat,
            receivedAt: fixtures.advance(),
            agent: AgentID("agent \u{1F3A7} \u{05E9}"),
            callType: .generalInformation(article: KnowledgeArticleID(samples[3]))
        )
        try await store.record(contact)
        let stored = try await store.contact(contact.ticket)
        check.expectEqual(stored, contact, "a contact with odd text")
        if let stored { check.expectSpelledAlike(stored, contact, "a contact with odd text") }
    }
}

extension ConformanceRun {

    /// Texts that trip up encodings, escaping and collations. None contains NUL.
    static var oddTexts: [String] {
        let kilobytes16 = String(
            repeating: "Pothole \u{2014} r\u{E9}paration n\u{E9}cessaire \u{1F6A7}. ",
            count: 16_384 / 48
        )
        let exact = kilobytes16 + String(repeating: "x", count: 16_384 - kilobytes16.utf8.count)
        return [
            exact,
            String(
                repeating: "\u{1F469}\u{1F3FD}\u{200D}\u{1F692}\u{1F3F3}\u{FE0F}\u{200D}\u{1F308}\u{1F1E8}\u{1F1E6}",
                count: 400
            ),
            "\u{0637}\u{0644}\u{0628} \u{062E}\u{062F}\u{0645}\u{0629}: \u{062D}\u{0641}\u{0631}\u{0629} \u{0641}\u{064A} \u{0627}\u{0644}\u{0634}\u{0627}\u{0631}\u{0639} \u{2014} \u{05D1}\u{05E7}\u{05E9}\u{05D4} \u{200F}\u{202E}reversed\u{202C}",
            "e\u{301}t\u{E9} Z\u{0351}\u{0364}\u{0363}a\u{0308}\u{0301}l\u{0334}g\u{0335}o \u{4E2D}\u{6587} \u{0939}\u{093F}\u{0928}\u{094D}\u{0926}\u{0940} \u{D55C}\u{AD6D}\u{C5B4}",
            "'; DROP TABLE request; -- \"quoted\" `back` \\ backslash \\\\ {\"json\": [1, 2, {\"a\": null}]} <b>&amp;</b> %s %d ?1 :name @x $y",
            "controls:\u{1}\u{7}\u{8}\t\r\n\u{B}\u{C}\u{1B}[31m\u{1F}\u{7F}\u{85}\u{2028}\u{2029}\u{FEFF}\u{FFFD}\u{FFFE}\u{E000}\u{10FFFF}",
            "   leading and trailing spaces\u{A0}\u{3000}  ",
        ]
    }
}
