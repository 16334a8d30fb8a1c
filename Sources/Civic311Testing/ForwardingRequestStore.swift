import Civic311
import Foundation

/// A store that forwards every requirement of `RequestStore` to another store, ``base``: write
/// only the methods you change.
///
/// For a store that wraps another: one that injects a fault to prove a test catches it, one that
/// waits or counts at a given step, one that logs. Conform, hold the base, and implement the
/// methods that differ; the rest forward. Two requirements are the exception, and keep the
/// protocol's defaults: `append(batch:)` goes through this store's own
/// `append(_:expectedVersion:)`, one entry at a time, and `open(_:)` (a request intake has already
/// checked) through this store's own `open(_:request:)`, so a fault injected there reaches
/// batches and intake too.
///
/// ```swift
/// /// Forgets every client request ID: the kit's client-request-ID area must catch it.
/// struct ForgetfulStore: ForwardingRequestStore {
///     let base = InMemoryRequestStore()
///
///     func request(_ key: ClientRequestKey) async throws(StorageError) -> ServiceRequest? { nil }
/// }
/// ```
public protocol ForwardingRequestStore: RequestStore {
    associatedtype Base: RequestStore
    /// The store every requirement not implemented here goes to.
    var base: Base { get }
}

extension ForwardingRequestStore {
    public func record(_ contact: Contact) async throws(StorageError) { try await base.record(contact) }

    public func open(_ contact: Contact, request opening: RequestEvent) async throws(StorageError) -> ServiceRequest {
        try await base.open(contact, request: opening)
    }

    public func open(batch: [(contact: Contact, opening: RequestEvent)]) async throws(StorageError) -> [ServiceRequest]
    {
        try await base.open(batch: batch)
    }

    public func append(_ events: [RequestEvent], expectedVersion: Int) async throws(StorageError) -> ServiceRequest {
        try await base.append(events, expectedVersion: expectedVersion)
    }

    public func nearbyOpenRequests(
        in box: CoordinateBox,
        serviceTypes: Set<ServiceTypeCode>,
        createdFrom: Date
    ) async throws(StorageError) -> [NearbyRequest] {
        try await base.nearbyOpenRequests(in: box, serviceTypes: serviceTypes, createdFrom: createdFrom)
    }

    public func redactPersonalData(
        _ redaction: HistoryRedaction,
        recording event: RequestEvent,
        expectedVersion: Int
    ) async throws(StorageError) -> ServiceRequest {
        try await base.redactPersonalData(redaction, recording: event, expectedVersion: expectedVersion)
    }

    public func request(_ ticket: TicketNumber) async throws(StorageError) -> ServiceRequest? {
        try await base.request(ticket)
    }

    public func request(_ key: ClientRequestKey) async throws(StorageError) -> ServiceRequest? {
        try await base.request(key)
    }

    public func events(for ticket: TicketNumber) async throws(StorageError) -> [RequestEvent] {
        try await base.events(for: ticket)
    }

    public func contact(_ ticket: TicketNumber) async throws(StorageError) -> Contact? {
        try await base.contact(ticket)
    }

    public func requests(
        matching query: RequestQuery,
        page: PageRequest
    ) async throws(StorageError) -> Page<ServiceRequest> {
        try await base.requests(matching: query, page: page)
    }

    public func countRequests(matching query: RequestQuery) async throws(StorageError) -> Int {
        try await base.countRequests(matching: query)
    }

    public func contacts(matching query: ContactQuery, page: PageRequest) async throws(StorageError) -> Page<Contact> {
        try await base.contacts(matching: query, page: page)
    }

    public func countContacts(matching query: ContactQuery) async throws(StorageError) -> Int {
        try await base.countContacts(matching: query)
    }

    public func latestTicket(issuedBy node: Int) async throws(StorageError) -> TicketNumber? {
        try await base.latestTicket(issuedBy: node)
    }
}

extension ForwardingRequestStore {
    public func changes(after position: FeedPosition, limit: Int) async throws(StorageError) -> FeedPage {
        try await base.changes(after: position, limit: limit)
    }

    public func checkpoint(of consumer: FeedConsumerID) async throws(StorageError) -> FeedPosition {
        try await base.checkpoint(of: consumer)
    }

    public func saveCheckpoint(
        _ position: FeedPosition,
        of consumer: FeedConsumerID,
        expected: FeedPosition?
    ) async throws(StorageError) {
        try await base.saveCheckpoint(position, of: consumer, expected: expected)
    }

    public func request(externalReference key: ExternalReference.Key) async throws(StorageError) -> ServiceRequest? {
        try await base.request(externalReference: key)
    }
}
