/// Something that happened in the center, delivered to subscribers of
/// ``ServiceCenter/events(bufferingPolicy:)``: the bridge to logging, metrics and notifications.
public enum CenterEvent: Sendable, Hashable {
    /// A contact was recorded (every contact, including those that opened a request).
    case contactRecorded(Contact)
    /// A request changed; `request` is its state after `event`. The opening event is included.
    case requestChanged(RequestEvent, request: ServiceRequest)
}
