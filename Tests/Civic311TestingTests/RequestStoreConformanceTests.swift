import Civic311
import Civic311Testing
import Foundation
import Synchronization
import Testing

/// The kit catches broken stores: each fault below must make its area record issues.
@Suite struct RequestStoreConformanceTests {
    static func kit(_ fault: FaultyStore.Fault) -> RequestStoreConformance<FaultyStore> {
        RequestStoreConformance(
            makeStore: { FaultyStore(fault) },
            reopen: { store in FaultyStore(fault, reopening: store) }
        )
    }

    @Test func catchesAnIgnoredDepartmentFilter() async {
        await withKnownIssue { await Self.kit(.ignoresDepartments).checkQueryFilters() }
    }

    @Test func catchesAWrongDescendingOrder() async {
        await withKnownIssue { await Self.kit(.ascendingOnly).checkOrdering() }
    }

    @Test func catchesOffByOneCounts() async {
        await withKnownIssue { await Self.kit(.countsOneTooMany).checkCounts() }
    }

    @Test func catchesANonAtomicBatch() async {
        await withKnownIssue { await Self.kit(.nonAtomicBatch).checkBatchAtomicity() }
    }

    @Test func catchesStaleWritesThatAreNotConflicts() async {
        await withKnownIssue { await Self.kit(.noVersionCheck).checkAppend() }
    }

    @Test func catchesLostClientRequestIDs() async {
        await withKnownIssue { await Self.kit(.forgetsClientRequestIDs).checkClientRequestIDs() }
    }

    @Test func catchesDatesRoundedToSeconds() async {
        await withKnownIssue { await Self.kit(.eventDatesToSeconds).checkCreateAndRead() }
    }

    @Test func catchesAStoreThatForgetsOnReopening() async {
        await withKnownIssue { await Self.kit(.amnesia).checkDurability() }
    }

    @Test func catchesAFeedThatSkipsAppendedEvents() async {
        await withKnownIssue { await Self.kit(.feedSkipsAppendedEvents).checkChangeFeed() }
    }

    @Test func catchesAFeedThatIsCaughtUpOnlyOnShortPages() async {
        await withKnownIssue { await Self.kit(.caughtUpOnlyWhenShort).checkChangeFeed() }
    }

    @Test func catchesPositionsGivenOutOfCommitOrder() async {
        await withKnownIssue { await Self.kit(.positionsOutOfCommitOrder).checkConcurrentChangeFeed() }
    }

    @Test func catchesACheckpointThatMovesBack() async {
        await withKnownIssue { await Self.kit(.checkpointMovesBack).checkCheckpoints() }
    }

    @Test func catchesCheckpointsLostOnReopening() async {
        await withKnownIssue { await Self.kit(.checkpointsInMemoryOnly).checkDurability() }
    }

    @Test func catchesFormerExternalReferencesThatAreForgotten() async {
        await withKnownIssue { await Self.kit(.forgetsFormerReferences).checkExternalReferences() }
    }

    @Test func durabilityWithoutAReopenClosureIsAnIssue() async {
        await withKnownIssue { await RequestStoreConformance { InMemoryRequestStore() }.checkDurability() }
    }

    @Test func aFaithfulWrapperPasses() async {
        await Self.kit(.none).run()
    }
}

/// The reference store with one fault injected.
final class FaultyStore: RequestStore {
    enum Fault: Sendable {
        case none
        case ignoresDepartments
        case ascendingOnly
        case countsOneTooMany
        case nonAtomicBatch
        case noVersionCheck
        case forgetsClientRequestIDs
        case eventDatesToSeconds
        /// Reopening gives an empty store.
        case amnesia
        /// The feed leaves out events appended after the opening.
        case feedSkipsAppendedEvents
        /// A page is caught up only when it is shorter than its limit.
        case caughtUpOnlyWhenShort
        /// Like a store that numbers changes before it commits them: among the newest entries,
        /// those at positions divisible by 5 are not visible yet, while later ones are.
        case positionsOutOfCommitOrder
        /// Saving a checkpoint always succeeds, even backwards.
        case checkpointMovesBack
        /// Checkpoints are kept by the store object, not the backend, so reopening loses them.
        case checkpointsInMemoryOnly
        /// Only a request's current external reference finds it.
        case forgetsFormerReferences
    }

    let fault: Fault
    let inner: InMemoryRequestStore
    private let localCheckpoints = Mutex<[FeedConsumerID: FeedPosition]>([:])

    init(_ fault: Fault, reopening previous: FaultyStore? = nil) {
        self.fault = fault
        inner = fault == .amnesia ? InMemoryRequestStore() : previous?.inner ?? InMemoryRequestStore()
    }

    func record(_ contact: Contact) async throws(StorageError) { try await inner.record(contact) }

    func open(_ contact: Contact, request opening: RequestEvent) async throws(StorageError) -> ServiceRequest {
        try await inner.open(contact, request: opening)
    }

    func open(batch: [(contact: Contact, opening: RequestEvent)]) async throws(StorageError) -> [ServiceRequest] {
        guard fault == .nonAtomicBatch else { return try await inner.open(batch: batch) }
        var opened: [ServiceRequest] = []
        for item in batch { opened.append(try await inner.open(item.contact, request: item.opening)) }
        return opened
    }

    func append(_ events: [RequestEvent], expectedVersion: Int) async throws(StorageError) -> ServiceRequest {
        guard fault == .noVersionCheck, let ticket = events.first?.ticket, let current = try await inner.request(ticket)
        else {
            return try await inner.append(events, expectedVersion: expectedVersion)
        }
        return try await inner.append(events, expectedVersion: current.version)
    }

    func request(_ ticket: TicketNumber) async throws(StorageError) -> ServiceRequest? {
        try await inner.request(ticket)
    }

    func request(clientRequestID: String) async throws(StorageError) -> ServiceRequest? {
        fault == .forgetsClientRequestIDs ? nil : try await inner.request(clientRequestID: clientRequestID)
    }

    func events(for ticket: TicketNumber) async throws(StorageError) -> [RequestEvent] {
        let events = try await inner.events(for: ticket)
        guard fault == .eventDatesToSeconds else { return events }
        return events.map { event in
            RequestEvent(
                ticket: event.ticket,
                sequence: event.sequence,
                recordedAt: Date(timeIntervalSince1970: event.recordedAt.timeIntervalSince1970.rounded(.down)),
                actor: event.actor,
                change: event.change,
                fromState: event.fromState,
                toState: event.toState,
                visibility: event.visibility
            )
        }
    }

    func contact(_ ticket: TicketNumber) async throws(StorageError) -> Contact? { try await inner.contact(ticket) }

    func requests(matching query: RequestQuery, page: PageRequest) async throws(StorageError) -> Page<ServiceRequest> {
        var query = query
        switch fault {
        case .ignoresDepartments:
            query.departments = nil
        case .ascendingOnly where query.order == .ticketDescending:
            query.order = .ticketAscending
            let page = try await inner.requests(matching: query, page: page)
            return Page(
                items: page.items,
                next: page.next.map { PageCursor(order: .ticketDescending, ticket: $0.ticket) }
            )
        default:
            break
        }
        return try await inner.requests(matching: query, page: page)
    }

    func countRequests(matching query: RequestQuery) async throws(StorageError) -> Int {
        try await inner.countRequests(matching: query) + (fault == .countsOneTooMany ? 1 : 0)
    }

    func contacts(matching query: ContactQuery, page: PageRequest) async throws(StorageError) -> Page<Contact> {
        try await inner.contacts(matching: query, page: page)
    }

    func countContacts(matching query: ContactQuery) async throws(StorageError) -> Int {
        try await inner.countContacts(matching: query)
    }

    func latestTicket(issuedBy node: Int) async throws(StorageError) -> TicketNumber? {
        try await inner.latestTicket(issuedBy: node)
    }

    func changes(after position: FeedPosition, limit: Int) async throws(StorageError) -> FeedPage {
        switch fault {
        case .feedSkipsAppendedEvents:
            let page = try await inner.changes(after: position, limit: limit)
            let kept = page.entries.filter { entry in
                guard case .requestEvent(let event) = entry.change else { return true }
                return event.sequence == 1
            }
            return FeedPage(entries: kept, after: page.next, isCaughtUp: page.isCaughtUp)
        case .caughtUpOnlyWhenShort:
            let page = try await inner.changes(after: position, limit: limit)
            return FeedPage(entries: page.entries, after: position, isCaughtUp: page.entries.count < limit)
        case .positionsOutOfCommitOrder:
            try FeedPage.validate(limit: limit)
            let read = try await inner.changes(after: position, limit: min(FeedPage.maximumLimit, limit + 3))
            let newest = read.isCaughtUp ? Set(read.entries.suffix(3).map(\.position)) : []
            let visible = read.entries.filter { !(newest.contains($0.position) && $0.position.rawValue % 5 == 0) }
            return FeedPage(
                entries: Array(visible.prefix(limit)),
                after: position,
                isCaughtUp: read.isCaughtUp && visible.count <= limit
            )
        default:
            return try await inner.changes(after: position, limit: limit)
        }
    }

    func checkpoint(of consumer: FeedConsumerID) async throws(StorageError) -> FeedPosition {
        guard fault == .checkpointsInMemoryOnly else { return try await inner.checkpoint(of: consumer) }
        try consumer.validate()
        return localCheckpoints.withLock { $0[consumer] ?? .start }
    }

    func saveCheckpoint(
        _ position: FeedPosition,
        of consumer: FeedConsumerID,
        expected: FeedPosition?
    ) async throws(StorageError) {
        switch fault {
        case .checkpointMovesBack:
            let current = try await inner.checkpoint(of: consumer)
            try await inner.saveCheckpoint(position, of: consumer, expected: expected ?? current)
        case .checkpointsInMemoryOnly:
            // Checked against the backend's rules (so only durability can tell), then kept here.
            try await inner.saveCheckpoint(position, of: consumer, expected: nil)
            let current = localCheckpoints.withLock { $0[consumer] ?? .start }
            try consumer.validateCheckpoint(position, expected: expected, current: current, last: position)
            localCheckpoints.withLock { $0[consumer] = position }
        default:
            try await inner.saveCheckpoint(position, of: consumer, expected: expected)
        }
    }

    func request(externalReference key: ExternalReference.Key) async throws(StorageError) -> ServiceRequest? {
        let request = try await inner.request(externalReference: key)
        guard fault == .forgetsFormerReferences else { return request }
        return request?.externalReference(in: key.system)?.identifier == key.identifier ? request : nil
    }
}
