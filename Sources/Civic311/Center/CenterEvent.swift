/// Something that happened in the center, delivered to subscribers of
/// ``ServiceCenter/events(bufferingPolicy:)``, a live, best-effort tap for logging, metrics and
/// screens. Deliveries that must not be lost follow the store's change feed instead
/// (``ServiceCenter/changes(after:)``).
public enum CenterEvent: Sendable, Hashable {
    /// A contact was recorded (every contact, including those that opened a request).
    case contactRecorded(Contact)
    /// A request changed; `request` is its state after `event`. The opening event is included.
    case requestChanged(RequestEvent, request: ServiceRequest)
}
