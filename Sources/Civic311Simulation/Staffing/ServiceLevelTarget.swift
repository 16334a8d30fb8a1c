import Civic311

/// A staffing goal: answer a share of calls within a time, keep agents below an occupancy ceiling,
/// and allow for shrinkage when turning agents on the phones into scheduled positions.
///
/// "80/20 with occupancy at most 85% and 30% shrinkage" is
/// `ServiceLevelTarget(serviceLevel: 0.8, answerWithin: 20, maximumOccupancy: 0.85, shrinkage: 0.3)`.
public struct ServiceLevelTarget: Sendable, Hashable {
    /// The share of calls to answer within ``answerWithin``, in `(0, 1)`.
    public let serviceLevel: Double
    /// The answer-time threshold in seconds.
    public let answerWithin: Double
    /// The highest acceptable occupancy `A/N`, in `(0, 1]`; 1 means no ceiling.
    public let maximumOccupancy: Double
    /// The share of paid time agents are not available for calls (breaks, training, absence), in `[0, 1)`.
    public let shrinkage: Double

    /// Creates a target.
    ///
    /// - Throws: ``SimulationError`` when `serviceLevel` is not strictly between 0 and 1, `answerWithin`
    ///   is negative or not finite, `maximumOccupancy` is not in `(0, 1]`, or `shrinkage` is not in `[0, 1)`.
    public init(
        serviceLevel: Double,
        answerWithin: Double,
        maximumOccupancy: Double = 1,
        shrinkage: Double = 0
    ) throws(SimulationError) {
        try SimulationError.requireFinite(serviceLevel, "serviceLevel")
        guard serviceLevel > 0, serviceLevel < 1 else {
            throw SimulationError(
                .outOfRange,
                field: "serviceLevel",
                reason: "must lie strictly between 0 and 1, got \(serviceLevel)"
            )
        }
        try SimulationError.requireNonNegative(answerWithin, "answerWithin")
        try SimulationError.requirePositive(maximumOccupancy, "maximumOccupancy")
        guard maximumOccupancy <= 1 else {
            throw SimulationError(
                .outOfRange,
                field: "maximumOccupancy",
                reason: "must not exceed 1, got \(maximumOccupancy)"
            )
        }
        try SimulationError.requireNonNegative(shrinkage, "shrinkage")
        guard shrinkage < 1 else {
            throw SimulationError(.outOfRange, field: "shrinkage", reason: "must be below 1, got \(shrinkage)")
        }
        self.serviceLevel = serviceLevel
        self.answerWithin = answerWithin
        self.maximumOccupancy = maximumOccupancy
        self.shrinkage = shrinkage
    }

    /// Scheduled positions for `agents` on the phones: `ceil(agents / (1 − shrinkage))`.
    ///
    /// - Throws: ``SimulationError`` when `agents` is negative or more than
    ///   ``StaffingRequirement/agentLimit`` (field `"agents"`), or when the positions would not fit in
    ///   an `Int` (field `"positions"`: a shrinkage within 10^-12 of 1).
    public func positions(forAgents agents: Int) throws(SimulationError) -> Int {
        guard (0...StaffingRequirement.agentLimit).contains(agents) else {
            throw SimulationError(
                .outOfRange,
                field: "agents",
                reason: "must lie between 0 and \(StaffingRequirement.agentLimit), got \(agents)"
            )
        }
        guard agents > 0 else { return 0 }
        let exact = Double(agents) / (1 - shrinkage)
        // 14 / (1 − 0.3) is 20.000000000000004 in binary floating point; a whole number must stay whole.
        let positions = (exact - exact * 1e-12).rounded(.up)
        // 2^62: every Double below it converts to an Int exactly.
        guard positions < 0x1p62 else {
            throw SimulationError(
                .outOfRange,
                field: "positions",
                reason:
                    "\(agents) agents at a shrinkage of \(shrinkage) need \(exact) positions, more than an Int holds"
            )
        }
        return Int(positions)
    }
}
