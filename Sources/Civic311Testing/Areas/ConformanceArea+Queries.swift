import Civic311
import Foundation
import Testing

extension ConformanceArea {
    /// Every query filter (states, departments, service types, the creation window, the due
    /// bound), alone and combined, agrees with `RequestQuery.matches(_:)` on the same data: the
    /// same requests, in the same order, over pages of several sizes, with the same count.
    /// Date bounds are tried on exact creation and due instants (inclusive and exclusive edges)
    /// and between milliseconds.
    public static let queryFilters = ConformanceArea("query filters") { run, fixtures in
        let (store, check) = (run.store, run.check)
        let requests = try await run.populate(&fixtures, count: 60)
        var queries = ConformanceRun.queries(over: requests)
        for _ in 0..<24 { queries.append(ConformanceRun.randomQuery(over: requests, &fixtures)) }
        for (index, base) in queries.enumerated() {
            for (orderIndex, order) in RequestOrder.allCases.enumerated() {
                var query = base
                query.order = order
                let expected = ConformanceRun.reference(requests, query)
                let limit = index == 0 ? 1 : [7, 13, 1000, 3][(index + orderIndex) % 4]
                let listed = try await run.listAll(query, limit: limit, "query \(index) \(query)")
                if !check.expectEqual(
                    listed.map(\.ticket),
                    expected.map(\.ticket),
                    "tickets listed for query \(index) \(query) by \(limit)"
                ) {
                    continue
                }
                check.expectEqual(listed, expected, "requests listed for query \(index)")
            }
            check.expectEqual(
                try await store.countRequests(matching: base),
                requests.filter(base.matches).count,
                "countRequests for query \(index) \(base)"
            )
        }
    }
}

extension ConformanceRun {

    /// Opens `count` requests over several days in a handful of service types, moves each to a
    /// state (some through reassignment, so their department differs from the service type's),
    /// and returns them as stored.
    func populate(_ fixtures: inout RequestFixtures, count: Int) async throws -> [ServiceRequest] {
        let types = Array(fixtures.jurisdiction.serviceTypes.prefix(8)).map(\.id)
        let states = RequestState.allCases
        var requests: [ServiceRequest] = []
        for index in 0..<count {
            if index % 10 == 0 { fixtures.advance(upTo: 36 * 3600) }
            let (contact, opening) = fixtures.opening(
                serviceType: fixtures.pick(types),
                dueIn: Double(fixtures.integer(in: 1...30 * 24)) * 3600 + Double(fixtures.integer(in: 0...999)) / 1000
            )
            var request = try await store.open(contact, request: opening)
            let target = states[index % states.count]
            if index % 7 == 3 {
                request = try await append([fixtures.followUp(to: request, action: .reassign)!], to: request)
            }
            request = try await append(fixtures.events(moving: request, to: target), to: request)
            requests.append(request)
        }
        // Two more requests due at the same instant as the first, so due order has ties to break
        // by ticket.
        for _ in 0..<2 {
            let (contact, opening) = fixtures.opening(serviceType: types[0], dueAt: requests[0].dueAt)
            requests.append(try await store.open(contact, request: opening))
        }
        return requests
    }

    /// Each filter alone, its edges, and combinations.
    static func queries(over requests: [ServiceRequest]) -> [RequestQuery] {
        let sortedCreated = requests.map(\.createdAt).sorted()
        let sortedDue = requests.map(\.dueAt).sorted()
        let middleCreated = sortedCreated[sortedCreated.count / 2]
        let lateCreated = sortedCreated[sortedCreated.count * 3 / 4]
        let middleDue = sortedDue[sortedDue.count / 2]
        let departments = Array(Set(requests.map(\.department))).sorted()
        let types = Array(Set(requests.map(\.serviceType))).sorted()
        let halfMillisecond = 0.0005
        var queries: [RequestQuery] = [RequestQuery()]
        // States.
        for state in RequestState.allCases { queries.append(RequestQuery(states: [state])) }
        queries.append(RequestQuery(states: [.new, .assigned, .inProgress, .onHold]))
        queries.append(RequestQuery(states: Set(RequestState.allCases)))
        queries.append(RequestQuery(states: []))
        // Departments and service types.
        queries.append(RequestQuery(departments: [departments[0]]))
        queries.append(RequestQuery(departments: Set(departments.prefix(3))))
        queries.append(RequestQuery(departments: ["NO-SUCH-DEPARTMENT"]))
        queries.append(RequestQuery(departments: []))
        queries.append(RequestQuery(serviceTypes: [types[0]]))
        queries.append(RequestQuery(serviceTypes: Set(types.suffix(3))))
        queries.append(RequestQuery(serviceTypes: []))
        // The creation window: from is inclusive, before exclusive, also between milliseconds.
        queries.append(RequestQuery(createdFrom: middleCreated))
        queries.append(RequestQuery(createdFrom: middleCreated.addingTimeInterval(halfMillisecond)))
        queries.append(RequestQuery(createdFrom: middleCreated.addingTimeInterval(-halfMillisecond)))
        queries.append(RequestQuery(createdBefore: middleCreated))
        queries.append(RequestQuery(createdBefore: middleCreated.addingTimeInterval(halfMillisecond)))
        queries.append(RequestQuery(createdBefore: middleCreated.addingTimeInterval(0.001)))
        queries.append(RequestQuery(createdFrom: middleCreated, createdBefore: lateCreated))
        queries.append(RequestQuery(createdFrom: lateCreated, createdBefore: middleCreated))
        queries.append(RequestQuery(createdFrom: .distantPast, createdBefore: .distantFuture))
        queries.append(RequestQuery(createdFrom: .distantFuture))
        // The due bound.
        queries.append(RequestQuery(dueBefore: middleDue))
        queries.append(RequestQuery(dueBefore: middleDue.addingTimeInterval(0.001)))
        queries.append(RequestQuery(dueBefore: middleDue.addingTimeInterval(halfMillisecond)))
        queries.append(RequestQuery(dueBefore: .distantPast))
        // Combinations.
        queries.append(RequestQuery(states: [.new, .assigned], departments: Set(departments.prefix(2))))
        queries.append(
            RequestQuery(departments: [departments[0]], serviceTypes: Set(types.prefix(4)), createdFrom: middleCreated)
        )
        queries.append(RequestQuery(states: [.inProgress, .onHold, .new], dueBefore: middleDue))
        queries.append(
            RequestQuery(
                states: [.new, .assigned, .inProgress, .onHold],
                departments: Set(departments),
                serviceTypes: Set(types),
                createdFrom: sortedCreated[2],
                createdBefore: lateCreated,
                dueBefore: sortedDue[sortedDue.count - 3]
            )
        )
        return queries
    }

    /// A random combination of filters drawn from the data.
    static func randomQuery(over requests: [ServiceRequest], _ fixtures: inout RequestFixtures) -> RequestQuery {
        var query = RequestQuery()
        let departments = Array(Set(requests.map(\.department))).sorted()
        let types = Array(Set(requests.map(\.serviceType))).sorted()
        if fixtures.chance(0.5) {
            query.states = Set((0..<fixtures.integer(in: 1...3)).map { _ in fixtures.pick(RequestState.allCases) })
        }
        if fixtures.chance(0.4) {
            query.departments = Set((0..<fixtures.integer(in: 1...3)).map { _ in fixtures.pick(departments) })
        }
        if fixtures.chance(0.4) {
            query.serviceTypes = Set((0..<fixtures.integer(in: 1...3)).map { _ in fixtures.pick(types) })
        }
        let instant = { (fixtures: inout RequestFixtures, dates: [Date]) -> Date in
            let date = fixtures.pick(dates)
            return fixtures.chance(0.3) ? date.addingTimeInterval(Double(fixtures.integer(in: -3...3)) / 2000) : date
        }
        if fixtures.chance(0.4) { query.createdFrom = instant(&fixtures, requests.map(\.createdAt)) }
        if fixtures.chance(0.4) { query.createdBefore = instant(&fixtures, requests.map(\.createdAt)) }
        if fixtures.chance(0.4) { query.dueBefore = instant(&fixtures, requests.map(\.dueAt)) }
        return query
    }
}
