import Civic311
import Civic311Simulation
import Testing

@Suite struct ArrivalProfileTests {
    private static let weights: [Double] = [
        1, 1, 1, 1, 1, 2, 4, 8, 12, 14, 14, 13, 12, 12, 11, 10, 9, 8, 6, 4, 3, 2, 2, 1,
    ]

    @Test func ratesFollowTheHourAndTheWeekday() throws {
        let profile = try ArrivalProfile(
            contactsPerDay: 15_000,
            hourlyWeights: Self.weights,
            weekdayFactors: [1, 1, 1, 1, 1, 0.5, 0.25]
        )
        let total = Self.weights.reduce(0, +)
        #expect(abs(profile.rate(at: 9.5 * 3600, startDay: .monday) - 15_000 * 14 / total / 3600) < 1e-12)
        // Saturday is day 5 from Monday; hour 9 of that day.
        let saturday = profile.rate(at: (5 * 24 + 9.5) * 3600, startDay: .monday)
        #expect(abs(saturday - 0.5 * 15_000 * 14 / total / 3600) < 1e-12)
        // Starting on Saturday, day 0 is Saturday.
        #expect(abs(profile.rate(at: 9.5 * 3600, startDay: .saturday) - saturday) < 1e-15)
    }

    @Test func linearShapeIsContinuousAndKeepsTheDailyVolume() throws {
        let profile = try ArrivalProfile(contactsPerDay: 10_000, hourlyWeights: Self.weights, shape: .linear)
        // Continuous at the hour boundaries.
        for hour in 1..<24 {
            let t = Double(hour) * 3600
            #expect(abs(profile.rate(at: t - 1e-6, startDay: .monday) - profile.rate(at: t, startDay: .monday)) < 1e-9)
        }
        // Integrate numerically over the day: 10,000 (the profile repeats, so the ramps balance out).
        var integral = 0.0
        let step = 10.0
        var t = step / 2
        while t < 86_400 {
            integral += profile.rate(at: t, startDay: .monday) * step
            t += step
        }
        #expect(abs(integral - 10_000) < 1e-6)
    }

    @Test func poissonCountsPerHourMatchTheProfile() throws {
        for shape in [ArrivalProfile.Shape.stepwise, .linear] {
            let profile = try ArrivalProfile(contactsPerDay: 20_000, hourlyWeights: Self.weights, shape: shape)
            var process = try NonHomogeneousPoissonArrivals(profile: profile, startDay: .monday, horizon: 86_400 * 5)
            var generator = Xoshiro256StarStar(seed: 2_024)
            var counts = Array(repeating: 0, count: 24)
            var previous = -1.0
            while let time = process.next(using: &generator) {
                #expect(time > previous)
                previous = time
                counts[Int(time / 3600) % 24] += 1
            }
            let total = Self.weights.reduce(0, +)
            for hour in 0..<24 {
                // Expected over 5 days for the stepwise shape; the linear one moves volume between hours,
                // so compare it with its own integral.
                var expected = 5 * 20_000 * Self.weights[hour] / total
                if shape == .linear {
                    let previousWeight = Self.weights[(hour + 23) % 24]
                    let nextWeight = Self.weights[(hour + 1) % 24]
                    expected = 5 * 20_000 * (previousWeight + 6 * Self.weights[hour] + nextWeight) / 8 / total
                }
                // Five standard deviations of a Poisson count.
                #expect(abs(Double(counts[hour]) - expected) < 5 * expected.squareRoot() + 1, "hour \(hour), \(shape)")
            }
        }
    }

    @Test func hourlyMultipliersScaleTheRate() throws {
        let profile = try ArrivalProfile.constant(contactsPerHour: 1_000)
        var process = try NonHomogeneousPoissonArrivals(
            profile: profile,
            startDay: .monday,
            horizon: 3 * 3600,
            hourlyMultipliers: [1, 3, 0]
        )
        var generator = Xoshiro256StarStar(seed: 8)
        var counts = [0, 0, 0]
        while let time = process.next(using: &generator) { counts[Int(time / 3600)] += 1 }
        #expect(abs(counts[0] - 1_000) < 160)
        #expect(abs(counts[1] - 3_000) < 280)
        #expect(counts[2] == 0)
    }

    @Test func rejectsMalformedProfiles() {
        let short = #expect(throws: SimulationError.self) {
            try ArrivalProfile(contactsPerDay: 10, hourlyWeights: [1, 2, 3])
        }
        #expect(short?.field == "hourlyWeights")
        let negative = #expect(throws: SimulationError.self) {
            try ArrivalProfile(contactsPerDay: 10, hourlyWeights: Array(repeating: 1, count: 23) + [-1])
        }
        #expect(negative?.field == "hourlyWeights[23]")
        let zero = #expect(throws: SimulationError.self) {
            try ArrivalProfile(contactsPerDay: 10, hourlyWeights: Array(repeating: 0, count: 24))
        }
        #expect(zero?.code == .outOfRange)
        let days = #expect(throws: SimulationError.self) {
            try ArrivalProfile(contactsPerDay: 10, hourlyWeights: Array(repeating: 1, count: 24), weekdayFactors: [1])
        }
        #expect(days?.field == "weekdayFactors")
        let volume = #expect(throws: SimulationError.self) { try ArrivalProfile.constant(contactsPerHour: .nan) }
        #expect(volume?.field == "contactsPerHour")
    }
}
