import Civic311

extension AgentSchedule {
    /// Shifts that put exactly `plan.intervals[i].agents` agents on the phones in every interval `i`.
    ///
    /// Walking the plan in order, a rise opens new shifts at the interval's start and a fall closes the
    /// most recently opened ones, so the early shifts are the long ones. Shrinkage is not rostered: the
    /// plan's agents are the people on the phones, without breaks.
    ///
    /// - Parameters:
    ///   - plan: the staffing plan.
    ///   - offset: the simulation time of the plan's first interval, in seconds.
    ///   - skills: skills given to every agent.
    public static func roster(
        for plan: StaffingPlan,
        startingAt offset: Double = 0,
        skills: [String] = []
    ) -> [AgentSchedule] {
        let length = plan.intervalLength.seconds
        var shifts: [AgentSchedule] = []
        var open: [Double] = []  // start times of the open shifts, oldest first
        for (index, requirement) in plan.intervals.enumerated() {
            let time = offset + Double(index) * length
            while open.count > requirement.agents {
                shifts.append(AgentSchedule(shiftStart: open.removeLast(), shiftEnd: time, skills: skills))
            }
            while open.count < requirement.agents { open.append(time) }
        }
        let end = offset + Double(plan.intervals.count) * length
        while let start = open.popLast() {
            shifts.append(AgentSchedule(shiftStart: start, shiftEnd: end, skills: skills))
        }
        return shifts.sorted { ($0.shiftStart, $0.shiftEnd) < ($1.shiftStart, $1.shiftEnd) }
    }
}
