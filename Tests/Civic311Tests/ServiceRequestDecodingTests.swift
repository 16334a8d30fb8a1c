import Civic311
import Foundation
import Testing

/// A `ServiceRequest` or `RequestEvent` decoded from JSON is checked like one built by the fold: a
/// value the lifecycle could never produce (a version of `Int.max`, more reopenings than events, a
/// closure on an open request) is refused with a `DecodingError` naming the field, so no later
/// operation can overflow on it.
@Suite struct ServiceRequestDecodingTests {
    private typealias Fixtures = FoundationFixtures

    /// A real request after a few operations, as JSON members.
    private func encodedRequest() async throws -> (ServiceRequest, [String: Any]) {
        let fixture = try await Fixtures.Center()
        let ticket = try await fixture.pothole()
        try await fixture.center.accept(ticket, by: Fixtures.roadCrew)
        try await fixture.center.start(ticket, by: Fixtures.roadCrew)
        let request = try await fixture.center.resolve(ticket, note: "Filled.", by: Fixtures.roadCrew)
        let data = try JSONEncoder().encode(request)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        return (request, object)
    }

    private func decode(_ object: [String: Any]) throws -> ServiceRequest {
        try JSONDecoder().decode(ServiceRequest.self, from: JSONSerialization.data(withJSONObject: object))
    }

    /// Expects the decoding to fail with a message that names `field`.
    private func expectRefused(
        _ object: [String: Any],
        naming field: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        do {
            _ = try decode(object)
            Issue.record("decoded a request with a bad \(field)", sourceLocation: sourceLocation)
        } catch let DecodingError.dataCorrupted(context) {
            let path = context.codingPath.map(\.stringValue).joined(separator: ".")
            #expect(
                path == field || context.debugDescription.contains(field),
                "\(context)",
                sourceLocation: sourceLocation
            )
        } catch {
            Issue.record("expected DecodingError.dataCorrupted, got \(error)", sourceLocation: sourceLocation)
        }
    }

    @Test func aRequestRoundTripsThroughJSON() async throws {
        let (request, object) = try await encodedRequest()
        #expect(try decode(object) == request)
    }

    @Test func aVersionTheFoldCannotReachIsRefused() async throws {
        var (_, object) = try await encodedRequest()
        for version in [Int.max, 0, -1, Int.min] {
            object["version"] = version
            expectRefused(object, naming: "version")
        }
    }

    @Test func countersAndListsLongerThanTheHistoryAreRefused() async throws {
        let (_, original) = try await encodedRequest()
        var object = original
        object["reopenCount"] = Int.max
        expectRefused(object, naming: "reopenCount")
        object = original
        object["returnCount"] = -1
        expectRefused(object, naming: "returnCount")
        object = original
        object["escalations"] = Array(repeating: "late", count: 10)
        expectRefused(object, naming: "escalations")
    }

    @Test func stateAndItsFieldsMustAgree() async throws {
        let (_, original) = try await encodedRequest()
        var object = original
        object["state"] = "closed"
        expectRefused(object, naming: "closure")
        object = original
        object["state"] = "onHold"
        expectRefused(object, naming: "holdStartedAt")
        object = original
        object["updatedAt"] = (original["createdAt"] as? Double ?? 0) - 10
        expectRefused(object, naming: "updatedAt")
    }

    @Test func aDecodedRequestAtTheLastVersionCannotOverflowTheNextEvent() async throws {
        var (request, object) = try await encodedRequest()
        object["version"] = Int.max - 1
        request = try decode(object)
        let note = RequestEvent(
            ticket: request.ticket,
            sequence: Int.max,
            recordedAt: request.updatedAt,
            actor: Fixtures.roadCrew,
            change: .noteAdded("one"),
            fromState: request.state,
            toState: request.state,
            visibility: .internal
        )
        try request.apply(note)
        #expect(request.version == Int.max)
        #expect(throws: LifecycleError.self) { try request.apply(note) }
    }

    @Test func anEventWithoutASequenceNumberIsRefused() async throws {
        let fixture = try await Fixtures.Center()
        let ticket = try await fixture.pothole()
        let event = try #require(try await fixture.store.events(for: ticket).first)
        let data = try JSONEncoder().encode(event)
        var object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(try JSONDecoder().decode(RequestEvent.self, from: data) == event)
        for sequence in [0, -1, Int.min] {
            object["sequence"] = sequence
            let bad = try JSONSerialization.data(withJSONObject: object)
            #expect(throws: DecodingError.self) { try JSONDecoder().decode(RequestEvent.self, from: bad) }
        }
    }
}
