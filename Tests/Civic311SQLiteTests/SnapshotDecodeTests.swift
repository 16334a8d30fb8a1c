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

    /// The stored properties of `ServiceRequest`, which the snapshot form must all hold: when the
    /// domain type gains one, this fails until the snapshot form (and its format byte) grows too.
    @Test func theSnapshotHoldsEveryStoredPropertyOfServiceRequest() throws {
        var fixtures = RequestFixtures(seed: 70)
        let request = try ServiceRequest(opening: fixtures.opening().opening)
        let properties = Set(Mirror(reflecting: request).children.compactMap(\.label))
        #expect(
            properties == [
                "ticket", "opening", "createdAt", "priority", "department", "queue", "state", "closure",
                "firstRespondedAt", "resolvedAt", "closedAt", "updatedAt", "notes", "externalReferences", "links",
                "holdStartedAt", "holds", "escalations", "restatedServiceLevel", "reopenCount", "returnCount",
                "version",
            ]
        )
    }

    /// Long random histories, then requests with every optional field set and with none: the
    /// stored form gives back exactly what `Codable` does, and the fixtures did cover each field.
    @Test func decodesWhatCodableDecodes() throws {
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
}
