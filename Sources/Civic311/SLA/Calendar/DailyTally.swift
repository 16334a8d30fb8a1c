/// A running total of a per-day quantity (seconds of open time, or business days) from 1970-01-01,
/// computed by arithmetic: a repeating weekly pattern, corrected by a sorted list of exception days
/// (holidays, closures, special hours, days on which clocks change) whose actual amount differs from the pattern.
///
/// Both directions are a binary search over the exceptions plus a little arithmetic, whatever the
/// distance: "the total before day d" and "the first day by whose end the total reaches v".
struct DailyTally: Sendable {
    /// `weekPrefix[p]` is the pattern's total over positions `0..<p`; position is day number modulo 7.
    private let weekPrefix: [Double]
    private let weekTotal: Double
    /// Exception days, ascending.
    let days: [Int]
    /// The total before each exception day.
    private let totalsBefore: [Double]
    /// The actual amount of each exception day.
    private let amounts: [Double]
    /// The pattern's amount minus the actual amount, summed over exceptions up to and including each one.
    private let shortfalls: [Double]

    /// - Parameters:
    ///   - pattern: the amount of a normal day at each position (day number modulo 7); must sum to more
    ///     than zero.
    ///   - exceptions: days whose actual amount differs, sorted by day, each day once.
    init(pattern: [Double], exceptions: [(day: Int, amount: Double)]) {
        var prefix = [0.0]
        for amount in pattern { prefix.append(prefix[prefix.count - 1] + amount) }
        weekPrefix = prefix
        weekTotal = prefix[7]
        days = exceptions.map(\.day)
        amounts = exceptions.map(\.amount)
        var totalsBefore: [Double] = []
        var shortfalls: [Double] = []
        totalsBefore.reserveCapacity(exceptions.count)
        shortfalls.reserveCapacity(exceptions.count)
        var shortfall = 0.0
        for (day, amount) in exceptions {
            totalsBefore.append(Self.patternTotal(before: day, prefix: prefix) - shortfall)
            shortfall += pattern[day.floorModulo(7)] - amount
            shortfalls.append(shortfall)
        }
        self.totalsBefore = totalsBefore
        self.shortfalls = shortfalls
    }

    private static func patternTotal(before day: Int, prefix: [Double]) -> Double {
        Double(day.floorDivided(by: 7)) * prefix[7] + prefix[day.floorModulo(7)]
    }

    /// The index of the first exception on or after `day`.
    func exceptionIndex(atOrAfter day: Int) -> Int { days.lowerBound(of: day) }

    /// The total over all days before `day`; `index` must be ``exceptionIndex(atOrAfter:)`` of `day`.
    func total(before day: Int, exceptionIndex index: Int) -> Double {
        Self.patternTotal(before: day, prefix: weekPrefix) - (index > 0 ? shortfalls[index - 1] : 0)
    }

    /// The total over all days before `day`.
    func total(before day: Int) -> Double { total(before: day, exceptionIndex: exceptionIndex(atOrAfter: day)) }

    /// The first day by whose end the total reaches `value`, how much of `value` falls within that day
    /// (more than zero, at most the day's amount), and the day's exception index if it is an exception.
    func day(reaching value: Double) -> (day: Int, withinDay: Double, exceptionIndex: Int?) {
        let following = totalsBefore.lowerBound(of: value)
        var shortfall = 0.0
        if following > 0 {
            let index = following - 1
            if totalsBefore[index] + amounts[index] >= value {
                return (days[index], value - totalsBefore[index], index)
            }
            shortfall = shortfalls[index]
        }
        // Between two exceptions every day follows the pattern, offset by the shortfall so far.
        let patternValue = value + shortfall
        var weeks = (patternValue / weekTotal).rounded(.down)
        var rest = patternValue - weeks * weekTotal
        while rest <= 0 {
            weeks -= 1
            rest += weekTotal
        }
        while rest > weekTotal {
            weeks += 1
            rest -= weekTotal
        }
        var position = 0
        while weekPrefix[position + 1] < rest { position += 1 }
        return (Int(weeks) * 7 + position, rest - weekPrefix[position], nil)
    }
}
