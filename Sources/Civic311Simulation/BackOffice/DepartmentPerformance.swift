import Civic311

/// One department's share of the simulated days: what it received, what its crew finished and how it
/// did against its service levels (from the store's `ComplianceReport`).
public struct DepartmentPerformance: Sendable, Hashable {
    /// The department.
    public let department: DepartmentID
    /// Its name in the catalog.
    public let name: String
    /// Whether it is an external agency (its requests are closed as referred).
    public let isExternalAgency: Bool
    /// Service requests routed to it.
    public let received: Int
    /// Requests its crew could finish per working day.
    public let dailyCapacity: Int
    /// Requests resolved or closed by the end of the last day.
    public let finished: Int
    /// Requests still open at the end of the last day.
    public let open: Int
    /// Requests resolved (or closed as completed) by their effective due date.
    public let met: Int
    /// Requests finished after their effective due date.
    public let closedLate: Int
    /// Requests still open after their effective due date.
    public let openOverdue: Int
    /// met ÷ (met + closed late + open overdue); `nil` when none counts (all referred, or none due yet).
    public let onTimeShare: Double?
    /// The median hours from creation to resolution of the requests finished.
    public let medianHoursToClose: Double?
    /// The mean age in hours of the requests still open at the end; `nil` when none is.
    public let backlogMeanAgeHours: Double?
}
