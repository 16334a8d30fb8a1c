/// The date a holiday falls on in a given year: a fixed date, the nth weekday of a month, or the last
/// weekday of a month.
///
/// Rules are built with the validating factories ``fixed(month:day:)``,
/// ``nthWeekday(_:_:month:)`` and ``lastWeekday(_:month:)``, so every rule names a date that exists
/// in every year.
public struct HolidayRule: Hashable, Sendable, CustomStringConvertible {
    private enum Kind: Hashable, Sendable {
        case fixed(month: Int, day: Int)
        case nthWeekday(nth: Int, weekday: Weekday, month: Int)
        case lastWeekday(weekday: Weekday, month: Int)
    }
    private let kind: Kind

    private init(_ kind: Kind) {
        self.kind = kind
    }

    /// The same date every year, for example July 4 (`fixed(month: 7, day: 4)`).
    ///
    /// February 29 is rejected: it does not occur in most years.
    public static func fixed(month: Int, day: Int) throws(ValidationError) -> HolidayRule {
        try checkMonth(month)
        guard month != 2 || day != 29 else {
            throw ValidationError(.outOfRange, field: "day", reason: "February 29 does not occur every year")
        }
        let length = LocalDate.daysIn(month: month, year: 2001)
        guard (1...length).contains(day) else {
            throw ValidationError(.outOfRange, field: "day", reason: "must be between 1 and \(length), got \(day)")
        }
        return HolidayRule(.fixed(month: month, day: day))
    }

    /// The `nth` (1 through 4) `weekday` of `month`, for example the 4th Thursday of November
    /// (`nthWeekday(4, .thursday, month: 11)`).
    ///
    /// A fifth weekday does not occur in every month of every year; use ``lastWeekday(_:month:)``.
    public static func nthWeekday(_ nth: Int, _ weekday: Weekday, month: Int) throws(ValidationError) -> HolidayRule {
        try checkMonth(month)
        try checkNth(nth)
        return HolidayRule(.nthWeekday(nth: nth, weekday: weekday, month: month))
    }

    /// The last `weekday` of `month`, for example the last Monday of May (`lastWeekday(.monday, month: 5)`).
    public static func lastWeekday(_ weekday: Weekday, month: Int) throws(ValidationError) -> HolidayRule {
        try checkMonth(month)
        return HolidayRule(.lastWeekday(weekday: weekday, month: month))
    }

    // The range checks are shared with the JSON loader, which reports each field's problem separately.

    static func checkMonth(_ month: Int) throws(ValidationError) {
        guard (1...12).contains(month) else {
            throw ValidationError(.outOfRange, field: "month", reason: "must be between 1 and 12, got \(month)")
        }
    }

    static func checkNth(_ nth: Int) throws(ValidationError) {
        guard (1...4).contains(nth) else {
            throw ValidationError(.outOfRange, field: "nth", reason: "must be between 1 and 4 or \"last\", got \(nth)")
        }
    }

    /// The month the holiday falls in, 1 through 12.
    public var month: Int {
        switch kind {
        case .fixed(let month, _), .nthWeekday(_, _, let month), .lastWeekday(_, let month): month
        }
    }

    /// The date of the holiday in `year` (1...9999), before any weekend observance rule.
    public func date(in year: Int) -> LocalDate {
        switch kind {
        case .fixed(let month, let day):
            return LocalDate.unchecked(year: year, month: month, day: day)
        case .nthWeekday(let nth, let weekday, let month):
            let first = LocalDate.unchecked(year: year, month: month, day: 1)
            let untilWeekday = (weekday.index - first.weekday.index).floorModulo(7)
            return first.adding(days: untilWeekday + (nth - 1) * 7)
        case .lastWeekday(let weekday, let month):
            let last = LocalDate.unchecked(year: year, month: month, day: LocalDate.daysIn(month: month, year: year))
            return last.adding(days: -(last.weekday.index - weekday.index).floorModulo(7))
        }
    }

    /// For example `"July 4"`, `"4th thursday of November"`, `"last monday of May"`.
    public var description: String {
        let months = [
            "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
            "November", "December",
        ]
        switch kind {
        case .fixed(let month, let day):
            return "\(months[month - 1]) \(day)"
        case .nthWeekday(let nth, let weekday, let month):
            let suffix = ["st", "nd", "rd", "th"][nth - 1]
            return "\(nth)\(suffix) \(weekday.rawValue) of \(months[month - 1])"
        case .lastWeekday(let weekday, let month):
            return "last \(weekday.rawValue) of \(months[month - 1])"
        }
    }
}
