import Synchronization

extension InMemoryRequestStore {
    /// Redacts under the store's lock: the entry is rebuilt from the redacted history, so its
    /// kept opening, snapshot and later events (which the change feed reads through) all change
    /// in one step.
    public func redactPersonalData(
        _ redaction: HistoryRedaction,
        recording event: RequestEvent,
        expectedVersion: Int
    ) async throws(StorageError) -> ServiceRequest {
        let ticket = event.ticket
        return try state.withLock { state throws(StorageError) in
            guard let index = state.requests.index(of: ticket) else {
                throw StorageError(.notFound, ticket: ticket, reason: "no request has this ticket")
            }
            let entry = state.requests.value(at: index)
            let before = entry.request
            let redacted = try redaction.apply(
                to: entry.events,
                recording: event,
                expectedVersion: expectedVersion
            )
            try Self.checkAppendable([event], keys: [], to: ticket, in: state)
            var rebuilt = Entry(request: redacted.request, opening: redacted.events[0])
            rebuilt.progress = Entry.Progress(request: redacted.request, later: Array(redacted.events.dropFirst()))
            state.requests.update(at: index) { $0 = rebuilt }
            let slot = state.requests.slot(at: index)
            if let former = redacted.formerClientRequestKey { state.clientRequests.remove(slot, under: former) }
            if let key = redacted.clientRequestKey { state.file(slot, holding: key) }
            state.refile(
                redacted.request,
                slot: slot,
                from: WorkQueueIndex.Filing(before),
                wasOpen: before.state.isOpen
            )
            Self.noteAppended([event], keys: [], slot: slot, in: &state)
            return redacted.request
        }
    }
}
