import Foundation

/// The one entry point of a 311 center: intake, the departments' operations, residents' status
/// lookups, and a stream of everything that happens.
///
/// A request's journey reads top to bottom in the extensions of this type:
/// ``submit(_:by:)`` (validate → classify → route → ticket → due date → store → acknowledge), then the
/// department operations (``accept(_:by:)`` … ``close(_:reason:note:by:)``), then
/// ``status(of:)-(String)`` for the resident.
///
/// The center holds no request state of its own: the ``RequestStore`` owns it, and every change is
/// an event appended with optimistic concurrency. `ServiceCenter` is a `Sendable` class rather than
/// an actor so that intake from many tasks costs no actor hops.
public final class ServiceCenter: Sendable {
    /// How a center is put together. Every clock, router and policy is injectable.
    public struct Configuration: Sendable {
        /// The ticket node of this process (0–99); each process issuing tickets at the same time
        /// needs its own.
        public var node: Int
        public var clock: any WallClock
        /// The router; `nil` routes by catalog responsibility (``CatalogRouter``).
        public var router: (any RequestRouter)?
        /// Where returned requests go with the catalog router.
        public var triage: DepartmentID
        public var serviceLevels: any ServiceLevelPolicy
        /// How long after resolution or closure a request may be reopened, in seconds.
        public var reopenWindow: TimeInterval

        /// - Parameters:
        ///   - node: this process's ticket node, 0–99.
        ///   - clock: the source of "now"; inject a ``ManualWallClock`` to replay exactly.
        ///   - triage: the department returned requests go to with the default router.
        ///   - reopenWindow: how long after resolution or closure a request may be reopened, in seconds.
        public init(
            node: Int = 0,
            clock: any WallClock = SystemWallClock(),
            triage: DepartmentID,
            reopenWindow: TimeInterval = 30 * 86_400
        ) {
            self.node = node
            self.clock = clock
            self.router = nil
            self.triage = triage
            self.serviceLevels = CatalogServiceLevels()
            self.reopenWindow = reopenWindow
        }
    }

    public let jurisdiction: Jurisdiction
    public let store: any RequestStore
    public let configuration: Configuration
    let router: any RequestRouter
    let issuer: TicketIssuer
    let feed = CenterEventFeed()

    /// Opens a center on `store`, continuing ticket numbering after the last number this node
    /// stored.
    public init(jurisdiction: Jurisdiction, store: any RequestStore, configuration: Configuration) async throws {
        guard configuration.reopenWindow.isFinite, configuration.reopenWindow >= 0 else {
            throw ValidationError(.outOfRange, field: "reopenWindow", reason: "must be zero or more seconds")
        }
        self.jurisdiction = jurisdiction
        self.store = store
        self.configuration = configuration
        self.router =
            try configuration.router ?? CatalogRouter(jurisdiction: jurisdiction, triage: configuration.triage)
        self.issuer = try TicketIssuer(
            node: configuration.node,
            after: try await store.latestTicket(issuedBy: configuration.node)
        )
    }

    deinit { feed.finish() }

    /// A live, best-effort, in-process tap of the contacts and request events written through this
    /// center from now on: for logging, metrics and screens that only need to see things as they
    /// happen. The stream ends when the center is released or the subscriber stops iterating.
    ///
    /// It is not a feed to build deliveries on: it starts at the moment of the call, has no
    /// position or acknowledgement, drops events when `bufferingPolicy` says so, misses writes by
    /// other processes, and loses what is buffered when the process stops. Anything that must
    /// see every change exactly once, across restarts, reads the store's durable change feed:
    /// live with ``changes(after:)``, or page by page with ``RequestStore/changes(after:limit:)``
    /// and a checkpoint.
    public func events(
        bufferingPolicy: AsyncStream<CenterEvent>.Continuation.BufferingPolicy = .unbounded
    ) -> AsyncStream<CenterEvent> {
        feed.subscribe(bufferingPolicy: bufferingPolicy)
    }

    /// The current instant, at the millisecond precision every store keeps.
    func now() -> Date { configuration.clock.now().wholeMilliseconds }

    // MARK: Views

    /// The full request, for participants allowed to see it.
    public func request(_ ticket: TicketNumber, by participant: Participant) async throws -> ServiceRequest {
        let request = try await existing(ticket)
        try AccessPolicy.authorize(participant, .viewFull, on: request)
        return request
    }

    /// A request's history, oldest first, for participants allowed to see the full request.
    public func history(of ticket: TicketNumber, by participant: Participant) async throws -> [RequestEvent] {
        let request = try await existing(ticket)
        try AccessPolicy.authorize(participant, .viewFull, on: request)
        return try await store.events(for: ticket)
    }

    /// Requests matching `query`. Department staff and integrations see only their department's.
    public func requests(
        matching query: RequestQuery,
        page: PageRequest = .first,
        by participant: Participant
    ) async throws -> Page<ServiceRequest> {
        var query = query
        switch participant {
        case .supervisor, .system, .callTaker:
            break
        case .departmentStaff(_, let department), .integration(_, let department):
            query.departments = (query.departments ?? [department]).intersection([department])
        case .resident:
            try AccessPolicy.authorize(participant, .viewFull, on: nil)
        }
        return try await store.requests(matching: query, page: page)
    }

    func existing(_ ticket: TicketNumber) async throws -> ServiceRequest {
        guard let request = try await store.request(ticket) else {
            throw StorageError(.notFound, ticket: ticket, reason: "no request has this ticket")
        }
        return request
    }
}
