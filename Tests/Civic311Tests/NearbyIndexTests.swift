@_spi(Benchmarks) import Civic311
import Civic311Testing
import Foundation
import Testing

/// The in-memory store's nearby grid where cells are crowded: requests of two types packed into
/// three cells, so every cell is a long chain, and finishing requests takes spots out of the
/// chains' heads, middles and ends; reopening files them again in the places freed. Each search
/// is checked against the requests themselves.
@Suite struct NearbyIndexTests {
    @Test(arguments: [UInt64(1), 2])
    func crowdedCellsStayExactThroughFinishingAndReopening(seed: UInt64) async throws {
        var fixtures = RequestFixtures(seed: seed)
        var random = SplitMix64(seed: seed)
        let store = InMemoryRequestStore()
        let types: [ServiceTypeCode] = ["POTHOLE", "GRAFFITI"]
        // Three cells of 0.001°, side by side; points anywhere inside each.
        let corners = [(39.0501, -77.1499), (39.0501, -77.1489), (39.0511, -77.1499)]
        var requests: [ServiceRequest] = []
        for index in 0..<240 {
            let (contact, opening) = fixtures.opening(serviceType: types[index % 2])
            guard case .opened(let made) = opening.change else { throw NearbyTestFailure() }
            let corner = corners[Int(random.next() % 3)]
            let point = try Coordinate(
                latitude: corner.0 + Double(random.next() % 800) / 1_000_000,
                longitude: corner.1 + Double(random.next() % 800) / 1_000_000
            )
            let placed = RequestOpening(
                serviceType: made.serviceType,
                kind: made.kind,
                description: made.description,
                location: Location(coordinate: point),
                answers: made.answers,
                submitter: made.submitter,
                channel: made.channel,
                agent: made.agent,
                priority: made.priority,
                routing: made.routing,
                serviceLevel: made.serviceLevel,
                clientRequestID: made.clientRequestID
            )
            let event = RequestEvent(
                ticket: opening.ticket,
                sequence: 1,
                recordedAt: opening.recordedAt,
                actor: opening.actor,
                change: .opened(placed),
                fromState: nil,
                toState: .new,
                visibility: opening.visibility
            )
            requests.append(try await store.open(contact, request: event))
        }

        func expectExact(_ moment: String) async throws {
            let everywhere = try CoordinateBox(south: 39.05, west: -77.151, north: 39.053, east: -77.147)
            let boxes = [
                everywhere,
                try CoordinateBox(around: Coordinate(latitude: 39.0505, longitude: -77.1495), radius: 30),
                try CoordinateBox(south: 39.0, west: -78.0, north: 40.0, east: -76.0),
            ]
            for box in boxes {
                for wanted in [Set(types), [types[0]], [types[1]]] {
                    let expected = requests.filter { request in
                        guard request.state.isOpen, wanted.contains(request.serviceType),
                            let point = request.location?.coordinate
                        else { return false }
                        return box.contains(point)
                    }
                    let found = try await store.nearbyOpenRequests(
                        in: box,
                        serviceTypes: wanted,
                        createdFrom: .distantPast
                    )
                    #expect(found.map(\.ticket) == expected.map(\.ticket).sorted(), "\(moment), \(wanted)")
                    #expect(
                        found.allSatisfy { hit in
                            expected.contains { $0.ticket == hit.ticket && $0.serviceType == hit.serviceType }
                        }
                    )
                }
            }
        }

        try await expectExact("opened")
        for round in 0..<3 {
            // Finish about a third of the open requests, in no particular order.
            for index in requests.indices where requests[index].state.isOpen && random.next() % 3 == 0 {
                let target: RequestState = random.next() % 2 == 0 ? .closed : .resolved
                let events = fixtures.events(moving: requests[index], to: target)
                requests[index] = try await store.append(events, expectedVersion: requests[index].version)
            }
            try await expectExact("finished, round \(round)")
            // Reopen some of the finished ones: their spots go into the places just freed.
            for index in requests.indices where !requests[index].state.isOpen && random.next() % 4 == 0 {
                let events = fixtures.events(moving: requests[index], to: .assigned)
                requests[index] = try await store.append(events, expectedVersion: requests[index].version)
            }
            try await expectExact("reopened, round \(round)")
        }
    }
}

private struct NearbyTestFailure: Error {}
