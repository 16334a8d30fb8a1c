import Foundation

/// When a department, or the 311 call center, is at work: weekly hours on the wall clock of a named
/// time zone, minus public holidays and one-off closures (a snow day), with special hours on given
/// dates (a half day on Christmas Eve). SLA clocks run on it.
///
/// Every department has its own calendar; the call center usually has longer hours, up to
/// ``twentyFourSeven(timeZone:)``. A calendar is an immutable value, safe to share between tasks.
///
/// ## Time zone and daylight saving
/// Working hours are wall-clock times in ``timeZone``. On the day clocks spring forward an office open
/// 08:00–17:00 still opens at 08:00 local time, and an interval that spans the change (a 24×7 day, a
/// night shift) is as long as it really is: 23 hours, or 25 in the autumn. A wall-clock time that
/// does not exist (02:30 on a spring-forward night in New York) means the instant the clocks jump; one
/// that occurs twice means its first occurrence.
///
/// ## Supported years
/// Holidays, closures and the zone's offset changes are compiled for ``supportedYears`` when the
/// calendar is created, which is what makes due-date computation fast. Before and after that range the
/// weekly hours still apply, without holidays and at the offset in force at the range's edge.
public struct BusinessCalendar: Sendable {
    /// The years in which holidays, closures and daylight-saving changes are taken into account.
    public static let supportedYears: ClosedRange<Int> = 1970...2100

    /// The zone whose wall clock the working hours, holidays and closures are given in.
    public let timeZone: TimeZone
    /// The hours of an ordinary week.
    public let weeklyHours: WeeklyHours
    /// The public holidays, closed all day on their date and on their observed date.
    public let holidays: [Holiday]
    /// One-off closure days, closed all day, in ascending order.
    public let closures: [LocalDate]
    /// Dates whose hours replace the weekly hours, holidays included, in ascending order of date.
    public let specialHours: [SpecialHours]
    let timeline: BusinessTimeline

    /// Creates a calendar.
    ///
    /// - Parameters:
    ///   - identifier: an IANA time zone such as `"America/New_York"`.
    ///   - weeklyHours: must have at least one working interval.
    ///   - holidays: public holidays.
    ///   - closures: one-off closure days within ``supportedYears``, each given once.
    ///   - specialHours: dates within ``supportedYears`` whose hours replace the weekly hours (and
    ///     a holiday), each date once and never also a closure.
    /// - Throws: ``ValidationError`` naming `timeZone`, `weeklyHours`, `closures[i]` or
    ///   `specialHours[i]`.
    public init(
        timeZone identifier: String,
        weeklyHours: WeeklyHours,
        holidays: [Holiday] = [],
        closures: [LocalDate] = [],
        specialHours: [SpecialHours] = []
    ) throws(ValidationError) {
        let timeZone = try Self.timeZone(named: identifier)
        guard !weeklyHours.isClosedAllWeek else {
            throw Self.noWorkingHours
        }
        if let problem = Self.closureProblems(closures).first {
            throw ValidationError(problem.code, field: "closures[\(problem.index)]", reason: problem.reason)
        }
        if let problem = Self.specialHoursProblems(specialHours, closures: closures).first {
            throw ValidationError(problem.code, field: "specialHours[\(problem.index)]", reason: problem.reason)
        }
        self.timeZone = timeZone
        self.weeklyHours = weeklyHours
        self.holidays = holidays
        self.closures = closures.sorted()
        self.specialHours = specialHours.sorted { $0.date < $1.date }
        timeline = BusinessTimeline(
            timeZone: timeZone,
            weeklyHours: weeklyHours,
            closedDays: Self.closedDays(holidays: holidays, closures: closures),
            specialDays: Dictionary(
                uniqueKeysWithValues: specialHours.map { special in
                    (
                        special.date.dayNumber,
                        special.intervals.map { ($0.start.secondsSinceMidnight, $0.end.secondsSinceMidnight) }
                    )
                }
            ),
            days: Self.supportedDays
        )
    }

    /// A calendar that is always open: every instant counts as business time and every day is a business
    /// day. Typical of a 311 call center that answers around the clock.
    public static func twentyFourSeven(timeZone identifier: String) throws(ValidationError) -> BusinessCalendar {
        try BusinessCalendar(timeZone: identifier, weeklyHours: .twentyFourSeven)
    }

    // MARK: Validation shared with the JSON loader

    static let noWorkingHours = ValidationError(
        .missingValue,
        field: "weeklyHours",
        reason: "must have at least one working interval in the week"
    )

    /// The named zone, or an error for an unknown identifier.
    static func timeZone(named identifier: String) throws(ValidationError) -> TimeZone {
        guard let timeZone = TimeZone(identifier: identifier) else {
            throw ValidationError(
                .unknownReference,
                field: "timeZone",
                reason: "unknown time zone \"\(identifier)\"; expected an IANA identifier such as America/New_York"
            )
        }
        return timeZone
    }

    /// Every closure outside ``supportedYears`` or given more than once, with its position.
    static func closureProblems(_ closures: [LocalDate]) -> [(index: Int, code: ValidationError.Code, reason: String)] {
        dateProblems(closures) { "is already a closure (closures[\($0)])" }
    }

    /// Every special-hours date outside ``supportedYears``, given more than once, or also a closure,
    /// with its position.
    static func specialHoursProblems(
        _ specialHours: [SpecialHours],
        closures: [LocalDate]
    ) -> [(index: Int, code: ValidationError.Code, reason: String)] {
        dateProblems(specialHours.map(\.date)) {
            "already has special hours (specialHours[\($0)])"
        } conflict: { date in
            closures.firstIndex(of: date).map { "is also a closure (closures[\($0)])" }
        }
    }

    /// The rules every list of dates follows: within ``supportedYears`` and each date once (`repeated`
    /// words the problem, given the earlier position), plus whatever `conflict` refuses.
    private static func dateProblems(
        _ dates: [LocalDate],
        repeated: (Int) -> String,
        conflict: (LocalDate) -> String? = { _ in nil }
    ) -> [(index: Int, code: ValidationError.Code, reason: String)] {
        var problems: [(index: Int, code: ValidationError.Code, reason: String)] = []
        var seen: [LocalDate: Int] = [:]
        for (index, date) in dates.enumerated() {
            if !supportedYears.contains(date.year) {
                let years = "\(supportedYears.lowerBound)-\(supportedYears.upperBound)"
                problems.append((index, .outOfRange, "\(date) is outside the supported years \(years)"))
            } else if let first = seen[date] {
                problems.append((index, .duplicate, "\(date) \(repeated(first))"))
            } else if let reason = conflict(date) {
                problems.append((index, .duplicate, "\(date) \(reason)"))
            } else {
                seen[date] = index
            }
        }
        return problems
    }

    // MARK: Compilation

    private static let supportedDays: ClosedRange<Int> = {
        let first = LocalDate.unchecked(year: supportedYears.lowerBound, month: 1, day: 1)
        let last = LocalDate.unchecked(year: supportedYears.upperBound, month: 12, day: 31)
        return first.dayNumber...last.dayNumber
    }()

    /// Day numbers of every holiday (its date and its observed date) and closure in the supported years.
    private static func closedDays(holidays: [Holiday], closures: [LocalDate]) -> Set<Int> {
        var days = Set(closures.map(\.dayNumber))
        // One year either side: New Year's Day of the year after can be observed on December 31.
        for year in (supportedYears.lowerBound - 1)...(supportedYears.upperBound + 1) {
            for holiday in holidays {
                let date = holiday.rule.unvalidatedDate(in: year)
                days.insert(date.dayNumber)
                days.insert(holiday.observance.observedDate(for: date).dayNumber)
            }
        }
        return days.filter { supportedDays.contains($0) }
    }
}

extension BusinessCalendar: CustomStringConvertible {
    /// A short summary, for example
    /// `"BusinessCalendar(America/New_York, 45 hours a week, holidays: 11, closures: 1)"`.
    public var description: String {
        let minutes = Weekday.allCases.reduce(0) { total, weekday in
            weeklyHours[weekday].reduce(total) { $0 + $1.end.minutesSinceMidnight - $1.start.minutesSinceMidnight }
        }
        let hours = minutes % 60 == 0 ? "\(minutes / 60)" : "\(Double(minutes) / 60)"
        let special = specialHours.isEmpty ? "" : ", special hours: \(specialHours.count)"
        return "BusinessCalendar(\(timeZone.identifier), \(hours) hours a week, holidays: \(holidays.count), "
            + "closures: \(closures.count)\(special))"
    }
}

extension BusinessCalendar: Hashable {
    /// Calendars are equal when they are defined alike: same zone, hours, holidays, closures and
    /// special hours.
    public static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.timeZone.identifier == rhs.timeZone.identifier && lhs.weeklyHours == rhs.weeklyHours
            && lhs.holidays == rhs.holidays && lhs.closures == rhs.closures && lhs.specialHours == rhs.specialHours
    }

    /// Hashes the definition, consistently with `==`.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(timeZone.identifier)
        hasher.combine(weeklyHours)
        hasher.combine(holidays)
        hasher.combine(closures)
        hasher.combine(specialHours)
    }
}
