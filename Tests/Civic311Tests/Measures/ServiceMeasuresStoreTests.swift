import Civic311
import Civic311Testing
import Foundation
import Testing

/// The store-reading convenience against the pure function, over random histories (merges,
/// returns, holds, reopenings, follow-up contacts) in an in-memory store, at random as-of dates and
/// with random filters; and restating as a property: figures as of a date do not change when
/// later events are added.
@Suite struct ServiceMeasuresStoreTests {
    /// Random histories, stored, with the contacts recorded beside them.
    private struct World {
        let store = InMemoryRequestStore()
        var histories: [TicketNumber: [RequestEvent]] = [:]
        var contacts: [Contact] = []
        var first = Date.distantFuture
        var last = Date.distantPast

        var allHistories: [[RequestEvent]] { histories.keys.sorted().map { histories[$0]! } }

        mutating func keep(_ event: RequestEvent) {
            histories[event.ticket, default: []].append(event)
            first = min(first, event.recordedAt)
            last = max(last, event.recordedAt)
        }
    }

    private static func world(seed: UInt64) async throws -> World {
        var world = World()
        var fixtures = RequestFixtures(seed: seed)
        var requests: [ServiceRequest] = []
        for _ in 0..<60 {
            let (contact, opening) = fixtures.opening(dueIn: Double(fixtures.integer(in: 1...72)) * 3_600)
            requests.append(try await world.store.open(contact, request: opening))
            world.keep(opening)
        }
        for round in 0..<240 {
            let index = fixtures.integer(in: 0...requests.count - 1)
            let request = requests[index]
            if round % 40 == 39,
                let other = requests.indices.first(where: { $0 != index && requests[$0].state.isOpen }),
                request.state.isOpen, request.master == nil, requests[other].master == nil
            {
                // Merge `other` into `request`, restating the master's service level from the
                // earlier report when the duplicate came first.
                try await merge(requests[other], into: request, world: &world, fixtures: &fixtures, requests: &requests)
                continue
            }
            if fixtures.chance(0.15) {
                let contact = fixtures.contact(followingUp: fixtures.chance(0.5) ? request.ticket : nil)
                try await world.store.record(contact)
                world.contacts.append(contact)
                continue
            }
            guard request.master == nil, let event = fixtures.followUp(to: request) else { continue }
            requests[index] = try await world.store.append([event], expectedVersion: request.version)
            world.keep(event)
            fixtures.advance(upTo: 3 * 3_600)
        }
        return world
    }

    private static func merge(
        _ duplicate: ServiceRequest,
        into master: ServiceRequest,
        world: inout World,
        fixtures: inout RequestFixtures,
        requests: inout [ServiceRequest]
    ) async throws {
        fixtures.advance()
        let now = max(fixtures.now, master.updatedAt, duplicate.updatedAt)
        let restated = duplicate.createdAt < master.createdAt ? duplicate.serviceLevel : nil
        let link = DuplicateLink(
            duplicate: duplicate.ticket,
            reportedAt: duplicate.createdAt,
            followers: [],
            serviceLevel: restated
        )
        let merged = RequestEvent(
            ticket: duplicate.ticket,
            sequence: duplicate.version + 1,
            recordedAt: now,
            actor: .supervisor("sup-1"),
            change: .mergedInto(master: master.ticket, note: "Same problem."),
            fromState: duplicate.state,
            toState: .closed,
            visibility: .public
        )
        let linked = RequestEvent(
            ticket: master.ticket,
            sequence: master.version + 1,
            recordedAt: now,
            actor: .supervisor("sup-1"),
            change: .duplicateLinked(link),
            fromState: master.state,
            toState: master.state,
            visibility: .internal
        )
        let results = try await world.store.append(
            batch: [([merged], duplicate.version), ([linked], master.version)]
        )
        for result in results {
            let request = try result.get()
            if let index = requests.firstIndex(where: { $0.ticket == request.ticket }) { requests[index] = request }
        }
        world.keep(merged)
        world.keep(linked)
    }

    private static func randomFilter(_ fixtures: inout RequestFixtures, world: World) -> MeasureFilter {
        var filter = MeasureFilter()
        let span = world.last.timeIntervalSince(world.first)
        if fixtures.chance(0.4) {
            filter.createdFrom = world.first.addingTimeInterval(Double(fixtures.integer(in: 0...40)) / 100 * span)
            filter.createdBefore = filter.createdFrom?.addingTimeInterval(
                Double(fixtures.integer(in: 10...80)) / 100 * span
            )
        }
        if fixtures.chance(0.3) {
            filter.departments = Set(fixtures.jurisdiction.departments.prefix(fixtures.integer(in: 1...3)).map(\.id))
        }
        if fixtures.chance(0.2) {
            filter.serviceTypes = Set(fixtures.jurisdiction.serviceTypes.prefix(fixtures.integer(in: 1...4)).map(\.id))
        }
        if fixtures.chance(0.3) { filter.channels = [.phone, .web, .mobileApp] }
        return filter
    }

    @Test(arguments: [1, 2, 3] as [UInt64])
    func theStoreGivesWhatThePureFunctionGives(seed: UInt64) async throws {
        let world = try await Self.world(seed: seed)
        var fixtures = RequestFixtures(seed: seed &+ 1_000)
        let span = world.last.timeIntervalSince(world.first)
        var merged = 0
        for trial in 0..<12 {
            let asOf = world.first.addingTimeInterval(Double(trial) / 10 * span)
            let filter = trial < 2 ? MeasureFilter() : Self.randomFilter(&fixtures, world: world)
            let fromStore = try await ServiceMeasures(store: world.store, asOf: asOf, filter: filter, residents: 50_000)
            let pure = try ServiceMeasures(
                histories: world.allHistories,
                contacts: world.contacts,
                asOf: asOf,
                filter: filter,
                residents: 50_000
            )
            #expect(fromStore == pure, "trial \(trial), filter \(filter)")
            #expect(try OnTimeMeasure(histories: world.allHistories, asOf: asOf, filter: filter) == pure.onTime)
            merged += pure.volume.mergedDuplicates
        }
        // The worlds exercise what the figures distinguish.
        let everything = try ServiceMeasures(histories: world.allHistories, contacts: world.contacts, asOf: world.last)
        #expect(merged > 0)
        #expect(everything.onTime.population > 0)
        #expect(everything.forwarding.forwarded > 0)
        #expect(everything.firstContact.followUps > 0)
    }

    @Test(arguments: [4, 5] as [UInt64])
    func laterEventsNeverChangeAFigureAsOfAnEarlierDate(seed: UInt64) async throws {
        let world = try await Self.world(seed: seed)
        let span = world.last.timeIntervalSince(world.first)
        for step in 1..<8 {
            let asOf = world.first.addingTimeInterval(Double(step) / 8 * span)
            // What was known at the time: the events recorded by then, the contacts received.
            let known = world.allHistories.map { $0.filter { $0.recordedAt <= asOf } }.filter { !$0.isEmpty }
            let then = try ServiceMeasures(
                histories: known,
                contacts: world.contacts.filter { $0.receivedAt <= asOf },
                asOf: asOf
            )
            let restated = try ServiceMeasures(histories: world.allHistories, contacts: world.contacts, asOf: asOf)
            #expect(then == restated, "as of step \(step)")
        }
    }
}
