import Foundation

// Stores that keep a request's fields in a form of their own (the SQLite snapshot row) restore it
// here rather than through `Decodable`: a status lookup pays for no keyed container, no boxing and
// no casts. The value is checked exactly as decoding checks it.
extension ServiceRequest {
    /// The request with these stored fields, checked as ``init(from:)`` checks a decoded one.
    ///
    /// - Throws: `DecodingError.dataCorrupted` naming the offending field, as ``init(from:)``
    ///   does, when no history could have produced these fields.
    package static func restored(
        ticket: TicketNumber,
        opening: RequestOpening,
        createdAt: Date,
        priority: Priority,
        department: DepartmentID,
        queue: String?,
        state: RequestState,
        closure: Closure?,
        firstRespondedAt: Date?,
        resolvedAt: Date?,
        closedAt: Date?,
        updatedAt: Date,
        notes: [RequestNote],
        externalReferences: [ExternalReference],
        links: [RequestLink],
        holdStartedAt: Date?,
        holds: [DateInterval],
        escalations: [String],
        restatedServiceLevel: ServiceLevelCommitment?,
        reopenCount: Int,
        returnCount: Int,
        version: Int
    ) throws(DecodingError) -> ServiceRequest {
        let request = ServiceRequest(
            ticket: ticket,
            opening: opening,
            createdAt: createdAt,
            priority: priority,
            department: department,
            queue: queue,
            state: state,
            closure: closure,
            firstRespondedAt: firstRespondedAt,
            resolvedAt: resolvedAt,
            closedAt: closedAt,
            updatedAt: updatedAt,
            notes: notes,
            externalReferences: externalReferences,
            links: links,
            holdStartedAt: holdStartedAt,
            holds: holds,
            escalations: escalations,
            restatedServiceLevel: restatedServiceLevel,
            reopenCount: reopenCount,
            returnCount: returnCount,
            version: version
        )
        if let (key, reason) = request.decodedProblem() {
            throw DecodingError.dataCorrupted(
                DecodingError.Context(codingPath: [key], debugDescription: "\(key.stringValue): \(reason)")
            )
        }
        return request
    }
}
