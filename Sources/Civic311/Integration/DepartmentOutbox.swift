import Foundation

/// Delivers every request a destination's departments hold to their back office, through a
/// ``DepartmentAdapter``, driven by the store's durable change feed.
///
/// The outbox reads the feed (``RequestStore/changes(after:limit:)``) after its checkpoint and
/// turns each request event into a ``Delivery``: a dispatch when the request enters the
/// destination, an update while it stays, a cancellation when it leaves. The back office's
/// reference for a dispatch is recorded on the request (``ServiceCenter/addExternalReference(_:system:identifier:by:)``)
/// before the dispatch counts as done.
///
/// **Guarantees.**
/// - *Nothing is lost.* The checkpoint (`outbox.NAME`) never passes a change that is not settled:
///   delivered, or dead-lettered with a ``DeliveryRecord`` stored on the request. A process killed at
///   any moment resumes from it and delivers again what it had not settled.
/// - *Nothing takes effect twice*, given an idempotent adapter: a change delivered again after a
///   restart carries the same ``Delivery/key``.
/// - *Ordered per request.* A request's changes are delivered one after another; a failing change
///   holds back the changes after it for that request, and only for that request.
/// - *No silent failure.* A failed attempt is retried with backoff and jitter (``RetryPolicy``);
///   after the last attempt, or at once when the back office refuses it
///   (``DeliveryError/Code/rejected``), the request is dead-lettered: a ``DeliveryRecord`` in its
///   history, an ``OutboxEvent/deadLettered(_:key:attempts:reason:)`` for the observer, a
///   ``DeadLetter`` in ``deadLetters``, which survives a restart. ``retry(_:)`` delivers it again.
///
/// **Driving it.** ``deliverDue()`` does one pass: it reads what the feed holds and attempts what is
/// due at the center's clock. Tests and simulations call it under a ``ManualWallClock``, so
/// backoff replays exactly; ``run(pollInterval:)`` calls it in a loop. One outbox per destination
/// runs at a time: two would deliver the same changes twice (with the same keys) and race for the
/// checkpoint.
public actor DepartmentOutbox {
    public let destination: OutboxDestination
    public let retryPolicy: RetryPolicy

    private let center: ServiceCenter
    /// The center's clock, read as it is (not at the stored millisecond), so a retry is due the
    /// moment a manual clock is set to it.
    private var clock: any WallClock { center.configuration.clock }
    private let adapter: any DepartmentAdapter
    private let observer: (@Sendable (OutboxEvent) -> Void)?
    private var random: SplitMix64

    /// Every feed entry at or before it is settled; the stored checkpoint.
    private var settled: FeedPosition
    /// The last feed entry read.
    private var read: FeedPosition
    /// The stored dead-letter checkpoint.
    private var deadLetterScan: FeedPosition
    private var queues: [TicketNumber: DeliveryQueue] = [:]
    private var held: [TicketNumber: DeadLetter] = [:]
    /// For requests rebuilt from their history by ``retry(_:)``: the last sequence queued, so the
    /// same changes read from the feed are not queued twice.
    private var rebuiltThrough: [TicketNumber: Int] = [:]
    private var counts = OutboxFigures()
    /// Requests whose dispatch waits for its reference to be recorded, in the order dispatched.
    private var awaiting: [TicketNumber] = []
    /// Delivery records at or before it were read by the start-up scan.
    private var bookkeepingThrough = FeedPosition.start

    /// Feed entries read per store call.
    static let pageSize = 500
    /// Dispatches whose references are recorded in one store command (one transaction in SQLite):
    /// enough to spread a commit thin, few enough to stay in cache.
    static let referenceBatch = 256

    /// Loads the outbox's checkpoints and the dead letters still open.
    ///
    /// - Parameters:
    ///   - center: the center whose store's feed it reads and through which it records references
    ///     and dead letters.
    ///   - adapter: the back office's bridge.
    ///   - destination: the name and departments it delivers for.
    ///   - retryPolicy: how attempts are spaced and when it gives up.
    ///   - seed: seeds the jitter, so a run replays exactly.
    ///   - observer: called on the outbox's executor with every ``OutboxEvent``; keep it short.
    /// - Throws: ``StorageError`` when the store cannot be read, or its checkpoints are past its feed.
    public init(
        center: ServiceCenter,
        adapter: any DepartmentAdapter,
        destination: OutboxDestination,
        retryPolicy: RetryPolicy = .standard,
        seed: UInt64 = 0,
        observer: (@Sendable (OutboxEvent) -> Void)? = nil
    ) async throws(StorageError) {
        self.center = center
        self.adapter = adapter
        self.destination = destination
        self.retryPolicy = retryPolicy
        self.observer = observer
        self.random = SplitMix64(seed: seed)
        let store = center.store
        settled = try await store.checkpoint(of: destination.consumer)
        read = settled
        deadLetterScan = min(try await store.checkpoint(of: destination.deadLetterConsumer), settled)
        // Dead letters are recorded after the change they hold, so every one still open is after
        // the dead-letter checkpoint; read to the end of the feed so that a dead letter recorded
        // after the settled checkpoint holds its request from the first pass.
        var position = deadLetterScan
        while true {
            let page = try await store.changes(after: position, limit: Self.pageSize)
            for entry in page.entries {
                if case .requestEvent(let event) = entry.change, case .delivery(let record) = event.change {
                    note(record, on: event.ticket, at: entry.position)
                }
            }
            position = page.next
            if page.isCaughtUp { break }
        }
        bookkeepingThrough = position
    }

    // MARK: What it holds

    /// What it has done since it started, and what waits.
    public var figures: OutboxFigures {
        var figures = counts
        figures.pending = queues.values.reduce(0) { $0 + $1.count }
        figures.heldForOperator = held.count
        return figures
    }

    /// The requests given up on, oldest ticket first.
    public var deadLetters: [DeadLetter] { held.values.sorted { $0.ticket < $1.ticket } }

    /// When the earliest waiting retry is due; `nil` when nothing waits for a retry.
    public var nextRetry: Date? { queues.values.filter { $0.failures > 0 }.map(\.dueAt).min() }

    // MARK: Delivering

    /// One pass: reads every change the feed holds after the last one read, attempts every
    /// delivery that is due at the center's clock, and saves the checkpoints.
    ///
    /// - Returns: ``figures`` after the pass.
    /// - Throws: ``StorageError`` when the store fails; what was delivered stays delivered, and the
    ///   next pass goes on from the saved checkpoint.
    @discardableResult
    public func deliverDue() async throws -> OutboxFigures {
        try await readFeed()
        try await attemptDue()
        try await saveCheckpoints()
        return figures
    }

    /// Calls ``deliverDue()`` every `pollInterval` seconds (and at once while a pass finds work)
    /// until the task is cancelled. Polling, rather than waking on the center's writes, also picks
    /// up what other processes write to a shared database.
    ///
    /// - Throws: ``ValidationError`` (field `pollInterval`) at once for an interval that is not
    ///   positive, which would spin; `CancellationError` when cancelled; what ``deliverDue()``
    ///   throws.
    public func run(pollInterval: Duration = .milliseconds(500)) async throws {
        guard pollInterval > .zero else {
            throw ValidationError(.outOfRange, field: "pollInterval", reason: "must be positive, not \(pollInterval)")
        }
        while true {
            try Task.checkCancellation()
            let before = read
            try await deliverDue()
            if read == before { try await Task.sleep(for: pollInterval) }
        }
    }

    /// Delivers a dead-lettered request again: every change since the one that failed, from its
    /// history, with fresh attempts. When all are delivered, a ``DeliveryRecord`` says so in the
    /// request's history; if they fail again, it is dead-lettered again.
    ///
    /// - Returns: `false` when the request is not dead-lettered.
    /// - Throws: ``StorageError`` when the store fails; the request stays dead-lettered.
    @discardableResult
    public func retry(_ ticket: TicketNumber) async throws -> Bool {
        guard let letter = held[ticket] else { return false }
        let history = try await center.store.events(for: ticket)
        var queue = DeliveryQueue(dueAt: clock.now(), recovering: letter)
        var request: ServiceRequest?
        let current = try Self.replay(history, ticket: ticket)?.externalReference(in: adapter.system)
        for event in history {
            let before = request
            request = try Self.fold(event, onto: before)
            guard event.sequence >= letter.sequence, let after = request else { continue }
            if let kind = kind(of: event, before: before, after: after) {
                queue.append(DeliveryItem(position: nil, kind: kind, event: event, request: after, reference: current))
            }
        }
        held[ticket] = nil
        rebuiltThrough[ticket] = history.last?.sequence ?? letter.sequence
        if queue.isEmpty {
            try await record(.redelivered(through: letter.sequence), on: ticket)
            counts.redelivered += 1
            observer?(.redelivered(ticket))
        } else {
            queues[ticket] = queue
        }
        return true
    }

    // MARK: Reading the feed

    private func readFeed() async throws {
        let store = center.store
        while true {
            let page = try await store.changes(after: read, limit: Self.pageSize)
            // Requests whose state before the next entry this page knows, so a request's history is
            // read at most once a page; kept per page, so a long backlog does not hold every request.
            var known: [TicketNumber: (request: ServiceRequest, reference: ExternalReference?)] = [:]
            known.reserveCapacity(page.entries.count)
            for entry in page.entries {
                guard case .requestEvent(let event) = entry.change else { continue }
                let ticket = event.ticket
                if case .delivery(let record) = event.change {
                    // Records after the start-up scan are this outbox's own, already applied (only
                    // one outbox runs per destination); learn where a dead letter landed.
                    if record.destination == destination.name, case .deadLettered(let sequence, _, _) = record.outcome,
                        let letter = held[ticket], letter.sequence == sequence, entry.position > bookkeepingThrough
                    {
                        held[ticket] = letter.recorded(at: entry.position)
                    }
                    continue
                }
                // A held request's changes are delivered from its history when it is retried.
                if held[ticket] != nil { continue }
                if let through = rebuiltThrough[ticket], event.sequence <= through { continue }
                let before: ServiceRequest?
                var reference: ExternalReference?
                if event.sequence == 1 {
                    before = nil
                } else if let state = known[ticket], state.request.version == event.sequence - 1 {
                    before = state.request
                    reference = state.reference
                } else {
                    let history = try await store.events(for: ticket)
                    before = try Self.replay(history.prefix { $0.sequence < event.sequence }, ticket: ticket)
                    reference = try Self.replay(history, ticket: ticket)?.externalReference(in: adapter.system)
                }
                let after = try Self.fold(event, onto: before)
                reference = after.externalReference(in: adapter.system) ?? reference
                known[ticket] = (after, reference)
                guard let kind = kind(of: event, before: before, after: after) else { continue }
                queues[ticket, default: DeliveryQueue(dueAt: clock.now())]
                    .append(
                        DeliveryItem(
                            position: entry.position,
                            kind: kind,
                            event: event,
                            request: after,
                            reference: reference
                        )
                    )
            }
            read = page.next
            if page.isCaughtUp { return }
        }
    }

    /// What a change means for the destination, or `nil` when it has nothing to deliver.
    private func kind(of event: RequestEvent, before: ServiceRequest?, after: ServiceRequest) -> Delivery.Kind? {
        let wasHeld = destination.serves(before?.department)
        let isHeld = destination.serves(after.department)
        switch (wasHeld, isHeld) {
        case (false, false):
            return nil
        case (false, true):
            // A parallel request, entered by this back office itself: it holds the case already.
            if case .opened = event.change, case .integration(let system, _) = event.actor, system == adapter.system {
                return nil
            }
            return .dispatch
        case (true, false):
            return .cancel
        case (true, true):
            switch event.change {
            case .externalReferenceAdded, .delivery, .backOfficeUpdate:
                // The outbox's own bookkeeping, and the links the back office itself gave.
                return nil
            case .closed(let closure) where closure.reason == .cancelledByResident:
                return .cancel
            default:
                // The back office's own changes, received through the center, need no echo.
                if case .integration(let system, _) = event.actor, system == adapter.system { return nil }
                return .update
            }
        }
    }

    private func note(_ record: DeliveryRecord, on ticket: TicketNumber, at position: FeedPosition) {
        guard record.destination == destination.name else { return }
        switch record.outcome {
        case .deadLettered(let sequence, let attempts, let reason):
            held[ticket] = DeadLetter(
                ticket: ticket,
                sequence: sequence,
                attempts: attempts,
                reason: reason,
                recordedAfter: read
            )
            .recorded(at: position)
        case .redelivered:
            held[ticket] = nil
        }
    }

    // MARK: Attempting

    private func attemptDue() async throws {
        // A pass cut short by a store failure left dispatches whose references wait.
        try await recordAwaitedReferences()
        let now = clock.now()
        // Oldest first, so one request's long backlog does not starve the others. Sort the keys
        // alone: the queues are large values.
        var due: [(position: FeedPosition, ticket: TicketNumber)] = []
        due.reserveCapacity(queues.count)
        for (ticket, queue) in queues where queue.dueAt <= now {
            due.append((queue.firstPosition ?? .start, ticket))
        }
        due.sort { ($0.position, $0.ticket) < ($1.position, $1.ticket) }
        // A queue stops after a dispatch until its reference is recorded: one store command for
        // each batch of dispatches, then those queues go on with the changes after their dispatch.
        var tickets = due.map(\.ticket)
        while !tickets.isEmpty {
            var next: [TicketNumber] = []
            for ticket in tickets {
                try await attempt(ticket)
                if awaiting.count >= Self.referenceBatch { next += try await recordAwaitedReferences() }
            }
            next += try await recordAwaitedReferences()
            tickets = next
        }
    }

    /// Delivers a request's changes in order until one fails, a dispatch awaits its reference, or
    /// none is left.
    private func attempt(_ ticket: TicketNumber) async throws {
        // Taken out while it is worked on, so changing it copies nothing; every way out that keeps
        // it puts it back.
        guard var queue = queues.removeValue(forKey: ticket) else { return }
        while queue.awaitingReference == nil, let item = queue.first {
            let delivery = Delivery(
                kind: item.kind,
                key: "\(destination.name)/\(ticket)/\(item.event.sequence)",
                request: item.request,
                event: item.event,
                reference: queue.reference ?? item.reference ?? item.request.externalReference(in: adapter.system)
            )
            do {
                switch item.kind {
                case .dispatch:
                    queue.awaitingReference = try await adapter.dispatch(delivery)
                    awaiting.append(ticket)
                    queues[ticket] = queue
                    return
                case .update:
                    try await adapter.update(delivery)
                case .cancel:
                    try await adapter.cancel(delivery)
                }
                delivered(&queue, item.kind, key: delivery.key)
                continue
            } catch let error as DeliveryError {
                try await fail(ticket, &queue, item: item, key: delivery.key, failure: error)
            } catch {
                try await fail(
                    ticket,
                    &queue,
                    item: item,
                    key: delivery.key,
                    failure: DeliveryError(.unavailable, message: "\(error)")
                )
            }
            return
        }
        guard queue.awaitingReference == nil, queue.isEmpty else {
            queues[ticket] = queue
            return
        }
        if let recovering = queue.recovering {
            try await record(.redelivered(through: max(recovering.sequence, rebuiltThrough[ticket] ?? 0)), on: ticket)
            counts.redelivered += 1
            observer?(.redelivered(ticket))
        }
    }

    /// Drops the delivered head of `queue` and counts it.
    private func delivered(_ queue: inout DeliveryQueue, _ kind: Delivery.Kind, key: String) {
        queue.removeFirst()
        counts.delivered += 1
        observer?(.delivered(kind, key: key))
    }

    /// Counts a failed attempt at the head of `queue`: schedules the retry, or dead-letters the
    /// request after the last attempt or at once for a refusal. Puts the queue back, unless the
    /// request is dead-lettered.
    private func fail(
        _ ticket: TicketNumber,
        _ queue: inout DeliveryQueue,
        item: DeliveryItem,
        key: String,
        failure: DeliveryError
    ) async throws {
        queue.awaitingReference = nil
        queue.failures += 1
        if failure.code == .rejected || queue.failures >= retryPolicy.maximumAttempts {
            do {
                try await deadLetter(ticket, item: item, key: key, attempts: queue.failures, reason: failure.message)
            } catch {
                queues[ticket] = queue
                throw error
            }
            return
        }
        let wait = retryPolicy.delay(afterFailures: queue.failures, unit: Double(random.next() >> 11) * 0x1p-53)
        queue.dueAt = clock.now().addingTimeInterval(wait)
        counts.retried += 1
        queues[ticket] = queue
        observer?(.retrying(key: key, failures: queue.failures, nextAttempt: queue.dueAt, reason: failure.message))
    }

    /// Records the references the back office answered to this pass's dispatches, in one store
    /// command, and completes those dispatches. A reference the center refuses (unusable, or one
    /// another request holds: the back office mixed two records up) is a refusal, not something to
    /// retry, so the request is dead-lettered.
    ///
    /// - Returns: the tickets whose dispatch completed, in order, to go on delivering.
    /// - Throws: ``StorageError`` when the store fails; the dispatches keep waiting, and the next
    ///   pass records them.
    @discardableResult
    private func recordAwaitedReferences() async throws -> [TicketNumber] {
        guard !awaiting.isEmpty else { return [] }
        var entries: [(request: ServiceRequest, identifier: String)] = []
        var tickets: [TicketNumber] = []
        entries.reserveCapacity(awaiting.count)
        tickets.reserveCapacity(awaiting.count)
        for ticket in awaiting {
            guard let queue = queues[ticket], let identifier = queue.awaitingReference, let item = queue.first else {
                continue
            }
            entries.append((item.request, identifier))
            tickets.append(ticket)
        }
        let outcomes = try await center.addExternalReferences(entries, system: adapter.system, by: .system)
        awaiting.removeAll(keepingCapacity: true)
        var completed: [TicketNumber] = []
        completed.reserveCapacity(tickets.count)
        for (offset, (ticket, outcome)) in zip(tickets, outcomes).enumerated() {
            do {
                if try await complete(ticket, outcome) { completed.append(ticket) }
            } catch {
                // The store failed while dead-lettering one: the dispatches after it still wait.
                awaiting.append(contentsOf: tickets[(offset + 1)...])
                throw error
            }
        }
        return completed
    }

    /// Completes a dispatch with what recording its reference came to; `true` when delivered.
    private func complete(_ ticket: TicketNumber, _ outcome: Result<ServiceRequest, any Error>) async throws -> Bool {
        guard var queue = queues.removeValue(forKey: ticket), let item = queue.first else { return false }
        let key = "\(destination.name)/\(ticket)/\(item.event.sequence)"
        let failure: DeliveryError
        switch outcome {
        case .success(let request):
            queue.reference = request.externalReference(in: adapter.system)
            queue.awaitingReference = nil
            delivered(&queue, .dispatch, key: key)
            // Most dispatches are all their queue holds: done, with nothing to go on with.
            if queue.isEmpty, queue.recovering == nil { return false }
            queues[ticket] = queue
            return true
        case .failure(let error as ValidationError):
            failure = DeliveryError(
                .rejected,
                message: "the back office answered an unusable reference: \(error.message)"
            )
        case .failure(let error as StorageError) where error.code == .duplicate:
            failure = DeliveryError(
                .rejected,
                message: "the back office answered a reference another request holds: \(error.reason)"
            )
        case .failure(let error):
            // The request changed under the outbox in a way the center refuses (a lifecycle or
            // authorization rule): keep the dispatch and try it again later.
            failure = DeliveryError(.unavailable, message: "the reference was not recorded: \(error)")
        }
        try await fail(ticket, &queue, item: item, key: key, failure: failure)
        return false
    }

    private func deadLetter(
        _ ticket: TicketNumber,
        item: DeliveryItem,
        key: String,
        attempts: Int,
        reason: String
    )
        async throws
    {
        // Keep the record short and never blank: it is part of the request's history.
        let text = reason.isBlank ? "no reason given" : String(reason.prefix(1_000))
        try await record(.deadLettered(sequence: item.event.sequence, attempts: attempts, reason: text), on: ticket)
        queues[ticket] = nil
        held[ticket] = DeadLetter(
            ticket: ticket,
            sequence: item.event.sequence,
            attempts: attempts,
            reason: text,
            recordedAfter: read
        )
        counts.deadLettered += 1
        observer?(.deadLettered(ticket, key: key, attempts: attempts, reason: text))
    }

    private func record(_ outcome: DeliveryRecord.Outcome, on ticket: TicketNumber) async throws {
        let record = DeliveryRecord(destination: destination.name, outcome: outcome)
        _ = try await center.change(ticket, .addInternalNote, by: .system) { _ in (.delivery(record), .internal) }
    }

    // MARK: Checkpoints

    private func saveCheckpoints() async throws {
        let store = center.store
        let waiting = queues.values.compactMap(\.firstPosition).min()
        let newSettled = waiting.map { FeedPosition(checked: $0.rawValue - 1) } ?? read
        if newSettled > settled {
            try await store.saveCheckpoint(newSettled, of: destination.consumer, expected: nil)
            settled = newSettled
        }
        let oldestHeld = held.values.map(\.recordedAfter).min()
        let newScan = min(oldestHeld ?? settled, settled)
        if newScan > deadLetterScan {
            try await store.saveCheckpoint(newScan, of: destination.deadLetterConsumer, expected: nil)
            deadLetterScan = newScan
        }
    }

    // MARK: Folding

    private static func fold(
        _ event: RequestEvent,
        onto request: ServiceRequest?
    ) throws(StorageError) -> ServiceRequest {
        do {
            if var request {
                try request.apply(event)
                return request
            }
            return try ServiceRequest.replaying([event])
        } catch {
            throw StorageError(.corrupted, ticket: event.ticket, reason: "the feed's history does not fold: \(error)")
        }
    }

    private static func replay(
        _ events: some Collection<RequestEvent>,
        ticket: TicketNumber
    ) throws(StorageError)
        -> ServiceRequest?
    {
        guard !events.isEmpty else { return nil }
        do {
            return try ServiceRequest.replaying(events)
        } catch {
            throw StorageError(.corrupted, ticket: ticket, reason: "the stored history does not fold: \(error)")
        }
    }
}
