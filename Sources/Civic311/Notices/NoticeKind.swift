/// What a notice tells the resident.
public enum NoticeKind: String, Hashable, Sendable, Codable, CaseIterable {
    /// The request was taken: its ticket, who handles it and when it is expected.
    case acknowledgement
    /// The request moved on: accepted, started, on hold (with what is needed), resolved (with
    /// what was done), reopened, or given to another department.
    case statusChange
    /// The request was closed, with the closing note the department wrote.
    case closing
    /// After a completed request: how did we do?
    case surveyInvitation
}
