/// A request's stored history after a redaction, as every store writes it: what
/// ``HistoryRedaction/apply(to:recording:expectedVersion:)`` returns.
public struct RedactedHistory: Hashable, Sendable {
    /// The whole history, oldest first: the redacted events, then the event recording the
    /// redaction.
    public let events: [RequestEvent]
    /// The sequence numbers of the stored events whose stored form changes, ascending (the
    /// recording event is not among them: it is new).
    public let rewritten: [Int]
    /// The fold of ``events``: the request's new snapshot.
    public let request: ServiceRequest
    /// The key the request's client request ID is stored under before the redaction, if any.
    public let formerClientRequestKey: ClientRequestKey?
    /// The key after it: `nil` when the redaction dropped the ID with the resident who chose it.
    public let clientRequestKey: ClientRequestKey?

    /// The rewritten events, in ``rewritten`` order.
    public var rewrittenEvents: [RequestEvent] { rewritten.map { events[$0 - 1] } }

    /// The event recording the redaction: the last one.
    public var recordingEvent: RequestEvent { events[events.count - 1] }
}
