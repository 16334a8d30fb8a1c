/// A date on the wall calendar of a business calendar's time zone, with no time of day: a holiday, a
/// closure day.
///
/// Dates are proleptic Gregorian, years 1 through 9999.
public struct LocalDate: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The year, 1 through 9999.
    public let year: Int
    /// The month, 1 (January) through 12.
    public let month: Int
    /// The day of the month, from 1.
    public let day: Int

    /// Creates a date, rejecting months, days and years that do not exist.
    public init(year: Int, month: Int, day: Int) throws(ValidationError) {
        try Self.checkYear(year)
        guard (1...12).contains(month) else {
            throw ValidationError(.outOfRange, field: "month", reason: "must be between 1 and 12, got \(month)")
        }
        let length = Self.daysIn(month: month, year: year)
        guard (1...length).contains(day) else {
            throw ValidationError(
                .outOfRange,
                field: "day",
                reason: "must be between 1 and \(length) for \(year)-\(month), got \(day)"
            )
        }
        self.init(uncheckedYear: year, month: month, day: day)
    }

    /// Parses an ISO 8601 calendar date, `"YYYY-MM-DD"`.
    public init(parsing text: String) throws(ValidationError) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            parts.allSatisfy({ $0.utf8.allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) } }),
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2])
        else {
            throw ValidationError(
                .invalidValue,
                field: "date",
                reason: "expected a date \"YYYY-MM-DD\", got \"\(text)\""
            )
        }
        do {
            try self.init(year: year, month: month, day: day)
        } catch {
            throw ValidationError(.outOfRange, field: "date", reason: "\"\(text)\" is not a date (\(error.reason))")
        }
    }

    private init(uncheckedYear year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// The day of the week.
    public var weekday: Weekday { Weekday(dayNumber: dayNumber) }

    /// Earlier dates order first.
    public static func < (lhs: Self, rhs: Self) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    /// `"YYYY-MM-DD"`.
    public var description: String {
        let year = String(year)
        let month = month < 10 ? "0\(month)" : "\(month)"
        let day = day < 10 ? "0\(day)" : "\(day)"
        return "\(String(repeating: "0", count: max(0, 4 - year.count)))\(year)-\(month)-\(day)"
    }

    // MARK: Day numbers

    // Calendar arithmetic works on day numbers (days since 1970-01-01, negative before it) with the
    // standard era-based conversion between Gregorian dates and day counts: 400-year eras of 146,097
    // days, with years counted from March so that the leap day falls at the end of a year.

    /// Days since 1970-01-01.
    var dayNumber: Int {
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = shiftedYear.floorDivided(by: 400)
        let yearOfEra = shiftedYear - era * 400
        let monthFromMarch = month > 2 ? month - 3 : month + 9
        let dayOfYear = (153 * monthFromMarch + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The date `dayNumber` days after 1970-01-01; the result must lie in years 1...9999.
    init(dayNumber: Int) {
        let shifted = dayNumber + 719_468
        let era = shifted.floorDivided(by: 146_097)
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthFromMarch = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthFromMarch + 2) / 5 + 1
        let month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        self.init(uncheckedYear: year, month: month, day: day)
    }

    /// The date `days` days later (earlier when negative).
    func adding(days: Int) -> LocalDate { LocalDate(dayNumber: dayNumber + days) }

    /// Refuses a year outside 1...9999.
    static func checkYear(_ year: Int) throws(ValidationError) {
        guard (1...9999).contains(year) else {
            throw ValidationError(.outOfRange, field: "year", reason: "must be between 1 and 9999, got \(year)")
        }
    }

    static func isLeap(_ year: Int) -> Bool { year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// `month`/`day` in `year`, for values already known to be valid.
    static func unchecked(year: Int, month: Int, day: Int) -> LocalDate {
        LocalDate(uncheckedYear: year, month: month, day: day)
    }
}
