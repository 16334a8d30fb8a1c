import Foundation

/// The public view of a request: what a resident looking up a ticket may see.
///
/// It never carries personal data (the submitter, answers to probing questions) or internal
/// notes; for a private service type it also leaves out the location and the description.
public struct PublicServiceRequest: Hashable, Sendable, Codable {
    /// One public status note.
    public struct StatusNote: Hashable, Sendable, Codable {
        public let text: String
        public let writtenAt: Date

        public init(text: String, writtenAt: Date) {
            self.text = text
            self.writtenAt = writtenAt
        }
    }

    public let ticket: TicketNumber
    public let serviceType: ServiceTypeCode
    public let serviceTypeName: String
    public let state: RequestState
    /// The state in words for residents.
    public let status: String
    public let departmentName: String
    public let description: String?
    public let address: String?
    public let createdAt: Date
    public let expectedBy: Date
    public let closedAt: Date?
    /// Public notes, oldest first: what was done, what is needed from the resident.
    public let notes: [StatusNote]

    /// The public view of `request`, for code that already holds the full request (a listing, an
    /// Open311 server): the same view ``ServiceCenter/status(of:)-(TicketNumber)`` returns.
    public init(_ request: ServiceRequest, in jurisdiction: Jurisdiction) {
        let serviceType = jurisdiction.serviceType(request.serviceType)
        let isPrivate = serviceType?.isPrivate ?? true
        ticket = request.ticket
        self.serviceType = request.serviceType
        serviceTypeName = serviceType?.name ?? request.serviceType.rawValue
        state = request.state
        status = request.state.publicLabel
        departmentName = jurisdiction.department(request.department)?.name ?? request.department.rawValue
        description = isPrivate ? nil : request.description
        address = isPrivate ? nil : request.location?.address
        createdAt = request.createdAt
        expectedBy = request.dueAt
        closedAt = request.closedAt
        notes = request.publicNotes.map { StatusNote(text: $0.text, writtenAt: $0.writtenAt) }
    }
}
