import Foundation

/// What the center did with a ``BackOfficeUpdate``, kept in the request's history so that a
/// repeated key is recognized and an older update is ignored across restarts, and so an operator
/// sees every parked update with the back office's own words.
///
/// An applied update's record is stored in the same append as the change it made. It is
/// internal: residents never see it.
public struct BackOfficeUpdateRecord: Hashable, Sendable, Codable {
    /// What was done.
    public enum Disposition: Hashable, Sendable, Codable {
        case applied
        /// Older than the last applied update from the same system.
        case stale
        /// Left for an operator, with the reason.
        case parked(reason: String)
    }

    public let system: String
    public let key: String
    public let status: String
    public let note: String?
    public let sentAt: Date
    public let disposition: Disposition

    public init(system: String, key: String, status: String, note: String?, sentAt: Date, disposition: Disposition) {
        self.system = system
        self.key = key
        self.status = status
        self.note = note
        self.sentAt = sentAt
        self.disposition = disposition
    }
}
