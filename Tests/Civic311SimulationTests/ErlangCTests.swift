import Civic311
import Civic311Simulation
import Foundation
import Testing

/// Reference cases from research/erlang-reference.md. C1–C4 are published values that agree with an
/// independent computation; C7–C9 and C11 are published values that are WRONG (an off-by-one in the
/// publisher's Erlang B loop), so these tests assert the true values and that the wrong ones are not
/// reproduced.
@Suite struct ErlangCTests {
    private struct Case: Sendable {
        let name: String
        let agents: Int
        let probabilityOfWaiting: Double
        let serviceLevel: Double
        let averageSpeedOfAnswer: Double
        let occupancy: Double
    }

    // 100 calls per 30 minutes at 180 s: 10 erlangs, threshold 20 s.
    private static let publishedCases: [Case] = [
        Case(
            name: "C1",
            agents: 11,
            probabilityOfWaiting: 0.6821182,
            serviceLevel: 0.3896138,
            averageSpeedOfAnswer: 122.78127684408,
            occupancy: 0.9090909
        ),
        Case(
            name: "C2",
            agents: 12,
            probabilityOfWaiting: 0.4493882,
            serviceLevel: 0.640158,
            averageSpeedOfAnswer: 40.4449401868444,
            occupancy: 0.8333333
        ),
        Case(
            name: "C3",
            agents: 13,
            probabilityOfWaiting: 0.2852705,
            serviceLevel: 0.7955948,
            averageSpeedOfAnswer: 17.1162271821896,
            occupancy: 0.7692308
        ),
        Case(
            name: "C4",
            agents: 14,
            probabilityOfWaiting: 0.1741319,
            serviceLevel: 0.88835002,
            averageSpeedOfAnswer: 7.83593701177724,
            occupancy: 0.71428571
        ),
    ]

    @Test(arguments: publishedCases.indices)
    func publishedCasesAgreeToSevenDigits(_ index: Int) throws {
        let reference = Self.publishedCases[index]
        let workload = try IntervalWorkload(calls: 100, interval: .thirtyMinutes, averageHandleTime: 180)
        #expect(workload.offeredLoad == 10)
        let model = try ErlangC(agents: reference.agents, workload: workload)
        #expect(abs(model.probabilityOfWaiting - reference.probabilityOfWaiting) < 5e-8, "\(reference.name)")
        #expect(abs(try model.serviceLevel(answeredWithin: 20) - reference.serviceLevel) < 5e-7, "\(reference.name)")
        #expect(abs(model.occupancy - reference.occupancy) < 5e-8, "\(reference.name)")
        // ASA was published with 15 significant digits: agree to 1e-10 relative.
        #expect(abs(model.averageSpeedOfAnswer / reference.averageSpeedOfAnswer - 1) < 1e-10, "\(reference.name)")
        #expect(abs(model.averageQueueLength - model.averageSpeedOfAnswer * workload.arrivalRate) < 1e-12)
    }

    @Test func caseC4ImmediateAnswer() throws {
        let model = try ErlangC(agents: 14, offeredLoad: 10, averageHandleTime: 180)
        #expect(abs(model.probabilityOfImmediateAnswer - 0.82586807) < 5e-9)
        #expect(abs(model.averageWaitOfDelayedCalls - 45) < 1e-12)
    }

    @Test func caseC4StaffingGivesFourteenAgentsAndTwentyPositions() throws {
        let workload = try IntervalWorkload(calls: 100, interval: .thirtyMinutes, averageHandleTime: 180)
        let target = try ServiceLevelTarget(serviceLevel: 0.8, answerWithin: 20, maximumOccupancy: 0.85, shrinkage: 0.3)
        let requirement = try StaffingRequirement(workload: workload, target: target)
        #expect(requirement.agents == 14)
        #expect(requirement.positions == 20)
        #expect(abs(requirement.serviceLevel - 0.88835002) < 5e-8)
        #expect(requirement.occupancy <= 0.85)
    }

    @Test func occupancyCeilingCanBindBeforeServiceLevel() throws {
        let workload = try IntervalWorkload(calls: 100, interval: .thirtyMinutes, averageHandleTime: 180)
        // 80/20 alone needs 14; an occupancy ceiling of 0.65 needs ceil(10/0.65) = 16.
        let target = try ServiceLevelTarget(serviceLevel: 0.8, answerWithin: 20, maximumOccupancy: 0.65)
        let requirement = try StaffingRequirement(workload: workload, target: target)
        #expect(requirement.agents == 16)
        #expect(requirement.positions == 16)
        // A ceiling met exactly (10/12.5 would need 12.5; 10/0.8 = 12.5 → 13) and a whole quotient.
        let exact = try StaffingRequirement(
            workload: workload,
            target: ServiceLevelTarget(serviceLevel: 0.01, answerWithin: 20, maximumOccupancy: 0.5)
        )
        #expect(exact.agents == 20)
    }

    @Test func caseC7TrueValueNotThePublishedOne() throws {
        let model = try ErlangC(agents: 25, offeredLoad: 20, averageHandleTime: 180)
        #expect(abs(model.probabilityOfWaiting - 0.2091028266) < 1e-9)
        #expect(abs(model.probabilityOfWaiting - 0.261) > 0.01)
    }

    @Test func caseC8TrueValueNotThePublishedOne() throws {
        let workload = try IntervalWorkload(calls: 200, interval: .thirtyMinutes, averageHandleTime: 180)
        let model = try ErlangC(agents: 25, workload: workload)
        #expect(abs(model.averageSpeedOfAnswer - 7.527701757558) < 1e-9)
        #expect(abs(model.averageSpeedOfAnswer - 9.410) > 0.5)
    }

    @Test func caseC9TrueValueNotThePublishedOne() throws {
        let workload = try IntervalWorkload(calls: 200, interval: .sixtyMinutes, averageHandleTime: 180)
        let model = try ErlangC(agents: 25, workload: workload)
        let level = try model.serviceLevel(answeredWithin: 60)
        #expect(abs(level - 0.999999671311094) < 1e-13)
        #expect(abs(level - 0.9999992) > 1e-7)
    }

    @Test func caseC11TrueBlockingNotThePublishedOne() throws {
        let model = try ErlangB(servers: 200, offeredLoad: 180)
        #expect(abs(model.blockingProbability - 0.0103249952049823) < 1e-14)
        #expect(abs(model.blockingProbability - 0.012) > 0.001)
        // The published occupancy(23, 20) is A/N and does agree.
        #expect(abs(try ErlangC(agents: 23, offeredLoad: 20, averageHandleTime: 1).occupancy - 0.870) < 5e-4)
    }

    @Test func erlangBSmallCasesByHand() throws {
        #expect(try ErlangB(servers: 0, offeredLoad: 3).blockingProbability == 1)
        #expect(try ErlangB(servers: 1, offeredLoad: 1).blockingProbability == 0.5)
        // B(2, 1) = (1/2) / (1 + 1 + 1/2) = 0.2
        #expect(abs(try ErlangB(servers: 2, offeredLoad: 1).blockingProbability - 0.2) < 1e-15)
        #expect(try ErlangB(servers: 5, offeredLoad: 0).blockingProbability == 0)
    }

    @Test func stableAtTenThousandAgentsAndBeyond() throws {
        // Independent 60-digit values (mpmath, direct factorial sums).
        let blocking = try ErlangB(servers: 10_000, offeredLoad: 9_900).blockingProbability
        #expect(abs(blocking / 0.0028581267388565864 - 1) < 1e-11)
        let waiting = try ErlangC(agents: 10_100, offeredLoad: 10_000, averageHandleTime: 300).probabilityOfWaiting
        #expect(abs(waiting / 0.22476290646653222 - 1) < 1e-11)
        let nearCapacity = try ErlangC(agents: 10_000, offeredLoad: 9_900, averageHandleTime: 300)
        #expect(abs(nearCapacity.probabilityOfWaiting / 0.22277692886414824 - 1) < 1e-11)
        // Halfin–Whitt: with N = A + β√A, P(wait) → 1 / (1 + βΦ(β)/φ(β)); β = 1 gives 0.2234.
        let million = try ErlangC(agents: 1_001_000, offeredLoad: 1_000_000, averageHandleTime: 300)
        #expect(abs(million.probabilityOfWaiting - 0.22339) < 2e-3)
        #expect(million.averageSpeedOfAnswer.isFinite && million.averageSpeedOfAnswer > 0)
    }

    @Test func staffingAtTenThousandErlangs() throws {
        let workload = try IntervalWorkload(calls: 60_000, interval: .thirtyMinutes, averageHandleTime: 300)
        #expect(workload.offeredLoad == 10_000)
        let target = try ServiceLevelTarget(serviceLevel: 0.8, answerWithin: 20, shrinkage: 0.35)
        let requirement = try StaffingRequirement(workload: workload, target: target)
        let below = try ErlangC(agents: requirement.agents - 1, workload: workload)
        #expect(try below.serviceLevel(answeredWithin: 20) < 0.8)
        #expect(requirement.serviceLevel >= 0.8)
        #expect(requirement.agents > 10_000 && requirement.agents < 10_200)
        #expect(requirement.positions == Int((Double(requirement.agents) / 0.65).rounded(.up)))
    }

    @Test func unstableQueuesAreReportedAsSuch() throws {
        for agents in [0, 5, 10] {
            let model = try ErlangC(agents: agents, offeredLoad: 10, averageHandleTime: 180)
            #expect(!model.isStable)
            #expect(model.probabilityOfWaiting == 1)
            #expect(try model.serviceLevel(answeredWithin: 20) == 0)
            #expect(model.averageSpeedOfAnswer == .infinity)
            #expect(model.averageQueueLength == .infinity)
            #expect(model.occupancy == 1)
        }
        let idle = try ErlangC(agents: 3, offeredLoad: 0, averageHandleTime: 180)
        #expect(idle.isStable && idle.probabilityOfWaiting == 0 && idle.averageSpeedOfAnswer == 0)
    }

    @Test func serviceLevelAtZeroSecondsIsImmediateAnswer() throws {
        let model = try ErlangC(agents: 12, offeredLoad: 10, averageHandleTime: 180)
        #expect(abs(try model.serviceLevel(answeredWithin: 0) - model.probabilityOfImmediateAnswer) < 1e-15)
    }

    @Test func rejectsBadInput() {
        let volume = #expect(throws: SimulationError.self) {
            try IntervalWorkload(calls: -1, interval: .fifteenMinutes, averageHandleTime: 180)
        }
        #expect(volume?.code == .outOfRange)
        #expect(volume?.field == "calls")
        let nan = #expect(throws: SimulationError.self) {
            try IntervalWorkload(calls: .nan, interval: .fifteenMinutes, averageHandleTime: 180)
        }
        #expect(nan?.code == .invalidValue)
        let interval = #expect(throws: SimulationError.self) {
            try IntervalWorkload(calls: 10, intervalLength: 0, averageHandleTime: 180)
        }
        #expect(interval?.field == "intervalLength")
        let handle = #expect(throws: SimulationError.self) {
            try IntervalWorkload(calls: 10, interval: .sixtyMinutes, averageHandleTime: 0)
        }
        #expect(handle?.field == "averageHandleTime")
        #expect(throws: SimulationError.self) { try ErlangC(agents: -1, offeredLoad: 1, averageHandleTime: 1) }
        #expect(throws: SimulationError.self) { try ErlangC(agents: 1, offeredLoad: .infinity, averageHandleTime: 1) }
        #expect(throws: SimulationError.self) { try ErlangB(servers: 1, offeredLoad: -0.5) }
        let threshold = #expect(throws: SimulationError.self) {
            try ErlangC(agents: 12, offeredLoad: 10, averageHandleTime: 180).serviceLevel(answeredWithin: -1)
        }
        #expect(threshold?.field == "answeredWithin")
        #expect(throws: SimulationError.self) { try ServiceLevelTarget(serviceLevel: 1, answerWithin: 20) }
        #expect(throws: SimulationError.self) {
            try ServiceLevelTarget(serviceLevel: 0.8, answerWithin: 20, shrinkage: 1)
        }
        #expect(throws: SimulationError.self) {
            try ServiceLevelTarget(serviceLevel: 0.8, answerWithin: 20, maximumOccupancy: 0)
        }
    }

    @Test func zeroVolumeIntervalNeedsNobody() throws {
        let workload = try IntervalWorkload(calls: 0, interval: .fifteenMinutes, averageHandleTime: 0)
        let requirement = try StaffingRequirement(
            workload: workload,
            target: ServiceLevelTarget(serviceLevel: 0.8, answerWithin: 20, shrinkage: 0.3)
        )
        #expect(requirement.agents == 0 && requirement.positions == 0)
    }
}
