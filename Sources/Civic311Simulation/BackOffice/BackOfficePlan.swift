import Civic311

/// How the departments work the service requests of a simulated call day.
///
/// Each department has a crew that completes a fixed number of requests per working day of the
/// department's business calendar (the calendar its service levels are measured on), evenly spread
/// over the day's open hours. A crew takes the next request in ``order`` among those already
/// received; requests routed to an external agency are closed as referred to it instead.
public struct BackOfficePlan: Sendable, Hashable {
    /// The days simulated, counted from the call day itself.
    public var days: Int
    /// The order crews take requests in.
    public var order: WorkOrder
    /// Requests completed per working day, by department; departments without an entry get a
    /// capacity derived from their volume (see ``clearingDays``).
    public var dailyCapacity: [DepartmentID: Int]
    /// For a department without an explicit capacity: the number of its working days its crew needs
    /// to clear the call day's requests, so its capacity is `ceil(requests ÷ clearingDays)`.
    public var clearingDays: Double
    /// Whether the center's escalation rules are evaluated at the end of every simulated day.
    public var evaluatesEscalations: Bool

    /// The most requests a crew may complete in a working day: each is a slot of the day.
    public static let capacityLimit = 1_000_000

    /// Creates a plan.
    ///
    /// - Parameters:
    ///   - days: the days simulated, from the call day (1–60).
    ///   - order: the order crews take requests in.
    ///   - dailyCapacity: requests per working day by department, overriding the derived capacity.
    ///   - clearingDays: working days a department needs to clear the call day's requests.
    ///   - evaluatesEscalations: whether escalation rules run at the end of each day.
    /// - Throws: ``SimulationError`` when `days` is outside 1–60, a capacity is negative or above
    ///   ``capacityLimit``, or `clearingDays` is not a positive finite number.
    public init(
        days: Int = 5,
        order: WorkOrder = .soonestDue,
        dailyCapacity: [DepartmentID: Int] = [:],
        clearingDays: Double = 3,
        evaluatesEscalations: Bool = false
    ) throws(SimulationError) {
        self.days = days
        self.order = order
        self.dailyCapacity = dailyCapacity
        self.clearingDays = clearingDays
        self.evaluatesEscalations = evaluatesEscalations
        try validate()
    }

    /// Checks the fields, which are variables and may have changed since `init`.
    func validate() throws(SimulationError) {
        guard (1...60).contains(days) else {
            throw SimulationError(.outOfRange, field: "days", reason: "must lie between 1 and 60, got \(days)")
        }
        for (department, capacity) in dailyCapacity.sorted(by: { $0.key < $1.key })
        where !(0...Self.capacityLimit).contains(capacity) {
            throw SimulationError(
                .outOfRange,
                field: "dailyCapacity[\(department)]",
                reason: "must lie between 0 and \(Self.capacityLimit), got \(capacity)"
            )
        }
        try SimulationError.requirePositive(clearingDays, "clearingDays")
    }
}
