@_spi(Benchmarks) import Civic311
@_spi(Benchmarks) import Civic311SQLite
import Civic311Testing
import Foundation
import Testing

/// The stored binary forms: exact round trips for every kind of value, and no crash (only a
/// `RowFormatError`) on damaged bytes.
@Suite struct RowFormatTests {
    /// Requests with long random histories: every lifecycle action, every change.
    static func histories(count: Int, length: Int, seed: UInt64) throws -> [(ServiceRequest, [RequestEvent])] {
        var fixtures = RequestFixtures(seed: seed)
        var result: [(ServiceRequest, [RequestEvent])] = []
        for _ in 0..<count {
            let (_, opening) = fixtures.opening()
            var request = try ServiceRequest(opening: opening)
            var events = [opening]
            for _ in 0..<length {
                guard let event = fixtures.followUp(to: request) else { break }
                try request.apply(event)
                events.append(event)
            }
            result.append((request, events))
        }
        return result
    }

    @Test func eventsRoundTrip() throws {
        var actions: Set<LifecycleAction> = []
        for (_, events) in try Self.histories(count: 40, length: 40, seed: 1) {
            for event in events {
                let decoded = try RowFormat.encode(event).withUnsafeBytes { bytes in
                    try RowFormat.decodeEvent(event.ticket, sequence: event.sequence, from: bytes)
                }
                #expect(decoded == event)
                actions.insert(event.change.action)
            }
        }
        #expect(actions == Set(LifecycleAction.allCases), "the histories cover every action")
    }

    /// The outbox's records, which random histories do not write: both outcomes, exactly.
    @Test(arguments: [
        DeliveryRecord.Outcome.deadLettered(sequence: 3, attempts: 8, reason: "503 Service Unavailable — «retry»"),
        .redelivered(through: 12),
    ])
    func deliveryRecordsRoundTrip(_ outcome: DeliveryRecord.Outcome) throws {
        let (request, events) = try Self.histories(count: 1, length: 0, seed: 3)[0]
        let event = RequestEvent(
            ticket: request.ticket,
            sequence: events.count + 1,
            recordedAt: request.updatedAt,
            actor: .system,
            change: .delivery(DeliveryRecord(destination: "public-works", outcome: outcome)),
            fromState: request.state,
            toState: request.state,
            visibility: .internal
        )
        let decoded = try RowFormat.encode(event).withUnsafeBytes { bytes in
            try RowFormat.decodeEvent(event.ticket, sequence: event.sequence, from: bytes)
        }
        #expect(decoded == event)
    }

    /// Survey answers, which random histories do not write, with and without a comment.
    @Test(arguments: [
        try! SurveyResponse(satisfaction: 1, wasFixed: false, comment: "Está igual — «peor»"),
        try! SurveyResponse(satisfaction: 5, wasFixed: true),
    ])
    func surveyAnswersRoundTrip(_ response: SurveyResponse) throws {
        let (request, events) = try Self.histories(count: 1, length: 0, seed: 4)[0]
        let event = RequestEvent(
            ticket: request.ticket,
            sequence: events.count + 1,
            recordedAt: request.updatedAt,
            actor: .resident("sam.rivera@example.com"),
            change: .surveyAnswered(response),
            fromState: request.state,
            toState: request.state,
            visibility: .internal
        )
        let decoded = try RowFormat.encode(event).withUnsafeBytes { bytes in
            try RowFormat.decodeEvent(event.ticket, sequence: event.sequence, from: bytes)
        }
        #expect(decoded == event)
    }

    /// Followers, added and removed, which random histories do not write.
    @Test(arguments: [
        RequestChange.followerAdded(Submitter(name: "Zoë", phone: "+1 555 010 3333", email: "zoe@example.com")),
        .followerRemoved(Submitter(email: "zoe@example.com")),
    ])
    func followersRoundTrip(_ change: RequestChange) throws {
        let (request, events) = try Self.histories(count: 1, length: 0, seed: 5)[0]
        let event = RequestEvent(
            ticket: request.ticket,
            sequence: events.count + 1,
            recordedAt: request.updatedAt,
            actor: .callTaker("maria"),
            change: change,
            fromState: request.state,
            toState: request.state,
            visibility: .internal
        )
        let decoded = try RowFormat.encode(event).withUnsafeBytes { bytes in
            try RowFormat.decodeEvent(event.ticket, sequence: event.sequence, from: bytes)
        }
        #expect(decoded == event)
    }

    /// The redaction records are written in event format 2, every other event in format 1, and a
    /// format-1 row carrying their tags is refused as damaged, not read.
    @Test(arguments: [
        RequestChange.personalDataErased(rewritten: [1, 3, 300]),
        .retentionApplied(.surveyComments, rewritten: [2]),
        .retentionApplied(.residentIdentity, rewritten: [1]),
    ])
    func redactionRecordsRoundTripInFormatTwo(_ change: RequestChange) throws {
        let (request, events) = try Self.histories(count: 1, length: 0, seed: 7)[0]
        let event = RequestEvent(
            ticket: request.ticket,
            sequence: events.count + 1,
            recordedAt: request.updatedAt,
            actor: .supervisor("dpo"),
            change: change,
            fromState: request.state,
            toState: request.state,
            visibility: .internal
        )
        var body = RowFormat.encode(event)
        #expect(body[0] == RowFormat.eventWithRedactions)
        #expect(RowFormat.encode(events[0])[0] == RowFormat.event)
        let decoded = try body.withUnsafeBytes { bytes in
            try RowFormat.decodeEvent(event.ticket, sequence: event.sequence, from: bytes)
        }
        #expect(decoded == event)
        body[0] = RowFormat.event
        let error = #expect(throws: RowFormatError.self) {
            try body.withUnsafeBytes { try RowFormat.decodeEvent(event.ticket, sequence: event.sequence, from: $0) }
        }
        #expect(error?.kind != .newer)
        body[0] = RowFormat.eventWithRedactions + 1
        let newer = #expect(throws: RowFormatError.self) {
            try body.withUnsafeBytes { try RowFormat.decodeEvent(event.ticket, sequence: event.sequence, from: $0) }
        }
        #expect(newer?.kind == .newer)
    }

    /// See SnapshotDecodeTests for the snapshot against the Codable path and the domain type.
    @Test func snapshotsRoundTrip() throws {
        for (request, _) in try Self.histories(count: 60, length: 30, seed: 2) {
            let decoded = try RowFormat.encode(request).withUnsafeBytes { bytes in
                try RowFormat.decodeSnapshot(request.ticket, opening: request.opening, from: bytes)
            }
            #expect(decoded == request)
        }
    }

    @Test func contactsRoundTrip() throws {
        var fixtures = RequestFixtures(seed: 3)
        var categories: Set<CallType.Category> = []
        for index in 0..<200 {
            let contact =
                index % 3 == 0
                ? fixtures.opening().contact
                : fixtures.contact(followingUp: index % 2 == 0 ? fixtures.nextTicket() : nil)
            let decoded = try RowFormat.encode(contact).withUnsafeBytes {
                try RowFormat.decodeContact(contact.ticket, from: $0)
            }
            #expect(decoded == contact)
            categories.insert(contact.callType.category)
        }
        #expect(categories == Set(CallType.Category.allCases))
    }

    @Test func damagedBytesThrowAndNeverCrash() throws {
        let (request, events) = try Self.histories(count: 1, length: 12, seed: 4)[0]
        let bodies = events.map(RowFormat.encode) + [RowFormat.encode(request)]
        // Every truncation of a valid body is refused.
        for body in bodies {
            for length in 0..<body.count {
                let truncated = Array(body.prefix(length))
                #expect(throws: RowFormatError.self) {
                    try truncated.withUnsafeBytes { try RowFormat.decodeEvent(request.ticket, sequence: 2, from: $0) }
                }
            }
        }
        // Random damage either throws or decodes to some value; it never traps.
        var random = SplitMix64(seed: 5)
        for _ in 0..<3_000 {
            var body = bodies[Int(random.next() % UInt64(bodies.count))]
            for _ in 0..<(1 + random.next() % 4) {
                body[Int(random.next() % UInt64(body.count))] = UInt8(truncatingIfNeeded: random.next())
            }
            _ = try? body.withUnsafeBytes { try RowFormat.decodeEvent(request.ticket, sequence: 2, from: $0) }
            _ = try? body.withUnsafeBytes {
                try RowFormat.decodeSnapshot(request.ticket, opening: request.opening, from: $0)
            }
            _ = try? body.withUnsafeBytes { try RowFormat.decodeContact(request.ticket, from: $0) }
        }
    }

    @Test func aNewerFormatIsReportedAsNewer() throws {
        var fixtures = RequestFixtures(seed: 6)
        var body = RowFormat.encode(fixtures.opening().contact)
        body[0] = RowFormat.contact + 1
        let error = #expect(throws: RowFormatError.self) {
            try body.withUnsafeBytes { try RowFormat.decodeContact(TicketNumber(uncheckedPayload: 1), from: $0) }
        }
        #expect(error?.kind == .newer)
    }
}
