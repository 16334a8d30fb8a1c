import Foundation

/// The public view of a request: what a resident looking up a ticket may see.
///
/// It never carries the submitter, answers to probing questions or internal notes; for a private
/// service type it also leaves out the location and the description. Every free-text field it
/// does carry (the description, the address, the public notes, which include resolution, closure
/// and hold notes) goes through a ``PersonalDataScrubber`` first, so a phone number or e-mail
/// address typed into them, or the submitter's own name, does not reach the public.
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
    /// Public notes, oldest first: what was done, what is needed from the resident. A note that
    /// repeats the one before it word for word (a closing note restating the resolution) appears
    /// once.
    public let notes: [StatusNote]

    /// The public view of `request`, for code that already holds the full request (a listing, an
    /// Open311 server): the same view ``ServiceCenter/status(of:)-(TicketNumber)`` returns, its
    /// free text scrubbed by `scrubber` (every rule by default). The submitter's own details are
    /// searched for in the description and the notes; the address gets the e-mail and phone rules
    /// only, since street names are often surnames.
    public init(
        _ request: ServiceRequest,
        in jurisdiction: Jurisdiction,
        scrubbing scrubber: PersonalDataScrubber = PersonalDataScrubber()
    ) {
        self.init(request, in: jurisdiction, scrubbing: scrubber, known: scrubber.prepared(request.submitter))
    }

    /// The public view with the submitter's details already prepared for `scrubber`: an
    /// open-data row scrubs the address with them too, and prepares them once.
    init(
        _ request: ServiceRequest,
        in jurisdiction: Jurisdiction,
        scrubbing scrubber: PersonalDataScrubber,
        known: KnownPersonalData?
    ) {
        let serviceType = jurisdiction.serviceType(request.serviceType)
        let isPrivate = serviceType?.isPrivate ?? true
        ticket = request.ticket
        self.serviceType = request.serviceType
        serviceTypeName = serviceType?.name ?? request.serviceType.rawValue
        state = request.state
        status = request.state.publicLabel
        departmentName = jurisdiction.departmentName(request.department)
        description = isPrivate ? nil : scrubber.scrub(request.description, known: known)
        address = isPrivate ? nil : request.location?.address.map { scrubber.scrub($0) }
        createdAt = request.createdAt
        expectedBy = request.dueAt
        closedAt = request.closedAt
        // A closing note that repeats the resolution (a crew's note passed on twice by its back
        // office) is read once.
        let publicNotes = request.publicNotes
        notes = publicNotes.indices.compactMap { index in
            let note = publicNotes[index]
            if index > 0, publicNotes[index - 1].text == note.text { return nil }
            return StatusNote(text: scrubber.scrub(note.text, known: known), writtenAt: note.writtenAt)
        }
    }
}
