/// How a notice reaches a resident.
public enum NoticeChannel: String, Hashable, Sendable, Codable, CaseIterable {
    case email
    /// A text message: 160 GSM characters, or 70 of anything else, a segment (``Notice/smsSegments``).
    case sms
    /// A script read to the resident on a call-back.
    case voice
    /// A push notification to the resident's app.
    case push
}
