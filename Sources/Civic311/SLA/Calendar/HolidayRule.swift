/// The date a holiday falls on in a given year: a fixed date, the nth weekday of a month, the last
/// weekday of a month, or a number of days from Easter Sunday (Good Friday, Easter Monday).
///
/// Rules are built with the validating factories ``fixed(month:day:)``,
/// ``nthWeekday(_:_:month:)``, ``lastWeekday(_:month:)`` and ``easter(offset:)``, so every rule
/// names a date that exists in every year.
public struct HolidayRule: Hashable, Sendable, CustomStringConvertible {
    private enum Kind: Hashable, Sendable {
        case fixed(month: Int, day: Int)
        case nthWeekday(nth: Int, weekday: Weekday, month: Int)
        case lastWeekday(weekday: Weekday, month: Int)
        case easter(offset: Int)
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

    /// The days from Easter Sunday an ``easter(offset:)`` rule may name: enough for Ash Wednesday
    /// (−46) to Corpus Christi (+60), and always within Easter's year.
    public static let easterOffsets: ClosedRange<Int> = -60...60

    /// `offset` days from Easter Sunday (Western, Gregorian), for example Good Friday
    /// (`easter(offset: -2)`) or Easter Monday (`easter(offset: 1)`).
    public static func easter(offset: Int = 0) throws(ValidationError) -> HolidayRule {
        guard easterOffsets.contains(offset) else {
            throw ValidationError(
                .outOfRange,
                field: "easter",
                reason:
                    "must be between \(easterOffsets.lowerBound) and \(easterOffsets.upperBound) days, got \(offset)"
            )
        }
        return HolidayRule(.easter(offset: offset))
    }

    /// Easter Sunday in `year`: the anonymous Gregorian algorithm (Meeus/Jones/Butcher).
    static func easterSunday(in year: Int) -> LocalDate {
        let golden = year % 19
        let century = year / 100
        let yearOfCentury = year % 100
        let epact = (19 * golden + century - century / 4 - (century - (century + 8) / 25 + 1) / 3 + 15) % 30
        let weekdayShift = (32 + 2 * (century % 4) + 2 * (yearOfCentury / 4) - epact - yearOfCentury % 4) % 7
        let correction = (golden + 11 * epact + 22 * weekdayShift) / 451
        let count = epact + weekdayShift - 7 * correction + 114
        return LocalDate.unchecked(year: year, month: count / 31, day: count % 31 + 1)
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

    /// The month the holiday falls in, 1 through 12; `nil` for a rule tied to Easter, whose month
    /// changes from year to year.
    public var month: Int? {
        switch kind {
        case .fixed(let month, _), .nthWeekday(_, _, let month), .lastWeekday(_, let month): month
        case .easter: nil
        }
    }

    /// The date of the holiday in `year`, before any weekend observance rule.
    ///
    /// - Throws: ``ValidationError`` (`outOfRange`, field `year`) when `year` is outside 1...9999,
    ///   the years ``LocalDate`` supports.
    public func date(in year: Int) throws(ValidationError) -> LocalDate {
        try LocalDate.checkYear(year)
        return unvalidatedDate(in: year)
    }

    /// The date in `year`, which must lie within a few years of 1...9999 so that the day arithmetic
    /// cannot overflow (calendars compile the year either side of their range).
    func unvalidatedDate(in year: Int) -> LocalDate {
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
        case .easter(let offset):
            return Self.easterSunday(in: year).adding(days: offset)
        }
    }

    /// For example `"July 4"`, `"4th thursday of November"`, `"last monday of May"`,
    /// `"2 days before Easter"`.
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
        case .easter(let offset):
            let days = abs(offset) == 1 ? "1 day" : "\(abs(offset)) days"
            return offset == 0 ? "Easter Sunday" : offset < 0 ? "\(days) before Easter" : "\(days) after Easter"
        }
    }
}
