import Civic311
import Foundation

/// Everything a simulated call day produced: the contact-center KPIs, the staffing plan against the
/// simulated intervals, and the departments' service levels and backlog from the store.
///
/// Render it with ``jsonDocument()``, ``csvDocument()``, ``textReport()`` or ``htmlDocument()``.
public struct CallDayOutcome: Sendable {
    /// The seed of the run.
    public let seed: UInt64
    /// The scenario that was simulated.
    public let scenario: CallDayScenario
    /// Midnight at the start of the call day.
    public let start: Date
    /// The front office's records and per-interval statistics.
    public let frontOffice: FrontOfficeResult
    /// The day's contact-center KPIs.
    public let kpis: ContactCenterKPIs
    /// The Erlang C plan of the day's forecast.
    public let plan: StaffingPlan
    /// Plan against simulation, interval by interval.
    public let intervals: [IntervalComparison]
    /// Service requests the intake stored.
    public let serviceRequestsStored: Int
    /// General-information and referral contacts recorded in the store.
    public let contactsRecorded: Int
    /// Departments that received requests, in identifier order.
    public let departments: [DepartmentPerformance]
    /// The backlog at the end of each back-office day.
    public let backlog: [BacklogSnapshot]
    /// Service-level compliance over the simulated days, from the store.
    public let compliance: ComplianceReport
    /// Where the time went.
    public let timings: CallDayTimings

    /// The share of requests due in the period that met their service level, over all departments.
    public var onTimeShare: Double? { compliance.total.onTimeShare }
}
