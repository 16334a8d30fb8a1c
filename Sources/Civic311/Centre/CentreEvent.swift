/// Something that happened in the centre, delivered to subscribers of
/// ``ServiceCentre/events(bufferingPolicy:)``: the bridge to logging, metrics and notifications.
public enum CentreEvent: Sendable, Hashable {
    /// A contact was recorded (every contact, including those that opened a request).
    case contactRecorded(Contact)
    /// A request changed; `request` is its state after `event`. The opening event is included.
    case requestChanged(RequestEvent, request: ServiceRequest)
}
