import Foundation

/// Who may see a note or event.
public enum Visibility: String, Hashable, Sendable, Codable {
    /// Shown to residents in the public view of the request.
    case `public`
    /// Staff only.
    case `internal`
}

/// A note on a request: a public status note for the resident, or an internal one for staff.
public struct RequestNote: Hashable, Sendable, Codable {
    public let text: String
    public let visibility: Visibility
    public let writtenAt: Date
    public let author: Participant

    public init(text: String, visibility: Visibility, writtenAt: Date, author: Participant) {
        self.text = text
        self.visibility = visibility
        self.writtenAt = writtenAt
        self.author = author
    }
}

extension RequestNote {
    /// The one check of every text that becomes a note in a request's history (a resolution or
    /// closing note, what is needed from the resident, a reason to reopen, return or reassign, a
    /// follow-up's note): whichever operation takes it, a blank text is the same error.
    ///
    /// - Throws: ``ValidationError`` with code ``ValidationError/Code/missingValue`` and field
    ///   `note` for a blank text, or ``ValidationError/Code/tooLong`` (field `note`) past the text
    ///   limit.
    static func check(_ text: String) throws(ValidationError) {
        try ServiceRequestDraft.checkText(text, field: "note")
    }
}
