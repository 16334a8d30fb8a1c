@_spi(Benchmarks) import Civic311
@_spi(Benchmarks) import Civic311SQLite
import Civic311Testing
import Foundation
import Testing

/// The snapshot is decoded without `Decodable` (on every status lookup): these check it against
/// the `Codable` path as an oracle, field for field, and that it refuses what decoding refuses.
@Suite struct SnapshotDecodeTests {
    /// Through the stored snapshot form and back, as a lookup reads it.
    static func stored(_ request: ServiceRequest) throws -> ServiceRequest {
        try RowFormat.encode(request).withUnsafeBytes { bytes in
            try RowFormat.decodeSnapshot(request.ticket, opening: request.opening, from: bytes)
        }
    }

    /// Through JSON and `Decodable`: the oracle.
    static func decoded(_ request: ServiceRequest) throws -> ServiceRequest {
        try JSONDecoder().decode(ServiceRequest.self, from: JSONEncoder().encode(request))
    }

    /// `request` with every field given, through the factory the snapshot decoder uses.
    static func rebuilt(
        _ request: ServiceRequest,
        state: RequestState? = nil,
        closure: Closure?? = nil,
        closedAt: Date?? = nil,
        holdStartedAt: Date?? = nil,
        queue: String?? = nil,
        restatedServiceLevel: ServiceLevelCommitment?? = nil,
        reopenCount: Int? = nil,
        updatedAt: Date? = nil,
        version: Int? = nil
    ) throws(DecodingError) -> ServiceRequest {
        try ServiceRequest.restored(
            ticket: request.ticket,
            opening: request.opening,
            createdAt: request.createdAt,
            priority: request.priority,
            department: request.department,
            queue: queue ?? request.queue,
            state: state ?? request.state,
            closure: closure ?? request.closure,
            firstRespondedAt: request.firstRespondedAt,
            resolvedAt: request.resolvedAt,
            closedAt: closedAt ?? request.closedAt,
            updatedAt: updatedAt ?? request.updatedAt,
            notes: request.notes,
            externalReferences: request.externalReferences,
            links: request.links,
            holdStartedAt: holdStartedAt ?? request.holdStartedAt,
            holds: request.holds,
            escalations: request.escalations,
            restatedServiceLevel: restatedServiceLevel ?? request.restatedServiceLevel,
            reopenCount: reopenCount ?? request.reopenCount,
            returnCount: request.returnCount,
            version: version ?? request.version
        )
    }

    /// Long random histories, then each of them with every optional field the fold leaves out
    /// set too (a queue, a restated service level).
    static func samples() throws -> [ServiceRequest] {
        var requests = try RowFormatTests.histories(count: 80, length: 40, seed: 71).map(\.0)
        var fixtures = RequestFixtures(seed: 72)
        let fresh = try ServiceRequest(opening: fixtures.opening().opening)
        requests.append(fresh)
        let restated = ServiceLevelCommitment(
            resolutionDueAt: fresh.createdAt.addingTimeInterval(86_400),
            firstResponseDueAt: fresh.createdAt.addingTimeInterval(3_600),
            policy: "merged:earliest"
        )
        for request in requests {
            requests.append(try Self.rebuilt(request, queue: "night shift", restatedServiceLevel: restated))
        }
        return requests
    }

    /// Every field `ServiceRequest` encodes (its coding keys, which its decoding initialiser
    /// reads) is one the snapshot form holds: when the domain type gains one, this fails until
    /// the snapshot form (and its format byte) grows too.
    @Test func theSnapshotHoldsEveryFieldOfServiceRequest() throws {
        var keys: Set<String> = []
        for request in try Self.samples() {
            let json = try JSONSerialization.jsonObject(with: JSONEncoder().encode(request)) as? [String: Any]
            if let json { keys.formUnion(json.keys) }
        }
        #expect(
            keys == [
                "ticket", "opening", "createdAt", "priority", "department", "queue", "state", "closure",
                "firstRespondedAt", "resolvedAt", "closedAt", "updatedAt", "notes", "externalReferences", "links",
                "holdStartedAt", "holds", "escalations", "restatedServiceLevel", "reopenCount", "returnCount",
                "version",
            ]
        )
    }

    /// The stored form gives back exactly what `Codable` does, and the samples did leave each
    /// optional field both set and unset.
    @Test func decodesWhatCodableDecodes() throws {
        let requests = try Self.samples()
        #expect(requests.contains { $0.queue != nil && $0.restatedServiceLevel != nil && $0.state == .closed })
        #expect(requests.contains { $0.holdStartedAt != nil && $0.restatedServiceLevel != nil })

        var seen: [PartialKeyPath<ServiceRequest>: Set<Bool>] = [:]
        let optionals: [(PartialKeyPath<ServiceRequest>, (ServiceRequest) -> Bool)] = [
            (\.queue, { $0.queue != nil }), (\.closure, { $0.closure != nil }),
            (\.firstRespondedAt, { $0.firstRespondedAt != nil }), (\.resolvedAt, { $0.resolvedAt != nil }),
            (\.closedAt, { $0.closedAt != nil }), (\.holdStartedAt, { $0.holdStartedAt != nil }),
            (\.restatedServiceLevel, { $0.restatedServiceLevel != nil }), (\.notes, { !$0.notes.isEmpty }),
            (\.externalReferences, { !$0.externalReferences.isEmpty }), (\.links, { !$0.links.isEmpty }),
            (\.holds, { !$0.holds.isEmpty }), (\.escalations, { !$0.escalations.isEmpty }),
            (\.reopenCount, { $0.reopenCount > 0 }), (\.returnCount, { $0.returnCount > 0 }),
        ]
        for request in requests {
            let stored = try Self.stored(request)
            #expect(stored == request)
            #expect(stored == (try Self.decoded(request)))
            for (field, isSet) in optionals { seen[field, default: []].insert(isSet(request)) }
        }
        for (field, _) in optionals {
            #expect(seen[field] == [true, false], "the fixtures never left \(field) \(seen[field] ?? [])")
        }
    }

    /// Fields no history could produce are refused with the message decoding gives.
    @Test func refusesWhatDecodingRefuses() throws {
        var fixtures = RequestFixtures(seed: 73)
        let request = try ServiceRequest(opening: fixtures.opening().opening)
        let json = try JSONSerialization.jsonObject(with: JSONEncoder().encode(request)) as? [String: Any] ?? [:]
        let cases: [(String, Any, () throws(DecodingError) -> ServiceRequest)] = [
            ("version", 0, { () throws(DecodingError) -> ServiceRequest in try Self.rebuilt(request, version: 0) }),
            (
                "reopenCount", 3,
                { () throws(DecodingError) -> ServiceRequest in try Self.rebuilt(request, reopenCount: 3) }
            ),
            (
                "updatedAt", json["createdAt"].flatMap { ($0 as? Double).map { $0 - 1 } } ?? 0,
                { () throws(DecodingError) -> ServiceRequest in
                    try Self.rebuilt(request, updatedAt: request.createdAt.addingTimeInterval(-1))
                }
            ),
            (
                "holdStartedAt", json["createdAt"] ?? 0,
                { () throws(DecodingError) -> ServiceRequest in
                    try Self.rebuilt(request, holdStartedAt: .some(request.createdAt))
                }
            ),
        ]
        for (field, value, build) in cases {
            var tampered = json
            tampered[field] = value
            let decodingError = #expect(throws: DecodingError.self) {
                try JSONDecoder().decode(ServiceRequest.self, from: JSONSerialization.data(withJSONObject: tampered))
            }
            let storedError = #expect(throws: DecodingError.self) { try build() }
            guard case .dataCorrupted(let expected)? = decodingError, case .dataCorrupted(let actual)? = storedError
            else {
                Issue.record("\(field): not refused as damaged data")
                continue
            }
            #expect(actual.debugDescription == expected.debugDescription)
            #expect(actual.debugDescription.hasPrefix("\(field):"))
        }

        // Through the snapshot form, the refusal is a row format error naming the field.
        var bytes = RowFormat.encode(request)
        // The last varint is the version (no restated service level): 1 becomes 0.
        #expect(bytes.last == 2)
        bytes[bytes.count - 1] = 0
        let error = #expect(throws: RowFormatError.self) {
            try bytes.withUnsafeBytes {
                try RowFormat.decodeSnapshot(request.ticket, opening: request.opening, from: $0)
            }
        }
        #expect(error?.reason.hasPrefix("version:") == true)
    }

    /// Stored text must be valid UTF-8 exactly as stored: the reader refuses what decoding would
    /// quietly repair, and gives back any valid text byte for byte.
    @Test(
        arguments: [
            [0x70, 0xFF, 0x6F, 0x6E, 0x65],  // a byte that never occurs
            [0x70, 0xF0, 0x90, 0x80, 0x65],  // a four-byte sequence cut short after three
            [0x70, 0xE0, 0xA0, 0x6E, 0x65],  // a three-byte sequence cut short after two
            [0x70, 0xC0, 0xAF, 0x6E, 0x65],  // an overlong form
            [0x70, 0xED, 0xA0, 0x80, 0x65],  // a surrogate
        ] as [[UInt8]]
    )
    func invalidTextIsRefusedNotRepaired(_ invalid: [UInt8]) throws {
        var fixtures = RequestFixtures(seed: 74)
        let (contact, _) = fixtures.opening()
        let phone = Contact(
            ticket: contact.ticket,
            channel: .phone,
            receivedAt: contact.receivedAt,
            agent: contact.agent,
            callType: contact.callType
        )
        var body = RowFormat.encode(phone)
        // The format byte, the length 5, then "phone".
        #expect(Array(body[1...6]) == [5] + Array("phone".utf8))
        body.replaceSubrange(2...6, with: invalid)
        let error = #expect(throws: RowFormatError.self) {
            try body.withUnsafeBytes { try RowFormat.decodeContact(phone.ticket, from: $0) }
        }
        #expect(error?.reason == "a text is not valid UTF-8")
    }

    @Test func textOutsideASCIIComesBackAsStored() throws {
        var fixtures = RequestFixtures(seed: 75)
        let (_, event) = fixtures.opening()
        guard case .opened(let opening) = event.change else {
            Issue.record("the fixture's first event is not an opening")
            return
        }
        for description in ["Schlagloch vor Haus Nr. 5 – tief!", "Nid-de-poule près de l’école 🚧", "路面坑洞", "e\u{301}"] {
            let changed = RequestEvent(
                ticket: event.ticket,
                sequence: 1,
                recordedAt: event.recordedAt,
                actor: event.actor,
                change: .opened(
                    RequestOpening(
                        serviceType: opening.serviceType,
                        kind: opening.kind,
                        description: description,
                        location: opening.location,
                        answers: opening.answers,
                        submitter: opening.submitter,
                        channel: opening.channel,
                        agent: opening.agent,
                        priority: opening.priority,
                        routing: opening.routing,
                        serviceLevel: opening.serviceLevel,
                        clientRequestID: opening.clientRequestID
                    )
                ),
                fromState: nil,
                toState: event.toState,
                visibility: event.visibility
            )
            let decoded = try RowFormat.encode(changed).withUnsafeBytes { bytes in
                try RowFormat.decodeOpening(event.ticket, from: bytes)
            }
            #expect(Array(decoded.description.utf8) == Array(description.utf8))
        }
    }
}
