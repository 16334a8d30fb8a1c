import Civic311
import Civic311Simulation
import Testing

@Suite struct StaffingPlanTests {
    private let target = try! ServiceLevelTarget(
        serviceLevel: 0.8,
        answerWithin: 20,
        maximumOccupancy: 0.85,
        shrinkage: 0.3
    )

    @Test func plansEveryIntervalIndependently() throws {
        let forecast = [
            ForecastInterval(calls: 0, averageHandleTime: 0),
            ForecastInterval(calls: 100, averageHandleTime: 180),  // C4: 14 agents, 20 positions
            ForecastInterval(calls: 200, averageHandleTime: 180),
        ]
        let plan = try StaffingPlan(forecast: forecast, intervalLength: .thirtyMinutes, target: target)
        #expect(plan.intervals.map(\.agents)[0...1] == [0, 14])
        #expect(plan.intervals.map(\.positions)[0...1] == [0, 20])
        let third = try StaffingRequirement(
            workload: IntervalWorkload(calls: 200, interval: .thirtyMinutes, averageHandleTime: 180),
            target: target
        )
        #expect(plan.intervals[2] == third)
        #expect(plan.peakAgents == third.agents)
        #expect(plan.start(ofInterval: 2) == 3_600)
        #expect(plan.agentHours == Double(14 + third.agents) / 2)
    }

    @Test func sameVolumeNeedsFewerAgentsPerQuarterHourThanPerHour() throws {
        // 100 calls per 15 minutes is four times the rate of 100 calls per hour.
        let forecast = [ForecastInterval(calls: 100, averageHandleTime: 180)]
        let quarter = try StaffingPlan(forecast: forecast, intervalLength: .fifteenMinutes, target: target)
        let hour = try StaffingPlan(forecast: forecast, intervalLength: .sixtyMinutes, target: target)
        #expect(quarter.intervals[0].offeredLoad == 20)
        #expect(hour.intervals[0].offeredLoad == 5)
        #expect(quarter.intervals[0].agents > hour.intervals[0].agents)
    }

    @Test func namesTheBadInterval() {
        let forecast = [
            ForecastInterval(calls: 10, averageHandleTime: 180),
            ForecastInterval(calls: -3, averageHandleTime: 180),
        ]
        let error = #expect(throws: SimulationError.self) {
            try StaffingPlan(forecast: forecast, intervalLength: .fifteenMinutes, target: target)
        }
        #expect(error?.field == "forecast[1].calls")
        #expect(error?.code == .outOfRange)
        let nan = #expect(throws: SimulationError.self) {
            try StaffingPlan(
                forecast: [ForecastInterval(calls: 10, averageHandleTime: .nan)],
                intervalLength: .fifteenMinutes,
                target: target
            )
        }
        #expect(nan?.field == "forecast[0].averageHandleTime")
    }

    @Test func rosterPutsExactlyThePlannedAgentsOnThePhones() throws {
        let volumes: [Double] = [10, 40, 100, 100, 60, 0, 30]
        let plan = try StaffingPlan(
            forecast: volumes.map { ForecastInterval(calls: $0, averageHandleTime: 240) },
            intervalLength: .thirtyMinutes,
            target: target
        )
        let roster = AgentSchedule.roster(for: plan, startingAt: 3_600)
        for (index, requirement) in plan.intervals.enumerated() {
            let middle = 3_600 + (Double(index) + 0.5) * 1_800
            let onShift = roster.filter { $0.shiftStart <= middle && middle < $0.shiftEnd }.count
            #expect(onShift == requirement.agents, "interval \(index)")
        }
        #expect(roster.allSatisfy { $0.shiftEnd > $0.shiftStart && $0.breaks.isEmpty })
    }
}
