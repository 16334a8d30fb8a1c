// The one function every store calls to redact a history, so that the in-memory, SQLite and
// PostgreSQL stores (and any other) rewrite exactly the same events the same way.
extension HistoryRedaction {
    /// Redacts `history` (a request's stored events, oldest first) and checks the event that
    /// records the redaction: what ``RequestStore/redactPersonalData(_:recording:expectedVersion:)``
    /// writes, in one transaction.
    ///
    /// The recording event must be ``RequestChange/personalDataErased(rewritten:)`` for an
    /// erasure or ``RequestChange/retentionApplied(_:rewritten:)`` naming this redaction's class,
    /// naming exactly the events the redaction rewrites, and must continue the history as an
    /// annotation (see ``LifecycleTable``).
    ///
    /// - Throws: ``StorageError/Code/notFound`` for an empty history (no such request);
    ///   ``StorageError/Code/conflict`` when the history is not at `expectedVersion`;
    ///   ``StorageError/Code/invalidHistory`` when there is nothing to redact, the event does not
    ///   record this redaction or names other events, or the fold refuses the result.
    public func apply(
        to history: [RequestEvent],
        recording event: RequestEvent,
        expectedVersion: Int
    ) throws(StorageError) -> RedactedHistory {
        let ticket = event.ticket
        guard let last = history.last else {
            throw StorageError(.notFound, ticket: ticket, reason: "no request has this ticket")
        }
        guard last.sequence == expectedVersion else {
            throw StorageError.conflict(ticket, expected: expectedVersion, actual: last.sequence)
        }
        let redacted = redacting(history)
        let rewritten = zip(history, redacted).compactMap { $0 == $1 ? nil : $0.sequence }
        guard !rewritten.isEmpty else {
            throw StorageError(.invalidHistory, ticket: ticket, reason: "the history holds nothing to redact")
        }
        let named: [Int]
        switch (purpose, event.change) {
        case (.erasure, .personalDataErased(let sequences)):
            named = sequences
        case (.retention(let expected), .retentionApplied(let dataClass, let sequences)) where dataClass == expected:
            named = sequences
        default:
            throw StorageError(
                .invalidHistory,
                ticket: ticket,
                reason: "the event does not record this redaction (\(purpose)); it records \(event.change)"
            )
        }
        guard named == rewritten else {
            throw StorageError(
                .invalidHistory,
                ticket: ticket,
                reason: "the event names events \(named), the redaction rewrites events \(rewritten)"
            )
        }
        let events = redacted + [event]
        let request: ServiceRequest
        do throws(LifecycleError) {
            request = try ServiceRequest.replaying(events)
        } catch {
            throw StorageError(.invalidHistory, ticket: ticket, reason: error.message)
        }
        return RedactedHistory(
            events: events,
            rewritten: rewritten,
            request: request,
            formerClientRequestKey: history.first.flatMap(ClientRequestKey.init(opening:)),
            clientRequestKey: ClientRequestKey(opening: events[0])
        )
    }
}
