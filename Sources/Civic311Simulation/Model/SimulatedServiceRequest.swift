import Civic311

/// A service request the simulation asks the intake to create.
public struct SimulatedServiceRequest: Sendable, Hashable {
    /// The ``ContactRecord/id`` of the contact it came from.
    public let contactID: Int
    /// When the contact arrived, in seconds from the start of the simulation.
    public let arrivedAt: Double
    /// When the ticket is created: at arrival for self-service, at the end of the IVR for deflected
    /// calls, at the end of talk for calls an agent handled. Requests reach the sink in this order.
    public let createdAt: Double
    /// The channel the contact came in on.
    public let channel: Channel
    /// The SR sub-type (complaint, compliment, form request or service request).
    public let callType: CallType.Kind
    /// The service-type code, drawn from the configured mix.
    public let serviceTypeCode: ServiceTypeCode
}
