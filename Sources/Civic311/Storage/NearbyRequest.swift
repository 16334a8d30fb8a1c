import Foundation

/// An open request near a point, as a store's nearby search returns it: what a duplicate search
/// scores, without the rest of the request. The center reads in full only the few it offers.
public struct NearbyRequest: Hashable, Sendable {
    public let ticket: TicketNumber
    public let serviceType: ServiceTypeCode
    public let coordinate: Coordinate
    public let createdAt: Date

    public init(ticket: TicketNumber, serviceType: ServiceTypeCode, coordinate: Coordinate, createdAt: Date) {
        self.ticket = ticket
        self.serviceType = serviceType
        self.coordinate = coordinate
        self.createdAt = createdAt
    }

    /// The request's nearby form, or `nil` when it has no coordinate.
    public init?(_ request: ServiceRequest) {
        guard let coordinate = request.location?.coordinate else { return nil }
        self.init(
            ticket: request.ticket,
            serviceType: request.serviceType,
            coordinate: coordinate,
            createdAt: request.createdAt
        )
    }
}
