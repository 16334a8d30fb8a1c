import Civic311
import Foundation

/// Every stored field of a request snapshot, read from its row.
///
/// ``request()`` builds the request with the core library's package factory for stores, which
/// checks the fields as `Decodable` does but costs no keyed container, boxing or casts: this is
/// on the path of every status lookup. `RowFormatTests` checks that these fields are every stored
/// property of `ServiceRequest`, so a field added to the domain type cannot be left out of the
/// snapshot unnoticed.
struct SnapshotFields {
    let ticket: TicketNumber
    let opening: RequestOpening
    let createdAt: Date
    let priority: Priority
    let department: DepartmentID
    let queue: String?
    let state: RequestState
    let closure: Closure?
    let firstRespondedAt: Date?
    let resolvedAt: Date?
    let closedAt: Date?
    let updatedAt: Date
    let notes: [RequestNote]
    let externalReferences: [ExternalReference]
    let links: [RequestLink]
    let holdStartedAt: Date?
    let holds: [DateInterval]
    let escalations: [String]
    let reopenCount: Int
    let returnCount: Int
    let version: Int
    /// Absent from snapshots of requests without merged duplicates (and from older snapshots).
    let restatedServiceLevel: ServiceLevelCommitment?

    /// The request these fields describe.
    ///
    /// - Throws: `RowFormatError` when the fields describe a request the fold cannot produce (a
    ///   version past `Int.max - 1`, more reopenings than events): that is damage.
    func request() throws(RowFormatError) -> ServiceRequest {
        do throws(DecodingError) {
            return try ServiceRequest.restored(
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
        } catch {
            guard case .dataCorrupted(let context) = error else { throw RowFormatError("\(error)") }
            throw RowFormatError(context.debugDescription)
        }
    }
}
