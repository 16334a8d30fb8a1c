/// One change to hand to a back office: the request as it stood after the change, and the event
/// that made it.
public struct Delivery: Hashable, Sendable {
    /// Which adapter call delivers it.
    public enum Kind: String, Hashable, Sendable, CaseIterable {
        /// The request entered the destination (opened for, or moved to, one of its departments).
        case dispatch
        /// A change to a request the destination holds.
        case update
        /// The request left the destination, or the resident cancelled it.
        case cancel
    }

    public let kind: Kind
    /// The same for every attempt at this delivery, and different for every other one: the
    /// destination, the ticket and the event's sequence (`public-works/02518-50700-01006/3`).
    public let key: String
    /// The request after ``event``.
    public let request: ServiceRequest
    /// The change being delivered.
    public let event: RequestEvent
    /// The request's current identifier in the adapter's system, when it has one: what an update
    /// or a cancellation names. `nil` for a dispatch that has not been answered yet.
    public let reference: ExternalReference?

    public init(kind: Kind, key: String, request: ServiceRequest, event: RequestEvent, reference: ExternalReference?) {
        self.kind = kind
        self.key = key
        self.request = request
        self.event = event
        self.reference = reference
    }
}
