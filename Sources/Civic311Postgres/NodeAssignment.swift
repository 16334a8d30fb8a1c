import Civic311

/// How a PostgreSQL store gets the ticket node of its process (see `TicketNumber.node`).
///
/// Every process writing to one database must issue tickets from a node of its own. A lease is
/// a session-level advisory lock held by a connection the store keeps for it: the lock is the
/// lease, so when the process dies (or its connection drops) the server frees the node at once,
/// and no timeout has to pass before another process may take it.
public enum NodeAssignment: Hashable, Sendable {
    /// The first free node in the range, leased at opening. Processes started at the same
    /// moment get different nodes; opening fails with `StorageError.Code.busy` when every node
    /// in the range is held.
    case leased(ClosedRange<Int>)
    /// This node, leased like the others so that two processes configured with the same node
    /// cannot both run: the second fails with `StorageError.Code.busy`.
    case fixed(Int)
    /// No node: for programs that only read, or issue no tickets.
    case none

    func validate() throws(ValidationError) {
        let nodes: ClosedRange<Int>
        switch self {
        case .leased(let range): nodes = range
        case .fixed(let node): nodes = node...node
        case .none: return
        }
        guard nodes.lowerBound >= 0, nodes.upperBound <= TicketNumber.maximumNode else {
            throw ValidationError(
                .outOfRange,
                field: "node",
                reason: "nodes must lie within 0...\(TicketNumber.maximumNode), got \(nodes)"
            )
        }
    }

    /// The nodes to try, in order.
    var candidates: ClosedRange<Int>? {
        switch self {
        case .leased(let range): range
        case .fixed(let node): node...node
        case .none: nil
        }
    }
}
