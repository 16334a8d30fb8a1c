import Civic311

/// The order in which a department's crew takes the requests waiting for it.
public enum WorkOrder: String, Sendable, Hashable, CaseIterable {
    /// Oldest request first.
    case firstInFirstOut = "fifo"
    /// The request due soonest first (ties: the oldest), as a department's work queue is usually sorted.
    case soonestDue = "due"
}
