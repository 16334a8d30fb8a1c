import Foundation

extension PublicServiceRequest {
    /// A public view assembled from its fields: for a view that crossed a boundary (read back
    /// from an Open311 server, a cache, another process). ``status`` is the state's words.
    public init(
        ticket: TicketNumber,
        serviceType: ServiceTypeCode,
        serviceTypeName: String,
        state: RequestState,
        departmentName: String,
        description: String?,
        address: String?,
        createdAt: Date,
        expectedBy: Date,
        closedAt: Date?,
        notes: [StatusNote]
    ) {
        self.ticket = ticket
        self.serviceType = serviceType
        self.serviceTypeName = serviceTypeName
        self.state = state
        self.status = state.publicLabel
        self.departmentName = departmentName
        self.description = description
        self.address = address
        self.createdAt = createdAt
        self.expectedBy = expectedBy
        self.closedAt = closedAt
        self.notes = notes
    }
}
