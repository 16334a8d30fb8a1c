import Civic311
import Foundation

/// The measures of a finished call day: KPIs from the contact records, the plan against the
/// simulated intervals, and compliance and backlog from the requests in the store.
struct CallDayMeasures {
    let kpis: ContactCenterKPIs
    let intervals: [IntervalComparison]
    let departments: [DepartmentPerformance]
    let backlog: [BacklogSnapshot]
    let compliance: ComplianceReport

    init(
        simulation: CallDaySimulation,
        start: Date,
        day: FrontOfficeResult,
        requests: [ServiceRequest],
        backOffice: BackOfficeRun.Summary
    ) {
        let scenario = simulation.scenario
        let threshold = scenario.planningTarget.answerWithin
        let totals = day.totals
        kpis = ContactCenterKPIs(
            records: day.contacts,
            staffedAgentSeconds: totals.staffedAgentSeconds,
            busyAgentSeconds: totals.busyAgentSeconds,
            serviceLevelThreshold: threshold,
            shortAbandons: scenario.shortAbandons,
            costs: scenario.costs
        )
        intervals = Self.comparisons(simulation: simulation, day: day)

        // Backlog and compliance over the back-office days, from the store's snapshots.
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = scenario.jurisdiction.timeZone
        let days = scenario.backOffice.days
        let dayEnds = (1...days).map { calendar.date(byAdding: .day, value: $0, to: start) ?? start }
        let end = dayEnds.last ?? start
        compliance = ComplianceReport(
            requests: requests,
            period: DateInterval(start: start, end: end),
            asOf: end,
            engine: scenario.serviceLevels
        )
        let position = Dictionary(
            uniqueKeysWithValues: backOffice.departments.enumerated().map { ($0.element, $0.offset) }
        )
        var snapshots: [BacklogSnapshot] = []
        var finalAge = Array(repeating: 0.0, count: position.count)
        for (index, instant) in dayEnds.enumerated() {
            var open = 0
            var finished = 0
            var age = 0.0
            var oldest = 0.0
            var openByDepartment = Array(repeating: 0, count: position.count)
            var ageByDepartment = Array(repeating: 0.0, count: position.count)
            for request in requests where request.createdAt <= instant {
                if let done = request.resolvedAt ?? request.closedAt, done <= instant {
                    finished += 1
                    continue
                }
                let hours = instant.timeIntervalSince(request.createdAt) / 3_600
                open += 1
                age += hours
                oldest = max(oldest, hours)
                if let slot = position[request.department] {
                    openByDepartment[slot] += 1
                    ageByDepartment[slot] += hours
                }
            }
            snapshots.append(
                BacklogSnapshot(
                    day: index + 1,
                    time: instant.timeIntervalSince(start),
                    open: open,
                    openByDepartment: openByDepartment,
                    meanAgeHours: open > 0 ? age / Double(open) : nil,
                    oldestAgeHours: open > 0 ? oldest : nil,
                    finished: finished
                )
            )
            if index == dayEnds.count - 1 { finalAge = ageByDepartment }
        }
        backlog = snapshots
        let rows = Dictionary(
            uniqueKeysWithValues: compliance.departments.compactMap { row in
                row.department.map { ($0, row) }
            }
        )
        let lastOpen = snapshots.last?.openByDepartment ?? Array(repeating: 0, count: position.count)
        departments = backOffice.departments.enumerated().map { index, id in
            let unit = scenario.jurisdiction.department(id)
            let row = rows[id]
            let open = lastOpen[index]
            return DepartmentPerformance(
                department: id,
                name: unit?.name ?? id.rawValue,
                isExternalAgency: unit?.kind == .externalAgency,
                received: backOffice.received[index],
                dailyCapacity: backOffice.capacity[index],
                finished: backOffice.received[index] - open,
                open: open,
                met: row?.met ?? 0,
                closedLate: row?.closedLate ?? 0,
                openOverdue: row?.openOverdue ?? 0,
                onTimeShare: row?.onTimeShare,
                medianHoursToClose: row?.medianHoursToClose,
                backlogMeanAgeHours: open > 0 ? finalAge[index] / Double(open) : nil
            )
        }
    }

    /// Plan against simulation per interval; records are in arrival order, so each interval's
    /// contacts are one slice.
    private static func comparisons(simulation: CallDaySimulation, day: FrontOfficeResult) -> [IntervalComparison] {
        let scenario = simulation.scenario
        let length = scenario.interval.seconds
        let records = day.contacts
        var result: [IntervalComparison] = []
        result.reserveCapacity(simulation.plan.intervals.count)
        var lower = 0
        for (index, requirement) in simulation.plan.intervals.enumerated() {
            let isLast = index == simulation.plan.intervals.count - 1
            var upper = lower
            while upper < records.count, isLast || records[upper].arrivedAt < Double(index + 1) * length {
                upper += 1
            }
            let statistics = index < day.intervals.count ? day.intervals[index] : nil
            let scheduled = simulation.scheduledAgents[index]
            let forecast = simulation.forecast[index]
            var predictedLevel = 1.0
            var predictedSpeed = 0.0
            if requirement.offeredLoad > 0,
                let model = try? ErlangC(
                    agents: scheduled,
                    offeredLoad: requirement.offeredLoad,
                    averageHandleTime: forecast.averageHandleTime
                )
            {
                predictedLevel = model.unvalidatedServiceLevel(answeredWithin: scenario.planningTarget.answerWithin)
                predictedSpeed = model.averageSpeedOfAnswer
            }
            result.append(
                IntervalComparison(
                    start: Double(index) * length,
                    length: length,
                    forecastCalls: forecast.calls,
                    forecastHandleTime: forecast.averageHandleTime,
                    recommendedAgents: requirement.agents,
                    scheduledAgents: scheduled,
                    predictedServiceLevel: predictedLevel,
                    predictedAverageSpeedOfAnswer: predictedSpeed,
                    simulated: ContactCenterKPIs(
                        records: records[lower..<upper],
                        staffedAgentSeconds: statistics?.staffedAgentSeconds ?? 0,
                        busyAgentSeconds: statistics?.busyAgentSeconds ?? 0,
                        serviceLevelThreshold: scenario.planningTarget.answerWithin,
                        shortAbandons: scenario.shortAbandons,
                        costs: scenario.costs
                    )
                )
            )
            lower = upper
        }
        return result
    }
}
