import Civic311
import Foundation
import Testing

extension ConformanceArea {
    /// `nearbyOpenRequests(in:serviceTypes:createdFrom:)` returns exactly the open requests of the
    /// types, created at or after the instant, whose coordinate lies in the box (bounds
    /// included), in ticket order; finishing a request takes it out, reopening puts it back.
    public static let nearbyRequests = ConformanceArea("nearby requests") { run, fixtures in
        let (store, check) = (run.store, run.check)
        let types: [ServiceTypeCode] = ["POTHOLE", "STREETLIGHT_OUT", "GRAFFITI"]
        var requests: [ServiceRequest] = []
        for index in 0..<80 {
            let (contact, opening) = fixtures.opening(serviceType: types[index % types.count])
            requests.append(try await store.open(contact, request: opening))
        }
        func expectNearby(_ moment: String) async throws {
            let points = requests.compactMap { $0.location?.coordinate }
            for (index, point) in points.prefix(12).enumerated() {
                let radius = [0, 50, 1_000, 5_000][index % 4]
                let box = try CoordinateBox(around: point, radius: Double(radius))
                let wanted = Set(types.prefix(1 + index % types.count))
                let from = requests[index * 5 % requests.count].createdAt
                let expected = requests.filter { request in
                    guard request.state.isOpen, wanted.contains(request.serviceType), request.createdAt >= from,
                        let coordinate = request.location?.coordinate
                    else { return false }
                    return box.contains(coordinate)
                }
                check.expectEqual(
                    try await store.nearbyOpenRequests(in: box, serviceTypes: wanted, createdFrom: from),
                    expected.compactMap(NearbyRequest.init).sorted { $0.ticket < $1.ticket },
                    "\(moment): nearbyOpenRequests around \(point), \(radius) m, \(wanted.sorted { $0.rawValue < $1.rawValue })"
                )
            }
            // A box with exactly one point on its corner holds it.
            if let point = points.first {
                let corner = try CoordinateBox(
                    south: point.latitude,
                    west: point.longitude,
                    north: point.latitude + 0.01,
                    east: point.longitude + 0.01
                )
                let found = try await store.nearbyOpenRequests(
                    in: corner,
                    serviceTypes: Set(types),
                    createdFrom: .distantPast
                )
                let first = requests.first { $0.location?.coordinate == point }
                if let first, first.state.isOpen {
                    check.expectEqual(
                        found.contains { $0.ticket == first.ticket },
                        true,
                        "\(moment): a point on the corner"
                    )
                }
            }
            check.expectEqual(
                try await store.nearbyOpenRequests(
                    in: try CoordinateBox(around: points[0], radius: 5_000),
                    serviceTypes: [],
                    createdFrom: .distantPast
                ).count,
                0,
                "\(moment): no service types"
            )
        }
        try await expectNearby("after opening")
        for index in requests.indices where index % 3 == 0 {
            let target: RequestState = index % 2 == 0 ? .closed : .resolved
            requests[index] = try await run.append(
                fixtures.events(moving: requests[index], to: target),
                to: requests[index]
            )
        }
        try await expectNearby("after finishing a third")
        for index in requests.indices where index % 6 == 0 {
            requests[index] = try await run.append(
                fixtures.events(moving: requests[index], to: .assigned),
                to: requests[index]
            )
        }
        try await expectNearby("after reopening some")
    }

    /// The events of a duplicate merge and its undoing are stored and read back as written, and
    /// the requests they leave (a closed duplicate, a master with a restated service level) come
    /// back exactly, snapshot and fold alike.
    public static let duplicateMerges = ConformanceArea("duplicate merges") { run, fixtures in
        var duplicate = try await run.openRequest(&fixtures)
        var master = try await run.openRequest(&fixtures)
        duplicate = try await run.append(fixtures.events(moving: duplicate, to: .onHold), to: duplicate)
        let at = fixtures.advance()
        let restated = ServiceLevelCommitment(
            resolutionDueAt: master.dueAt.addingTimeInterval(-3_600),
            policy: "conformance@2",
            clock: .businessTime(calendar: "county-hours")
        )
        let link = DuplicateLink(
            duplicate: duplicate.ticket,
            reportedAt: duplicate.createdAt,
            followers: [Submitter(name: "Ana Núñez", phone: "555-0142", email: "ana@example.org")],
            serviceLevel: restated
        )
        func event(_ request: ServiceRequest, _ change: RequestChange, to state: RequestState) -> RequestEvent {
            RequestEvent(
                ticket: request.ticket,
                sequence: request.version + 1,
                recordedAt: at,
                actor: .supervisor("conformance"),
                change: change,
                fromState: request.state,
                toState: state,
                visibility: .public
            )
        }
        var history = try await run.store.events(for: duplicate.ticket)
        let merge = event(duplicate, .mergedInto(master: master.ticket, note: "Already reported"), to: .closed)
        duplicate = try await run.append([merge], to: duplicate)
        history.append(merge)
        try await run.expectStored(duplicate, history: history, "a merged duplicate")
        var masterHistory = try await run.store.events(for: master.ticket)
        let linked = event(master, .duplicateLinked(link), to: master.state)
        master = try await run.append([linked], to: master)
        masterHistory.append(linked)
        run.check.expectEqual(master.serviceLevel, restated, "the master's restated service level")
        try await run.expectStored(master, history: masterHistory, "a master with a duplicate")
        let unlinkRecord = DuplicateLink(
            duplicate: link.duplicate,
            reportedAt: link.reportedAt,
            followers: link.followers,
            serviceLevel: nil
        )
        let unlinked = event(master, .duplicateUnlinked(unlinkRecord), to: master.state)
        master = try await run.append([unlinked], to: master)
        masterHistory.append(unlinked)
        try await run.expectStored(master, history: masterHistory, "a master after unlinking")
        let undo = event(
            duplicate,
            .unmerged(from: master.ticket, reason: "Not the same", restoring: .onHold),
            to: .onHold
        )
        duplicate = try await run.append([undo], to: duplicate)
        history.append(undo)
        try await run.expectStored(duplicate, history: history, "a duplicate after unlinking")
    }
}
