import Civic311
import Civic311Simulation
import Foundation
import Testing

/// The engine against queueing theory. The fast tests use short runs and wide tolerances; set
/// `CIVIC311_LONG_TESTS=1` for long runs with tight tolerances.
@Suite struct MultiServerQueueModelTests {
    private static let long = ProcessInfo.processInfo.environment["CIVIC311_LONG_TESTS"] == "1"

    @Test func oneOneOneCallCenterLooksLikeTheSimPyPeer() {
        // SimPy peer, 30 replications: median mean wait 3.25 min (5th–95th 1.83–4.73), utilization 0.93.
        let model = MultiServerQueueModel.oneOneOneCallCenter
        var waits: [Double] = []
        var utilizations: [Double] = []
        for seed in 0..<30 {
            let result = model.run(seed: UInt64(seed))
            waits.append(result.meanWait / 60)
            utilizations.append(result.operatorUtilization)
            #expect(result.abandoned == 0)
            #expect(abs(Double(result.arrivals) - 1_666.7) < 5 * 1_666.7.squareRoot())
        }
        waits.sort()
        utilizations.sort()
        let medianWait = (waits[14] + waits[15]) / 2
        let medianUtilization = (utilizations[14] + utilizations[15]) / 2
        #expect(medianWait > 2.5 && medianWait < 4.0)
        #expect(medianUtilization > 0.91 && medianUtilization < 0.96)
    }

    @Test func sameSeedSameRunDifferentSeedDifferentRun() {
        let model = MultiServerQueueModel.oneOneOneCallCenter
        #expect(model.run(seed: 5) == model.run(seed: 5))
        #expect(model.run(seed: 5) != model.run(seed: 6))
    }

    @Test func mmnAgreesWithErlangC() throws {
        // 400 calls/h at 180 s: 20 erlangs on 23 agents, P(wait) = 0.4157, ASA = 24.9 s.
        let hours = Self.long ? 25_000.0 : 800
        let model = try MultiServerQueueModel(
            arrivalsPerHour: 400,
            servers: 23,
            serviceTime: .exponential(mean: 180),
            duration: hours * 3600,
            warmUp: 3_600
        )
        let theory = try ErlangC(agents: 23, offeredLoad: 20, averageHandleTime: 180)
        var waiting: [Double] = []
        var speed: [Double] = []
        var levels: [Double] = []
        for seed in 0..<(Self.long ? 2 : 1) {
            let result = model.run(seed: UInt64(seed))
            waiting.append(result.probabilityOfWaiting)
            speed.append(result.meanWait)
            levels.append(result.serviceLevel)
        }
        let meanWaiting = waiting.reduce(0, +) / Double(waiting.count)
        let meanSpeed = speed.reduce(0, +) / Double(speed.count)
        let meanLevel = levels.reduce(0, +) / Double(levels.count)
        let tolerance = Self.long ? 0.005 : 0.04
        #expect(abs(meanWaiting - theory.probabilityOfWaiting) < tolerance)
        #expect(abs(meanSpeed / theory.averageSpeedOfAnswer - 1) < (Self.long ? 0.03 : 0.2))
        #expect(abs(meanLevel - (try theory.serviceLevel(answeredWithin: 20))) < tolerance)
    }

    @Test func mmnPlusMAgreesWithErlangA() throws {
        // 100 calls per 30 min at 180 s, patience 120 s, 11 agents (the first Erlang A reference case).
        let hours = Self.long ? 30_000.0 : 1_000
        let model = try MultiServerQueueModel(
            arrivalsPerHour: 200,
            servers: 11,
            serviceTime: .exponential(mean: 180),
            patience: .exponential(mean: 120),
            duration: hours * 3600,
            warmUp: 3_600
        )
        let theory = try ErlangA(agents: 11, arrivalRate: 200.0 / 3600, averageHandleTime: 180, averagePatience: 120)
        let result = model.run(seed: 17)
        let tolerance = Self.long ? 0.003 : 0.02
        #expect(abs(result.abandonmentRate - theory.probabilityOfAbandonment) < tolerance)
        #expect(abs(result.serviceLevel - (try theory.serviceLevel(answeredWithin: 20))) < tolerance)
        #expect(abs(result.probabilityOfWaiting - theory.probabilityOfWaiting) < tolerance)
        #expect(result.delayedShareOfAnswered < result.probabilityOfWaiting)
        #expect(abs(result.averageTimeInQueue / theory.averageTimeInQueue - 1) < (Self.long ? 0.02 : 0.1))
    }

    @Test func rejectsBadInput() {
        let servers = #expect(throws: SimulationError.self) {
            try MultiServerQueueModel(arrivalsPerHour: 10, servers: 0, serviceTime: .fixed(1), duration: 10)
        }
        #expect(servers?.field == "servers")
        let service = #expect(throws: SimulationError.self) {
            try MultiServerQueueModel(
                arrivalsPerHour: 10,
                servers: 1,
                serviceTime: .exponential(mean: -1),
                duration: 10
            )
        }
        #expect(service?.field == "serviceTime.mean")
        #expect(throws: SimulationError.self) {
            try MultiServerQueueModel(arrivalsPerHour: -10, servers: 1, serviceTime: .fixed(1), duration: 10)
        }
        #expect(throws: SimulationError.self) {
            try MultiServerQueueModel(arrivalsPerHour: 10, servers: 1, serviceTime: .fixed(1), duration: 0)
        }
    }
}
