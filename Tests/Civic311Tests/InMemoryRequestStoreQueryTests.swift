@_spi(Benchmarks) import Civic311
import Civic311Testing
import Foundation
import Testing

/// The in-memory store's indexed listings and counts: the same answers as a scan-and-sort oracle
/// under random writes, and reading about a page's worth of requests, not the store.
@Suite struct InMemoryRequestStoreQueryTests {
    /// Random openings, batches and lifecycle changes (reassignments and returns move requests
    /// between departments, every state change between queues), with random queries between them:
    /// every page, from a random cursor, and every count must equal the oracle's.
    @Test(arguments: [11, 12, 13] as [UInt64])
    func pagesAndCountsMatchAScanAndSortOracle(seed: UInt64) async throws {
        let store = InMemoryRequestStore()
        var fixtures = RequestFixtures(seed: seed)
        var random = SplitMix64(seed: seed &* 7_919)
        var oracle: [TicketNumber: ServiceRequest] = [:]
        // A few shared due instants, so ties broken by ticket are common.
        let sharedDues = (0..<4).map { fixtures.now.addingTimeInterval(Double($0 + 1) * 86_400).wholeMilliseconds }
        let departments = fixtures.jurisdiction.departments.map(\.id)
        let serviceTypes = fixtures.jurisdiction.serviceTypes.map(\.id)

        for step in 0..<700 {
            switch Int.random(in: 0..<10, using: &random) {
            case 0..<4:
                let due = Bool.random(using: &random) ? sharedDues.randomElement(using: &random) : nil
                let (contact, opening) = fixtures.opening(dueAt: due)
                let opened = try await store.open(contact, request: opening)
                oracle[opened.ticket] = opened
            case 4:
                let batch = (0..<Int.random(in: 1...5, using: &random)).map { _ in fixtures.opening() }
                for opened in try await store.open(batch: batch) { oracle[opened.ticket] = opened }
            default:
                guard let ticket = oracle.keys.sorted().randomElement(using: &random),
                    let request = oracle[ticket],
                    let event = fixtures.followUp(to: request)
                else { continue }
                oracle[ticket] = try await store.append([event], expectedVersion: request.version)
            }
            guard step % 4 == 0 else { continue }
            let query = Self.randomQuery(
                departments: departments,
                serviceTypes: serviceTypes,
                around: fixtures.now,
                using: &random
            )
            let matching = oracle.values.filter { query.matches($0) }.sorted { query.order.sorts($0, before: $1) }
            #expect(try await store.countRequests(matching: query) == matching.count, "count of \(query)")

            // A page from the start or from after a random listed request.
            let start = matching.isEmpty || Bool.random(using: &random) ? 0 : Int.random(in: 0..<matching.count)
            let cursor = start == 0 ? nil : query.order.cursor(after: matching[start - 1])
            let limit = Int.random(in: 1...12, using: &random)
            let page = try await store.requests(matching: query, page: PageRequest(limit: limit, after: cursor))
            let expected = Array(matching[start...].prefix(limit))
            #expect(
                page.items.map(\.ticket) == expected.map(\.ticket),
                "page of \(query) after \(String(describing: cursor))"
            )
            #expect(page.items == expected)
            let more = matching.count > start + limit
            #expect(page.next == (more ? expected.last.map { query.order.cursor(after: $0) } : nil))
        }
        // Paging through the whole due order ends where the oracle does.
        var listed: [TicketNumber] = []
        var cursor: PageCursor?
        repeat {
            let page = try await store.requests(
                matching: RequestQuery(order: .dueAscending),
                page: try PageRequest(limit: 37, after: cursor)
            )
            listed += page.items.map(\.ticket)
            cursor = page.next
        } while cursor != nil
        let all = oracle.values.sorted { RequestOrder.dueAscending.sorts($0, before: $1) }
        #expect(listed == all.map(\.ticket))
    }

    /// The department work queue at scale: its first page reads the page and one more, its count
    /// reads nothing, and the scan it replaced reads every request.
    @Test func theDepartmentQueueReadsAPageNotTheStore() async throws {
        let store = InMemoryRequestStore()
        var fixtures = RequestFixtures(seed: 5)
        let department = try #require(fixtures.jurisdiction.departments.first?.id)
        let total = 4_000
        var batch: [(contact: Contact, opening: RequestEvent)] = []
        for _ in 0..<total { batch.append(fixtures.opening()) }
        let opened = try await store.open(batch: batch)
        let queue = RequestQuery(states: [.new], departments: [department], order: .dueAscending)
        let inQueue = opened.filter { queue.matches($0) }
        #expect(inQueue.count > 20, "the fixtures spread requests across departments")

        var before = store.requestsExamined
        let page = try await store.requests(matching: queue, page: PageRequest(limit: 10))
        #expect(page.items.count == 10)
        #expect(store.requestsExamined - before == 11)
        let next = try await store.requests(matching: queue, page: PageRequest(limit: 10, after: page.next))
        let first = try #require(next.items.first)
        #expect(queue.order.sorts(first, after: try #require(page.next)))

        before = store.requestsExamined
        #expect(try await store.countRequests(matching: queue) == inQueue.count)
        var bounded = queue
        bounded.dueBefore = inQueue.map(\.dueAt).sorted()[inQueue.count / 2]
        #expect(try await store.countRequests(matching: bounded) == inQueue.filter { bounded.matches($0) }.count)
        #expect(store.requestsExamined == before)

        // The scan reads every request, for the same answer.
        before = store.requestsExamined
        #expect(try store.scannedRequests(matching: queue, page: PageRequest(limit: 10)) == page)
        #expect(store.scannedCount(matching: queue) == inQueue.count)
        #expect(store.requestsExamined - before == 2 * total)

        // By service type, the page and the count come from the index too.
        let serviceType = opened[0].serviceType
        let byType = RequestQuery(serviceTypes: [serviceType], order: .dueAscending)
        let ofType = opened.filter { byType.matches($0) }.sorted { byType.order.sorts($0, before: $1) }
        #expect(ofType.count > 20)
        before = store.requestsExamined
        #expect(try await store.countRequests(matching: byType) == ofType.count)
        let typePage = try await store.requests(matching: byType, page: PageRequest(limit: 10))
        #expect(typePage.items == Array(ofType.prefix(10)))
        #expect(store.requestsExamined - before == 11)

        // By creation time alone, the creation index counts without reading a request; with a
        // department too, the count reads the smaller of the range and the department's queues.
        before = store.requestsExamined
        let byTime = RequestQuery(createdFrom: opened[total / 2].createdAt)
        let createdLater = opened.filter { byTime.matches($0) }.count
        #expect(try await store.countRequests(matching: byTime) == createdLater)
        #expect(store.requestsExamined == before)
        let recent = RequestQuery(departments: [department], createdFrom: opened[total - 100].createdAt)
        #expect(try await store.countRequests(matching: recent) == opened.filter { recent.matches($0) }.count)
        #expect(store.requestsExamined - before == 100)
        let old = RequestQuery(departments: [department], createdBefore: opened[total - 100].createdAt)
        let inDepartment = opened.filter { $0.department == department }.count
        #expect(try await store.countRequests(matching: old) == opened.filter { old.matches($0) }.count)
        #expect(store.requestsExamined - before == 100 + inDepartment)
    }

    /// A due instant that is not a number, from a caller of the store's public API, is filed and
    /// moved like any other: the index keeps a total order, so nothing traps and the request is
    /// still listed and counted.
    @Test func aDueInstantThatIsNotANumberIsFiledAndMoved() async throws {
        let store = InMemoryRequestStore()
        var fixtures = RequestFixtures(seed: 9)
        let (contact, opening) = fixtures.opening(dueAt: Date(timeIntervalSinceReferenceDate: .nan))
        let opened = try await store.open(contact, request: opening)
        let (otherContact, otherOpening) = fixtures.opening(department: opened.department)
        _ = try await store.open(otherContact, request: otherOpening)
        let queue = RequestQuery(departments: [opened.department], order: .dueAscending)
        #expect(try await store.countRequests(matching: queue) == 2)
        #expect(try await store.requests(matching: queue, page: .first).items.last?.ticket == opened.ticket)

        let accepted = try await store.append(
            [try #require(fixtures.followUp(to: opened, action: .accept))],
            expectedVersion: 1
        )
        #expect(accepted.state != opened.state)
        let accepting = RequestQuery(states: [accepted.state], departments: [opened.department], order: .dueAscending)
        #expect(try await store.requests(matching: accepting, page: .first).items == [accepted])
        #expect(try await store.countRequests(matching: accepting) == 1)
        #expect(try await store.countRequests(matching: queue) == 2)
    }

    /// A query over random criteria: each one present about half the time, sets of one to three
    /// values (now and then a department no request has), instants around `now`.
    private static func randomQuery(
        departments: [DepartmentID],
        serviceTypes: [ServiceTypeCode],
        around now: Date,
        using random: inout SplitMix64
    ) -> RequestQuery {
        func some<Value: Hashable>(_ values: [Value]) -> Set<Value>? {
            guard Bool.random(using: &random) else { return nil }
            return Set(
                (0..<Int.random(in: 1...3, using: &random)).compactMap { _ in values.randomElement(using: &random) }
            )
        }
        func instant() -> Date? {
            guard Int.random(in: 0..<3, using: &random) == 0 else { return nil }
            return now.addingTimeInterval(Double(Int.random(in: -86_400 * 2...86_400 * 30, using: &random)))
        }
        return RequestQuery(
            states: some(RequestState.allCases),
            departments: some(departments + [DepartmentID("NOWHERE")]),
            serviceTypes: Int.random(in: 0..<4, using: &random) == 0 ? some(serviceTypes) : nil,
            createdFrom: instant(),
            createdBefore: instant(),
            dueBefore: instant(),
            order: RequestOrder.allCases.randomElement(using: &random) ?? .dueAscending
        )
    }
}
