import Foundation

// Dates are stored as whole milliseconds since 1970 (the precision every store keeps). These
// conversions are exact for every date at whole-millisecond precision, and query bounds are
// turned into integer bounds with the same `Date` comparisons `RequestQuery.matches` uses, so SQL
// agrees with it for any bound, whole-millisecond or not.
extension Date {
    /// The largest magnitude stored, ±2⁵³ ms (about 285,000 years): beyond it a `Double` no longer
    /// holds every millisecond.
    static let storedMillisecondLimit: Int64 = 1 << 53

    /// Whole milliseconds since 1970, rounded to the nearest; clamped to ±``storedMillisecondLimit``.
    var storedMilliseconds: Int64 {
        let milliseconds = (timeIntervalSince1970 * 1000).rounded()
        let limit = Double(Self.storedMillisecondLimit)
        guard !milliseconds.isNaN else { return 0 }
        return Int64(max(-limit, min(limit, milliseconds)))
    }

    init(storedMilliseconds milliseconds: Int64) {
        self.init(timeIntervalSince1970: Double(milliseconds) / 1000)
    }

    /// The smallest stored millisecond whose date satisfies `isPast`, a test that is false for
    /// every date before some instant near `bound` and true from it on (`{ $0 >= bound }`).
    ///
    /// The search starts at `bound` and steps over the few milliseconds rounding can put on
    /// either side, so the answer follows `Date`'s own comparisons exactly.
    static func firstStoredMillisecond(around bound: Date, where isPast: (Date) -> Bool) -> Int64 {
        let limit = storedMillisecondLimit
        let approximate = bound.timeIntervalSince1970 * 1000
        // No date compares with NaN, so the test gives the same answer everywhere.
        guard !approximate.isNaN else { return isPast(Date(storedMilliseconds: 0)) ? -limit : limit }
        var milliseconds = Int64(max(-Double(limit), min(Double(limit), approximate.rounded(.up))))
        while milliseconds > -limit, isPast(Date(storedMilliseconds: milliseconds - 1)) { milliseconds -= 1 }
        while milliseconds < limit, !isPast(Date(storedMilliseconds: milliseconds)) { milliseconds += 1 }
        return milliseconds
    }
}
