import Civic311
import Civic311Simulation
import Testing

/// Erlang A against an independent 80-digit computation (mpmath): the truncated birth–death chain and,
/// for the service level, the hypoexponential sum with coefficients Π r_m/(r_m − r_i), the method the
/// reference describes, which this implementation does not use.
@Suite struct ErlangATests {
    private struct Case: Sendable {
        let agents: Int
        let arrivalRate: Double
        let handleTime: Double
        let patience: Double
        let threshold: Double
        let waiting: Double
        let abandonment: Double
        let speedOfAnswer: Double
        let occupancy: Double
        let serviceLevel: Double
    }

    private static let cases: [Case] = [
        Case(
            agents: 11,
            arrivalRate: 100.0 / 1800,
            handleTime: 180,
            patience: 120,
            threshold: 20,
            waiting: 0.38281649147993189,
            abandonment: 0.09415503423745643,
            speedOfAnswer: 11.298604108494772,
            occupancy: 0.82349542342049408,
            serviceLevel: 0.74220898438938934
        ),
        Case(
            agents: 14,
            arrivalRate: 100.0 / 1800,
            handleTime: 180,
            patience: 120,
            threshold: 20,
            waiting: 0.12697634007979531,
            abandonment: 0.022839286531818758,
            speedOfAnswer: 2.7407143838182509,
            occupancy: 0.69797193819155796,
            serviceLevel: 0.9327295806980597
        ),
        Case(
            agents: 10,
            arrivalRate: 100.0 / 1800,
            handleTime: 180,
            patience: 300,
            threshold: 20,
            waiting: 0.59943331802813805,
            abandonment: 0.10943799955850189,
            speedOfAnswer: 32.831399867550564,
            occupancy: 0.89056200044149803,
            serviceLevel: 0.51681016864026908
        ),
        Case(
            agents: 8,
            arrivalRate: 100.0 / 1800,
            handleTime: 180,
            patience: 60,
            threshold: 30,
            waiting: 0.62517906573953106,
            abandonment: 0.27835286158343516,
            speedOfAnswer: 16.70117169500611,
            occupancy: 0.90205892302070596,
            serviceLevel: 0.58510816513106279
        ),
        Case(
            agents: 25,
            arrivalRate: 200.0 / 1800,
            handleTime: 180,
            patience: 600,
            threshold: 60,
            waiting: 0.18367298237611514,
            abandonment: 0.0080382902727301381,
            speedOfAnswer: 4.8229741636380826,
            occupancy: 0.79356936778181582,
            serviceLevel: 0.9749017013494969
        ),
    ]

    @Test(arguments: cases.indices)
    func agreesWithIndependentHighPrecisionSolution(_ index: Int) throws {
        let reference = Self.cases[index]
        let model = try ErlangA(
            agents: reference.agents,
            arrivalRate: reference.arrivalRate,
            averageHandleTime: reference.handleTime,
            averagePatience: reference.patience
        )
        #expect(abs(model.probabilityOfWaiting - reference.waiting) < 1e-12)
        #expect(abs(model.probabilityOfAbandonment - reference.abandonment) < 1e-12)
        #expect(abs(model.averageTimeInQueue / reference.speedOfAnswer - 1) < 1e-11)
        #expect(abs(model.occupancy - reference.occupancy) < 1e-12)
        #expect(abs(try model.serviceLevel(answeredWithin: reference.threshold) - reference.serviceLevel) < 1e-12)
    }

    @Test func longPatienceApproachesErlangC() throws {
        let erlangC = try ErlangC(agents: 12, offeredLoad: 10, averageHandleTime: 180)
        let erlangA = try ErlangA(agents: 12, arrivalRate: 100.0 / 1800, averageHandleTime: 180, averagePatience: 1e7)
        #expect(abs(erlangA.probabilityOfWaiting - erlangC.probabilityOfWaiting) < 1e-4)
        #expect(abs(erlangA.averageTimeInQueue / erlangC.averageSpeedOfAnswer - 1) < 1e-3)
        #expect(abs(try erlangA.serviceLevel(answeredWithin: 20) - erlangC.serviceLevel(answeredWithin: 20)) < 1e-4)
    }

    @Test func serviceLevelLimits() throws {
        let model = try ErlangA(agents: 11, arrivalRate: 100.0 / 1800, averageHandleTime: 180, averagePatience: 120)
        #expect(abs(try model.serviceLevel(answeredWithin: 0) - model.probabilityOfImmediateAnswer) < 1e-15)
        // Waiting long enough, everyone who does not hang up is answered.
        #expect(abs(try model.serviceLevel(answeredWithin: 1e6) - (1 - model.probabilityOfAbandonment)) < 1e-12)
        var previous = 0.0
        for threshold in stride(from: 0.0, through: 600, by: 30) {
            let level = try model.serviceLevel(answeredWithin: threshold)
            #expect(level >= previous)
            previous = level
        }
    }

    @Test func largeCenterStaysFiniteAndConsistent() throws {
        // 10,000 agents, 2% overload, one-minute patience: the queue is large but abandonment bounds it.
        let model = try ErlangA(
            agents: 10_000,
            arrivalRate: 10_200.0 / 300,
            averageHandleTime: 300,
            averagePatience: 60
        )
        #expect(model.probabilityOfWaiting > 0.5 && model.probabilityOfWaiting <= 1)
        // Flow balance: the excess load must leave by abandonment, so P(ab) ≥ 1 − N/A.
        #expect(model.probabilityOfAbandonment >= 1 - 10_000.0 / 10_200 - 1e-9)
        #expect(model.occupancy <= 1)
        let level = try model.serviceLevel(answeredWithin: 20)
        #expect(level > 0 && level < 1)
    }

    @Test func noAgentsMeansNobodyIsAnswered() throws {
        let model = try ErlangA(agents: 0, arrivalRate: 0.1, averageHandleTime: 180, averagePatience: 60)
        #expect(model.probabilityOfWaiting == 1)
        #expect(abs(model.probabilityOfAbandonment - 1) < 1e-12)
        #expect(try model.serviceLevel(answeredWithin: 20) == 0)
    }

    @Test func rejectsBadInput() {
        let patience = #expect(throws: SimulationError.self) {
            try ErlangA(agents: 3, arrivalRate: 0.1, averageHandleTime: 180, averagePatience: 0)
        }
        #expect(patience?.field == "averagePatience")
        #expect(throws: SimulationError.self) {
            try ErlangA(agents: 3, arrivalRate: -0.1, averageHandleTime: 180, averagePatience: 60)
        }
        #expect(throws: SimulationError.self) {
            try ErlangA(agents: -3, arrivalRate: 0.1, averageHandleTime: 180, averagePatience: 60)
        }
    }
}
