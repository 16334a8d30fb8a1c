import Foundation

/// A status update a department's back office sends about a request it holds: its own record's
/// reference, its own status code, its note and when it was sent, with a key that is the same on
/// every retry. ``ServiceCenter/receive(_:mappedBy:servingDepartments:)`` applies it through a
/// ``BackOfficeStatusMap``.
public struct BackOfficeUpdate: Hashable, Sendable {
    /// The back office's record: its system and identifier, current or former.
    public let reference: ExternalReference.Key
    /// The back office's status code, as it sends it (`"WO_COMPLETE"`).
    public let status: String
    /// The crew's note, if any; the status map decides whether the resident reads it.
    public let note: String?
    /// When the back office sent it, by its own clock: an update older than one already applied
    /// is recorded and ignored.
    public let sentAt: Date
    /// The same for every retry of this update: a repeated key is applied once.
    public let key: String

    public init(reference: ExternalReference.Key, status: String, note: String? = nil, sentAt: Date, key: String) {
        self.reference = reference
        self.status = status
        self.note = note
        self.sentAt = sentAt
        self.key = key
    }

    /// What ``ServiceCenter/receive(_:mappedBy:servingDepartments:)`` did with an update, with the request after it.
    public enum Outcome: Hashable, Sendable {
        /// The mapped transition or note was applied.
        case applied(ServiceRequest)
        /// The key was applied or recorded before: nothing changed.
        case duplicate(ServiceRequest)
        /// Older than the last update applied from the same system: recorded and ignored.
        case stale(ServiceRequest)
        /// Not applied, for an operator: an unknown status, a note the resident would need but
        /// did not get, or a transition the request's state does not allow. Recorded with the
        /// reason; never dropped and never guessed.
        case parked(ServiceRequest, reason: String)

        /// The request after the update.
        public var request: ServiceRequest {
            switch self {
            case .applied(let request), .duplicate(let request), .stale(let request), .parked(let request, _): request
            }
        }
    }
}
