/// A kind of data a ``RetentionSchedule`` keeps for a limited time after a request closes.
///
/// Each class names what is removed from a closed request's stored history (events, snapshot and
/// change feed alike) once its time is up; everything else, the public history included, stays.
public enum RetentionDataClass: String, Hashable, Sendable, Codable, CaseIterable {
    /// Who the residents were: the submitter (name, phone, e-mail), the followers, residents
    /// recorded as the actor of an event, a resident's client request ID, and their details
    /// quoted in the request's free text. The request becomes anonymous.
    case residentIdentity
    /// What staff wrote for each other: the text of internal notes (and of internal reopening
    /// reasons) is replaced by ``HistoryRedaction/removedNoteText``. That a note was written, by
    /// whom and when, stays.
    case internalNotes
    /// What residents wrote in their survey answers: the comment is removed, the rating and
    /// whether the problem was fixed stay.
    case surveyComments
}
