import Foundation

/// Where a request is now: the department that holds it, its state, and since when.
///
/// It is what a department that held a request before may still see after the request moved on
/// (a reassignment, or a "not ours" return that rerouted it), so that its system can close its own
/// case and point the crew to the right desk. It carries nothing else of the request: no
/// submitter, no notes, no history (``AccessPolicy/authorize(_:whereaboutsOf:history:in:)``).
public struct RequestWhereabouts: Hashable, Sendable {
    public let ticket: TicketNumber
    /// The department that holds the request now.
    public let department: DepartmentID
    public let departmentName: String
    public let state: RequestState
    /// When the department that holds it now received it: the opening, or the last move.
    public let heldSince: Date
    /// The departments that held it before, in the order they received it; a department that held
    /// it twice is named twice.
    public let formerHolders: [DepartmentID]

    public init(
        ticket: TicketNumber,
        department: DepartmentID,
        departmentName: String,
        state: RequestState,
        heldSince: Date,
        formerHolders: [DepartmentID]
    ) {
        self.ticket = ticket
        self.department = department
        self.departmentName = departmentName
        self.state = state
        self.heldSince = heldSince
        self.formerHolders = formerHolders
    }

    /// The whereabouts of `request`, read from its `history`.
    init(_ request: ServiceRequest, history: [RequestEvent], departmentName: String) {
        var holders: [DepartmentID] = []
        var heldSince = request.createdAt
        for (department, at) in Self.moves(in: history) {
            holders.append(department)
            heldSince = at
        }
        // The last entry is the current holder (a history always starts with the opening).
        if holders.last == request.department { holders.removeLast() }
        self.init(
            ticket: request.ticket,
            department: request.department,
            departmentName: departmentName,
            state: request.state,
            heldSince: heldSince,
            formerHolders: holders
        )
    }

    /// Every department that held the request, the current one included.
    static func holders(in history: [RequestEvent]) -> Set<DepartmentID> {
        Set(moves(in: history).map(\.department))
    }

    /// Each department the request was given to, with when, oldest first.
    private static func moves(in history: [RequestEvent]) -> [(department: DepartmentID, at: Date)] {
        history.compactMap { event in
            switch event.change {
            case .opened(let opening): (opening.routing.department, event.recordedAt)
            case .returned(_, let department, _), .reassigned(let department, _): (department, event.recordedAt)
            default: nil
            }
        }
    }
}
