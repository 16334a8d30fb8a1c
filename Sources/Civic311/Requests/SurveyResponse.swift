/// A resident's answer to the survey after their request was resolved or closed: was it fixed,
/// and how satisfied are they.
public struct SurveyResponse: Hashable, Sendable, Codable {
    /// From 1 (very dissatisfied) to 5 (very satisfied).
    public let satisfaction: Int
    /// Whether the resident says the problem was fixed. `false` reopens the request where the
    /// reopen window allows (``ServiceCenter/answerSurvey(_:on:caller:by:)``).
    public let wasFixed: Bool
    /// What the resident added, if anything. Free text: scrubbed from open data like any note.
    public let comment: String?

    /// - Throws: ``ValidationError`` for a satisfaction outside 1...5 (`satisfaction`) or a comment
    ///   that is blank or longer than a note may be (`comment`).
    public init(satisfaction: Int, wasFixed: Bool, comment: String? = nil) throws(ValidationError) {
        guard (1...5).contains(satisfaction) else {
            throw ValidationError(
                .outOfRange,
                field: "satisfaction",
                reason: "must be from 1 to 5, not \(satisfaction)"
            )
        }
        if let comment {
            do {
                try RequestNote.check(comment)
            } catch {
                throw ValidationError(error.code, field: "comment", reason: error.reason)
            }
        }
        self.satisfaction = satisfaction
        self.wasFixed = wasFixed
        self.comment = comment
    }
}
