import Foundation

/// Everything a center holds about one resident, identified by an e-mail address or a phone
/// number: the answer to a subject-access request (``ServiceCenter/subjectAccessExport(of:by:)``).
///
/// It lists every request on which the resident is the submitter, a follower, a resident who
/// acted, or is mentioned by their e-mail address or phone number in free text, with the
/// request's snapshot, its whole history (survey answers and notes included) and the contact
/// that opened it. Other residents on the same requests are left out as an erasure would remove
/// them (``HistoryRedaction``): the export is the subject's data, not their neighbours'.
///
/// It encodes to JSON with ``jsonData()``.
public struct SubjectAccessExport: Hashable, Sendable, Codable {
    /// How the resident appears on a request.
    public enum Role: String, Hashable, Sendable, Codable, CaseIterable {
        /// They submitted it.
        case submitter
        /// They follow it, or followed it, or were brought to it by a merged duplicate.
        case follower
        /// They acted on it themselves, on a self-service channel.
        case actor
        /// Their e-mail address or phone number appears in its free text, and nothing more.
        case mentioned
    }

    /// One request held about the resident.
    public struct Record: Hashable, Sendable, Codable {
        public let ticket: TicketNumber
        /// How the resident appears on it, in ``Role`` order.
        public let roles: [Role]
        /// The request as it stands, other residents left out.
        public let request: ServiceRequest
        /// Its history, oldest first, other residents left out.
        public let history: [RequestEvent]
        /// The contact that opened it.
        public let contact: Contact
    }

    /// Which kind of identity the export is for: `email` or `phone`.
    public let kind: String
    /// The identity, normalized (``ContactIdentity/normalized``).
    public let subject: String
    /// When the export was made.
    public let generatedAt: Date
    /// The requests, in ticket order.
    public let records: [Record]

    /// The export as JSON: keys sorted, dates in ISO 8601, indented for reading.
    public func jsonData() throws(ValidationError) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        do {
            return try encoder.encode(self)
        } catch {
            // Every field is a plain value; only a non-finite number (a coordinate) could fail.
            throw ValidationError(.invalidValue, field: "export", reason: "cannot be written as JSON: \(error)")
        }
    }

    /// The record of `request` for the resident known by `identities` (every identity they gave
    /// across the store), or `nil` when they do not appear on it.
    static func record(
        of identities: Set<ContactIdentity>,
        request: ServiceRequest,
        history: [RequestEvent]
    ) throws(StorageError) -> Record? {
        func isSubject(_ person: Submitter) -> Bool { person.identities.contains(where: identities.contains) }
        var roles: Set<Role> = []
        for event in history {
            if case .resident(let id?) = event.actor, let identity = ContactIdentity(id.rawValue),
                identities.contains(identity)
            {
                roles.insert(.actor)
            }
            switch event.change {
            case .opened(let opening):
                if let submitter = opening.submitter, isSubject(submitter) { roles.insert(.submitter) }
            case .followerAdded(let follower), .followerRemoved(let follower):
                if isSubject(follower) { roles.insert(.follower) }
            case .duplicateLinked(let link), .duplicateUnlinked(let link):
                if link.followers.contains(where: isSubject) { roles.insert(.follower) }
            default:
                break
            }
        }
        if roles.isEmpty, !HistoryRedaction.erasing(identities).rewrittenSequences(in: history).isEmpty {
            roles.insert(.mentioned)
        }
        guard !roles.isEmpty else { return nil }
        let shown = HistoryRedaction.keepingOnly(identities).redacting(history)
        let snapshot: ServiceRequest
        do throws(LifecycleError) {
            snapshot = try ServiceRequest.replaying(shown)
        } catch {
            throw StorageError(
                .corrupted,
                ticket: request.ticket,
                reason: "the stored history does not fold: \(error.message)"
            )
        }
        return Record(
            ticket: request.ticket,
            roles: Role.allCases.filter(roles.contains),
            request: snapshot,
            history: shown,
            contact: snapshot.openingContact
        )
    }
}
