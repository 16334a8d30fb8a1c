import Civic311

/// How the arrival rate varies over the day and the week: a daily volume, the share of each hour of the
/// day, and a factor for each day of the week.
///
/// The rate in hour `h` of a day `d` is `contactsPerDay × weekdayFactors[d] × hourlyShares[h] / 3600` per
/// second. With ``Shape/stepwise`` that rate holds for the whole hour; with ``Shape/linear`` it is the
/// value at the middle of the hour and the rate moves linearly between hour midpoints (no jumps on the
/// hour; the day's expected volume is unchanged when the profile repeats).
public struct ArrivalProfile: Sendable, Hashable {
    /// How the rate behaves within an hour.
    public enum Shape: Sendable, Hashable {
        /// Constant within each hour.
        case stepwise
        /// Linear between hour midpoints.
        case linear
    }

    /// Expected contacts on a day whose weekday factor is 1.
    public let contactsPerDay: Double
    /// The share of a day's contacts in each hour, `hourlyShares[0]` being 00:00–01:00; they sum to 1.
    public let hourlyShares: [Double]
    /// A factor per day of the week, Monday first (`Weekday.allCases` order).
    public let weekdayFactors: [Double]
    /// How the rate behaves within an hour.
    public let shape: Shape

    /// Creates a profile.
    ///
    /// - Parameters:
    ///   - contactsPerDay: expected contacts on a day with factor 1.
    ///   - hourlyWeights: 24 non-negative weights, normalised to shares (they need not sum to 1).
    ///   - weekdayFactors: 7 non-negative factors, Monday first.
    ///   - shape: how the rate behaves within an hour.
    /// - Throws: ``SimulationError`` when `contactsPerDay` is negative or not finite, the arrays have the
    ///   wrong length, a weight or factor is negative or not finite, or every hourly weight is zero.
    public init(
        contactsPerDay: Double,
        hourlyWeights: [Double],
        weekdayFactors: [Double] = Array(repeating: 1, count: 7),
        shape: Shape = .stepwise
    ) throws(SimulationError) {
        try SimulationError.requireNonNegative(contactsPerDay, "contactsPerDay")
        guard hourlyWeights.count == 24 else {
            throw SimulationError(
                .invalidValue,
                field: "hourlyWeights",
                reason: "needs 24 values, one per hour, got \(hourlyWeights.count)"
            )
        }
        guard weekdayFactors.count == 7 else {
            throw SimulationError(
                .invalidValue,
                field: "weekdayFactors",
                reason: "needs 7 values, Monday first, got \(weekdayFactors.count)"
            )
        }
        for (hour, weight) in hourlyWeights.enumerated() {
            try SimulationError.requireNonNegative(weight, "hourlyWeights[\(hour)]")
        }
        for (day, factor) in weekdayFactors.enumerated() {
            try SimulationError.requireNonNegative(factor, "weekdayFactors[\(day)]")
        }
        let total = hourlyWeights.reduce(0, +)
        guard total > 0 else {
            throw SimulationError(.outOfRange, field: "hourlyWeights", reason: "must not all be zero")
        }
        self.contactsPerDay = contactsPerDay
        self.hourlyShares = hourlyWeights.map { $0 / total }
        self.weekdayFactors = weekdayFactors
        self.shape = shape
    }

    /// A constant rate around the clock, every day.
    ///
    /// - Throws: ``SimulationError`` when `contactsPerHour` is negative or not finite.
    public static func constant(contactsPerHour: Double) throws(SimulationError) -> ArrivalProfile {
        do {
            return try ArrivalProfile(
                contactsPerDay: contactsPerHour * 24,
                hourlyWeights: Array(repeating: 1, count: 24)
            )
        } catch {
            throw SimulationError(error.code, field: "contactsPerHour", reason: error.reason)
        }
    }

    /// The rate per second of absolute hour `hour` counted from midnight of `startDay` (negative hours
    /// reach back into the previous days); for a linear shape, the rate at the middle of that hour.
    public func hourlyRate(hour: Int, startDay: Weekday) -> Double {
        // Floor division written so that no step can overflow, even at Int.min and Int.max.
        var day = hour / 24
        var hourOfDay = hour % 24
        if hourOfDay < 0 {
            hourOfDay += 24
            day -= 1
        }
        let weekday = ((startDay.index + day % 7) % 7 + 7) % 7
        return contactsPerDay * weekdayFactors[weekday] * hourlyShares[hourOfDay] / 3600
    }

    /// The rate per second at `time` seconds after midnight of `startDay`.
    ///
    /// The profile repeats every week, so any finite time has a rate; a time that is infinite or NaN
    /// has none (NaN).
    public func rate(at time: Double, startDay: Weekday) -> Double {
        guard time.isFinite else { return .nan }
        // The hour within the week, reduced while still a floating-point number so that a time far
        // from the start never reaches an integer conversion out of range.
        let absoluteHour = (time / 3600).rounded(.down)
        var weekHour = absoluteHour.truncatingRemainder(dividingBy: 168)
        if weekHour < 0 { weekHour += 168 }
        let hour = Int(weekHour)
        let level = hourlyRate(hour: hour, startDay: startDay)
        guard shape == .linear else { return level }
        // The offset within the hour; for huge times it is as exact as the time itself.
        let offset = min(max(time - absoluteHour * 3600, 0), 3600)
        if offset < 1800 {
            let previous = hourlyRate(hour: hour - 1, startDay: startDay)
            return previous + (level - previous) * (offset + 1800) / 3600
        }
        let next = hourlyRate(hour: hour + 1, startDay: startDay)
        return level + (next - level) * (offset - 1800) / 3600
    }

    /// Expected arrivals in absolute hour `hour`.
    func expectedArrivals(inHour hour: Int, startDay: Weekday) -> Double {
        let level = hourlyRate(hour: hour, startDay: startDay)
        guard shape == .linear else { return level * 3600 }
        let previous = hourlyRate(hour: hour - 1, startDay: startDay)
        let next = hourlyRate(hour: hour + 1, startDay: startDay)
        return 450 * (previous + 6 * level + next)
    }

    /// The highest rate reached within absolute hour `hour` (the thinning bound).
    func peakRate(inHour hour: Int, startDay: Weekday) -> Double {
        let level = hourlyRate(hour: hour, startDay: startDay)
        guard shape == .linear else { return level }
        let atStart = (hourlyRate(hour: hour - 1, startDay: startDay) + level) / 2
        let atEnd = (level + hourlyRate(hour: hour + 1, startDay: startDay)) / 2
        return max(level, atStart, atEnd)
    }
}
