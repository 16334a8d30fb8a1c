// Followers: residents who did not submit a request but want to hear what happens to it (a
// neighbour on the same street). They are told what the submitter is told, and nothing more.
extension ServiceCenter {
    /// Adds `follower` to the request's followers, who receive its notices.
    ///
    /// A resident follows for themselves: one of `follower`'s e-mail address and phone number must
    /// be the resident's identity. A call-taker or a supervisor adds a caller. Following again, or
    /// following as the submitter, changes nothing.
    ///
    /// - Throws: ``ValidationError`` naming the field (`follower`, `follower.email`,
    ///   `follower.phone`, `follower.name`) for a follower without an e-mail address or phone
    ///   number, or with one intake would refuse, or one that is not the resident asking;
    ///   ``AuthorizationError`` when `participant` may not follow (anonymous residents,
    ///   departments) or the service type is private; ``StorageError`` (``StorageError/Code/notFound``
    ///   when no request has the ticket, or what the store reports). Nothing is written when it
    ///   throws.
    @discardableResult
    public func follow(
        _ ticket: TicketNumber,
        as follower: Submitter,
        by participant: Participant
    ) async throws -> ServiceRequest {
        // The submitter's rules, so a follower is reached and matched as a submitter would be.
        try ServiceRequestDraft.check(follower, field: "follower", contactRequired: true)
        let identities = follower.identities
        try Self.checkSelf(identities, by: participant)
        do {
            return try await change(ticket, .follow, by: participant) { request, history in
                let following =
                    Self.followers(in: history).flatMap(\.identities) + (request.submitter?.identities ?? [])
                if identities.contains(where: following.contains) { throw NothingToRecord(request: request) }
                return (.followerAdded(follower), .internal)
            }
        } catch let nothing as NothingToRecord {
            return nothing.request
        }
    }

    /// Removes the follower with `identity` from the request's followers. Not following changes
    /// nothing.
    ///
    /// - Throws: ``ValidationError`` (field `identity`) when a resident asks for another identity;
    ///   otherwise as ``follow(_:as:by:)``.
    @discardableResult
    public func unfollow(
        _ ticket: TicketNumber,
        identity: ContactIdentity,
        by participant: Participant
    ) async throws -> ServiceRequest {
        try Self.checkSelf([identity], by: participant, field: "identity")
        do {
            return try await change(ticket, .follow, by: participant) { request, history in
                guard let follower = Self.followers(in: history).first(where: { $0.identities.contains(identity) })
                else { throw NothingToRecord(request: request) }
                return (.followerRemoved(follower), .internal)
            }
        } catch let nothing as NothingToRecord {
            return nothing.request
        }
    }

    /// The followers a history has at its end, in the order they followed: `followers` changed by
    /// the events of `history`. A master's followers include the residents its merged duplicates
    /// brought (``DuplicateLink/followers``); a merged duplicate keeps its own, who hear from the
    /// master while it is merged and from the duplicate again once it is unlinked.
    public static func followers(
        in history: some Sequence<RequestEvent>,
        after followers: [Submitter] = []
    ) -> [Submitter] {
        var followers = followers
        for event in history {
            switch event.change {
            // An erased follower (no name, no identity) is no one to tell.
            case .followerAdded(let follower) where follower != Submitter(): followers.append(follower)
            case .followerRemoved(let follower): followers.removeAll { $0 == follower }
            case .duplicateLinked(let link): followers += link.followers.filter { $0 != Submitter() }
            case .duplicateUnlinked(let link):
                for follower in link.followers {
                    if let index = followers.firstIndex(of: follower) { followers.remove(at: index) }
                }
            default: break
            }
        }
        return followers
    }

    /// A resident follows for themselves only.
    private static func checkSelf(
        _ identities: [ContactIdentity],
        by participant: Participant,
        field: String = "follower"
    ) throws(ValidationError) {
        guard case .resident(let resident?) = participant else { return }
        guard let claimed = ContactIdentity(resident.rawValue), identities.contains(claimed) else {
            throw ValidationError(
                .invalidValue,
                field: field,
                reason: "a resident follows with their own e-mail address or phone number"
            )
        }
    }
}

/// The change would record nothing new: the request as it is.
struct NothingToRecord: Error {
    let request: ServiceRequest
}
