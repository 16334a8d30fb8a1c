import Foundation

/// How one request stands against its service level at a cutoff: the classification every
/// on-time figure counts, ``ComplianceReport`` and ``OnTimeMeasure`` alike.
///
/// A request is **met** when its work was finished by the cutoff no later than its effective due
/// date, **closed late** when it was finished after it, and **open overdue** when it is still open
/// at the cutoff with its effective due date already past. An open request not yet due is
/// **not yet due**, and a request closed without its work being done (cancelled, referred, closed
/// without action, closed as a duplicate) is **not measured**. The formula, and the sources it
/// comes from, are in `Documentation/Measures.md` ("On-time share").
public enum ServiceLevelOutcome: String, Hashable, Sendable, CaseIterable {
    /// Finished by the cutoff, no later than the effective due date.
    case met
    /// Finished by the cutoff, after the effective due date.
    case closedLate
    /// Still open at the cutoff, with the effective due date before it: a miss.
    case openOverdue
    /// Still open at the cutoff and not yet due: not counted yet.
    case notYetDue
    /// Closed without the work being done: leaves the population.
    case notMeasured

    /// Classifies a request.
    ///
    /// - Parameters:
    ///   - finishedAt: when its work was finished (``finish(of:)``), if that was before the
    ///     cutoff; `nil` otherwise.
    ///   - isOpen: whether it was still open at the cutoff.
    ///   - effectiveDueAt: its due date, plus the time it waited on the resident.
    ///   - cutoff: the instant measured at.
    public init(finishedAt: Date?, isOpen: Bool, effectiveDueAt: Date, cutoff: Date) {
        if let finishedAt {
            self = finishedAt <= effectiveDueAt ? .met : .closedLate
        } else if isOpen {
            self = effectiveDueAt < cutoff ? .openOverdue : .notYetDue
        } else {
            self = .notMeasured
        }
    }

    /// When the work on `request` was finished: its resolution, or, never resolved, its closure
    /// as completed; `nil` for an open request or one closed for another reason.
    public static func finish(of request: ServiceRequest) -> Date? {
        request.resolvedAt ?? (request.closure?.reason == .completed ? request.closedAt : nil)
    }

    /// Whether the outcome counts in an on-time share's population (met, closed late, open
    /// overdue).
    public var isCounted: Bool {
        switch self {
        case .met, .closedLate, .openOverdue: true
        case .notYetDue, .notMeasured: false
        }
    }
}
