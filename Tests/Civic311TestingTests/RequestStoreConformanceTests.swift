import Civic311
import Civic311Testing
import Foundation
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
    }

    let fault: Fault
    let inner: InMemoryRequestStore

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
        try await inner.changes(after: position, limit: limit)
    }

    func checkpoint(of consumer: FeedConsumerID) async throws(StorageError) -> FeedPosition {
        try await inner.checkpoint(of: consumer)
    }

    func saveCheckpoint(
        _ position: FeedPosition,
        of consumer: FeedConsumerID,
        expected: FeedPosition?
    ) async throws(StorageError) {
        try await inner.saveCheckpoint(position, of: consumer, expected: expected)
    }

    func request(externalReference key: ExternalReference.Key) async throws(StorageError) -> ServiceRequest? {
        try await inner.request(externalReference: key)
    }
}
