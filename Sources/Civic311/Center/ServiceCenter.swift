import Foundation

/// The one entry point of a 311 center: intake, the departments' operations, residents' status
/// lookups, and a stream of everything that happens.
///
/// A request's journey reads top to bottom in the extensions of this type:
/// ``submit(_:by:)`` (validate → classify → route → ticket → due date → store → acknowledge), then the
/// department operations (``accept(_:by:)`` … ``close(_:reason:note:caller:by:)``), then
/// ``status(of:)-(String)`` for the resident.
///
/// The center holds no request state of its own: the ``RequestStore`` owns it, and every change is
/// an event appended with optimistic concurrency. `ServiceCenter` is a `Sendable` class rather than
/// an actor so that intake from many tasks costs no actor hops.
public final class ServiceCenter: Sendable {
    /// How a center is put together. Every clock, router and policy is injectable; the defaults
    /// are the jurisdiction's own rules.
    public struct Configuration: Sendable {
        /// The ticket node of this process (0–99); each process issuing tickets at the same time
        /// needs its own.
        public var node: Int
        /// The source of "now".
        public var clock: any WallClock
        /// The router; `nil` uses the jurisdiction's ``Jurisdiction/routingRules`` when it carries
        /// them, and otherwise routes by catalog responsibility (``CatalogRouter`` with ``triage``).
        public var router: (any RequestRouter)?
        /// The service-level policy; `nil` uses the jurisdiction's ``Jurisdiction/serviceLevels``
        /// when it carries them, and otherwise the catalog's targets in calendar time
        /// (``CatalogServiceLevels``).
        public var serviceLevels: (any ServiceLevelPolicy)?
        /// Where returned requests go when the center routes by catalog responsibility; required
        /// then, and unused when a router or the jurisdiction's routing rules decide.
        public var triage: DepartmentID?
        /// How long after resolution or closure a request may be reopened, in seconds.
        public var reopenWindow: TimeInterval
        /// What public free text goes through, and what a status lookup must show.
        public var privacy = PrivacySettings()

        /// How many unread events ``ServiceCenter/events()`` keeps for each subscriber (1 or more).
        /// A subscriber that falls further behind loses the oldest of them; see
        /// ``ServiceCenter/events()``.
        public var eventBufferLimit: Int

        /// The default ``eventBufferLimit``: 10,000 events, a few megabytes for each subscriber.
        public static var defaultEventBufferLimit: Int { 10_000 }

        /// - Parameters:
        ///   - node: this process's ticket node, 0–99.
        ///   - clock: the source of "now"; inject a ``ManualWallClock`` to replay exactly.
        ///   - router: the router; `nil` for the jurisdiction's routing rules, or the catalog.
        ///   - serviceLevels: the service-level policy; `nil` for the jurisdiction's service levels,
        ///     or the catalog's targets.
        ///   - triage: the department returned requests go to when routing by catalog.
        ///   - reopenWindow: how long after resolution or closure a request may be reopened, in seconds.
        ///   - eventBufferLimit: the unread events ``ServiceCenter/events()`` keeps for each subscriber.
        public init(
            node: Int = 0,
            clock: any WallClock = SystemWallClock(),
            router: (any RequestRouter)? = nil,
            serviceLevels: (any ServiceLevelPolicy)? = nil,
            triage: DepartmentID? = nil,
            reopenWindow: TimeInterval = 30 * 86_400,
            eventBufferLimit: Int = Configuration.defaultEventBufferLimit
        ) {
            self.node = node
            self.clock = clock
            self.router = router
            self.serviceLevels = serviceLevels
            self.triage = triage
            self.reopenWindow = reopenWindow
            self.eventBufferLimit = eventBufferLimit
        }
    }

    public let jurisdiction: Jurisdiction
    public let store: any RequestStore
    public let configuration: Configuration
    /// The router in effect: the configuration's, the jurisdiction's rules, or the catalog's.
    let router: any RequestRouter
    /// The service-level policy in effect: the configuration's, the jurisdiction's, or the catalog's.
    let serviceLevels: any ServiceLevelPolicy
    let issuer: TicketIssuer
    let feed = CenterEventFeed()

    /// Opens a center on `store`, continuing ticket numbering after the last number this node
    /// stored.
    ///
    /// The center routes with the configuration's router, else the jurisdiction's
    /// ``Jurisdiction/routingRules``, else by catalog responsibility; it sets due dates with the
    /// configuration's policy, else the jurisdiction's ``Jurisdiction/serviceLevels``, else the
    /// catalog's targets.
    ///
    /// - Throws: ``ValidationError`` for a node outside 0–99 (`node`), a negative or non-finite
    ///   reopen window (`reopenWindow`), an event buffer limit below 1 (`eventBufferLimit`), a
    ///   missing or unknown triage department when the center routes by catalog (`triage`), or a
    ///   status lookup's phone digits outside 4–15 (`privacy.statusLookup.minimumPhoneDigits`);
    ///   ``StorageError`` when the store cannot report the node's
    ///   last ticket.
    public init(jurisdiction: Jurisdiction, store: any RequestStore, configuration: Configuration) async throws {
        guard configuration.reopenWindow.isFinite, configuration.reopenWindow >= 0 else {
            throw ValidationError(.outOfRange, field: "reopenWindow", reason: "must be zero or more seconds")
        }
        try configuration.privacy.statusLookup.validate()
        guard configuration.eventBufferLimit >= 1 else {
            throw ValidationError(
                .outOfRange,
                field: "eventBufferLimit",
                reason: "must be 1 or more events, got \(configuration.eventBufferLimit)"
            )
        }
        self.jurisdiction = jurisdiction
        self.store = store
        self.configuration = configuration
        if let router = configuration.router ?? jurisdiction.routingRules {
            self.router = router
        } else {
            guard let triage = configuration.triage else {
                throw ValidationError(
                    .missingValue,
                    field: "triage",
                    reason: "routing by catalog needs a triage department for returned requests "
                        + "(\(jurisdiction.name) carries no routing rules and no router is configured)"
                )
            }
            self.router = try CatalogRouter(jurisdiction: jurisdiction, triage: triage)
        }
        self.serviceLevels = configuration.serviceLevels ?? jurisdiction.serviceLevels ?? CatalogServiceLevels()
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
    /// The tap never waits for a subscriber: publishing is part of every operation, and one slow
    /// reader must not slow intake. Each subscriber has a buffer of
    /// ``Configuration/eventBufferLimit`` unread events (10,000 by default); when it is full, the
    /// oldest unread event is dropped to make room, so a subscriber that falls behind sees the
    /// most recent events and misses some older ones. Use ``events(bufferingPolicy:)`` to choose
    /// another policy, including an unbounded buffer whose memory grows with the subscriber's lag.
    ///
    /// It is not a feed to build deliveries on: it starts at the moment of the call, has no
    /// position or acknowledgement, drops events as its buffer says, misses writes by other
    /// processes, and loses what is buffered when the process stops. Anything that must see every
    /// change exactly once, across restarts, reads the store's durable change feed: live with
    /// ``changes(after:)``, or page by page with ``RequestStore/changes(after:limit:)`` and a
    /// checkpoint.
    public func events() -> AsyncStream<CenterEvent> {
        feed.subscribe(bufferingPolicy: .bufferingNewest(configuration.eventBufferLimit))
    }

    /// A stream of every contact and request event from now on, buffered as `bufferingPolicy` says
    /// while the subscriber is behind: the same best-effort tap as ``events()``. The stream ends
    /// when the center is released or the subscriber stops iterating.
    ///
    /// ``events()`` uses the configuration's bounded buffer; `.unbounded` keeps every unread event,
    /// so its memory grows without limit when the subscriber stops reading.
    public func events(
        bufferingPolicy: AsyncStream<CenterEvent>.Continuation.BufferingPolicy
    ) -> AsyncStream<CenterEvent> {
        feed.subscribe(bufferingPolicy: bufferingPolicy)
    }

    /// The current instant, at the millisecond precision every store keeps.
    func now() -> Date { configuration.clock.now().wholeMilliseconds }

    // MARK: Views

    /// The full request, for participants allowed to see it.
    ///
    /// - Throws: ``AuthorizationError`` when `participant` may not see it in full; ``StorageError``
    ///   (``StorageError/Code/notFound`` when no request has the ticket, or what the store reports).
    public func request(_ ticket: TicketNumber, by participant: Participant) async throws -> ServiceRequest {
        let request = try await existing(ticket, for: participant, .viewFull)
        try AccessPolicy.authorize(participant, .viewFull, on: request, in: jurisdiction)
        return request
    }

    /// A request's history, oldest first, for participants allowed to see the full request.
    ///
    /// - Throws: as ``request(_:by:)``.
    public func history(of ticket: TicketNumber, by participant: Participant) async throws -> [RequestEvent] {
        let request = try await existing(ticket, for: participant, .viewFull)
        try AccessPolicy.authorize(participant, .viewFull, on: request, in: jurisdiction)
        return try await store.events(for: ticket)
    }

    /// Requests matching `query`. Department staff and integrations see only their department's;
    /// call-takers see no request of a private service type.
    ///
    /// - Throws: ``AuthorizationError`` for residents; ``StorageError`` for a cursor made for
    ///   another order (``StorageError/Code/invalidCursor``) or what the store reports.
    public func requests(
        matching query: RequestQuery,
        page: PageRequest = .first,
        by participant: Participant
    ) async throws -> Page<ServiceRequest> {
        var query = query
        switch participant {
        case .supervisor, .system:
            break
        case .callTaker:
            let visible = Set(jurisdiction.serviceTypes.lazy.filter { !$0.isPrivate }.map(\.id))
            query.serviceTypes = (query.serviceTypes ?? visible).intersection(visible)
        case .departmentStaff(_, let department), .integration(_, let department):
            query.departments = (query.departments ?? [department]).intersection([department])
        case .resident:
            try AccessPolicy.authorize(participant, .viewFull, on: nil, in: jurisdiction)
        }
        return try await store.requests(matching: query, page: page)
    }

    func existing(_ ticket: TicketNumber) async throws -> ServiceRequest {
        guard let request = try await store.request(ticket) else {
            throw StorageError(.notFound, ticket: ticket, reason: "no request has this ticket")
        }
        return request
    }

    /// The request `participant` asks to act on. A resident asking about a ticket that does not
    /// exist gets the refusal they would get for someone else's request, so that trying tickets
    /// one after another does not reveal which exist; staff get ``StorageError/Code/notFound``.
    func existing(
        _ ticket: TicketNumber,
        for participant: Participant,
        _ operation: RequestOperation
    ) async throws -> ServiceRequest {
        guard let request = try await store.request(ticket) else {
            if case .resident = participant {
                try AccessPolicy.authorize(participant, operation, on: nil, in: jurisdiction)
            }
            throw StorageError(.notFound, ticket: ticket, reason: "no request has this ticket")
        }
        return request
    }
}
