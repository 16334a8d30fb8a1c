import Civic311
import Foundation
import Testing

@testable import Civic311Simulation

@Suite struct DistributionTests {
    private static func moments(
        _ distribution: Distribution,
        count: Int = 200_000,
        seed: UInt64 = 1
    ) -> (mean: Double, variance: Double, minimum: Double, maximum: Double) {
        var generator = Xoshiro256StarStar(seed: seed)
        var sum = 0.0
        var squares = 0.0
        var minimum = Double.infinity
        var maximum = -Double.infinity
        for _ in 0..<count {
            let x = distribution.sample(using: &generator)
            sum += x
            squares += x * x
            minimum = min(minimum, x)
            maximum = max(maximum, x)
        }
        let mean = sum / Double(count)
        return (mean, squares / Double(count) - mean * mean, minimum, maximum)
    }

    @Test func exponentialMeanAndVariance() {
        let m = Self.moments(.exponential(mean: 180))
        #expect(abs(m.mean / 180 - 1) < 0.01)
        #expect(abs(m.variance / (180 * 180) - 1) < 0.03)
        #expect(m.minimum >= 0)
    }

    @Test func triangularMatchesItsMomentsAndSupport() {
        // Triangular(5, 7, 10): mean 22/3, variance (25 + 49 + 100 − 35 − 50 − 70)/18 = 19/18.
        let m = Self.moments(.triangular(lower: 5, mode: 7, upper: 10))
        #expect(abs(m.mean - 22.0 / 3) < 0.01)
        #expect(abs(m.variance - 19.0 / 18) < 0.02)
        #expect(m.minimum >= 5 && m.maximum <= 10)
        #expect(Distribution.triangular(lower: 5, mode: 7, upper: 10).mean == 22.0 / 3)
    }

    @Test func triangularDistributionFunction() {
        // P(X ≤ 7) = (7 − 5)/(10 − 5) = 0.4.
        var generator = Xoshiro256StarStar(seed: 3)
        let distribution = Distribution.triangular(lower: 5, mode: 7, upper: 10)
        let below = (0..<100_000).filter { _ in distribution.sample(using: &generator) <= 7 }.count
        #expect(abs(Double(below) / 100_000 - 0.4) < 0.01)
    }

    @Test func uniformAndFixed() {
        let m = Self.moments(.uniform(lower: 10, upper: 20))
        #expect(abs(m.mean - 15) < 0.05)
        #expect(abs(m.variance - 100.0 / 12) < 0.1)
        #expect(m.minimum >= 10 && m.maximum <= 20)
        let fixed = Self.moments(.fixed(42), count: 10)
        #expect(fixed.mean == 42 && fixed.variance == 0)
    }

    @Test func normalByPolarMethod() {
        let m = Self.moments(.normal(mean: 100, standardDeviation: 15))
        #expect(abs(m.mean - 100) < 0.2)
        #expect(abs(m.variance.squareRoot() - 15) < 0.15)
    }

    @Test func logNormalByMeanAndStandardDeviation() throws {
        let distribution = try Distribution.logNormal(mean: 270, standardDeviation: 150)
        #expect(abs(distribution.mean - 270) < 1e-9)
        let m = Self.moments(distribution, count: 400_000)
        #expect(abs(m.mean / 270 - 1) < 0.01)
        #expect(abs(m.variance.squareRoot() / 150 - 1) < 0.03)
        #expect(m.minimum > 0)
        guard case .logNormal(let mu, let sigma) = distribution else {
            Issue.record("expected the mu/sigma form")
            return
        }
        #expect(abs(sigma - Foundation.log(1 + (150.0 / 270) * (150.0 / 270)).squareRoot()) < 1e-15)
        #expect(abs(mu - (Foundation.log(270) - sigma * sigma / 2)) < 1e-14)
    }

    @Test func samplesAreReproducibleBitForBit() throws {
        let distributions: [Distribution] = [
            .exponential(mean: 3), .triangular(lower: 1, mode: 2, upper: 5), .normal(mean: 0, standardDeviation: 1),
            try .logNormal(mean: 10, standardDeviation: 4), .uniform(lower: 0, upper: 1),
        ]
        for distribution in distributions {
            var first = Xoshiro256StarStar(seed: 99)
            var second = Xoshiro256StarStar(seed: 99)
            let a = (0..<1_000).map { _ in distribution.sample(using: &first).bitPattern }
            let b = (0..<1_000).map { _ in distribution.sample(using: &second).bitPattern }
            #expect(a == b)
        }
    }

    @Test func validationNamesTheParameter() {
        let cases: [(Distribution, String)] = [
            (.fixed(-1), "talk.fixed"),
            (.exponential(mean: 0), "talk.mean"),
            (.uniform(lower: 5, upper: 4), "talk.upper"),
            (.triangular(lower: 5, mode: 11, upper: 10), "talk.mode"),
            (.normal(mean: .nan, standardDeviation: 1), "talk.mean"),
            (.logNormal(mu: 1, sigma: -1), "talk.sigma"),
        ]
        for (distribution, field) in cases {
            let error = #expect(throws: SimulationError.self) { try distribution.validate(field: "talk") }
            #expect(error?.field == field)
        }
        #expect(throws: SimulationError.self) { try Distribution.logNormal(mean: 0, standardDeviation: 1) }
    }

    @Test func portableLogAndExpAgreeWithTheCLibrary() {
        var generator = Xoshiro256StarStar(seed: 5)
        var worstLog = 0.0
        var worstExp = 0.0
        for _ in 0..<200_000 {
            // Arguments across the whole exponent range for log, and the useful range for exp.
            let x = Foundation.exp((generator.nextUnit() - 0.5) * 1_400)
            let referenceLog = Foundation.log(x)
            worstLog = max(worstLog, abs(PortableMath.log(x) - referenceLog) / referenceLog.ulp)
            let y = (generator.nextUnit() - 0.5) * 1_400
            let referenceExp = Foundation.exp(y)
            guard referenceExp.isNormal else { continue }
            worstExp = max(worstExp, abs(PortableMath.exp(y) - referenceExp) / referenceExp.ulp)
        }
        #expect(worstLog <= 1)
        #expect(worstExp <= 2)
        let unitLogs = [1.0, 2.0, 0.5, 1e-300, Double.leastNonzeroMagnitude, Double.greatestFiniteMagnitude]
        for x in unitLogs {
            #expect(abs(PortableMath.log(x) - Foundation.log(x)) <= Foundation.log(x).ulp)
        }
        #expect(PortableMath.log(1) == 0)
        #expect(PortableMath.exp(0) == 1)
        #expect(PortableMath.log(0) == -.infinity)
        #expect(PortableMath.log(-1).isNaN)
        #expect(PortableMath.exp(800) == .infinity)
        #expect(PortableMath.exp(-800) == 0)
    }
}
