import Foundation

/// A business calendar compiled for fast arithmetic: built once when the calendar is created, immutable
/// afterwards, and free of Foundation calls when queried.
///
/// Days are numbered from 1970-01-01 on the local wall calendar. A normal day opens according to the
/// weekly pattern at a constant UTC offset. The exceptions are closed days (holidays and closures on
/// working days) and days with exact hours: special-hours days, and "clock-change days", the one or
/// two local days whose wall clock an offset change touches. Exact hours are stored as UTC instants,
/// so an interval that spans a change is as long as it really is.
///
/// A class, so that copying a ``BusinessCalendar`` (out of a dictionary of department calendars, say)
/// retains one object rather than every table.
final class BusinessTimeline: Sendable {
    static let secondsPerDay = 86_400.0

    let zone: ZoneOffsetTable
    /// Open hours of a normal day in seconds since local midnight; group `p` is for days whose day
    /// number modulo 7 is `p` (position 0 is a Thursday, like 1970-01-01).
    let week: IntervalTable
    /// Seconds of open time.
    let openTime: DailyTally
    /// Business days: days with any open time.
    let businessDays: DailyTally
    /// For each exception day of ``openTime``: its group in ``exactHours``, or -1 for a closed day.
    let exactGroups: [Int]
    /// The open hours of each day with exact hours, as UTC instants.
    let exactHours: IntervalTable
    /// The UTC instant at which each day with exact hours ends (the next begins), indexed by group.
    let exactDayEnds: [Double]

    /// - Parameters:
    ///   - closedDays: day numbers of holidays and closures, within `days`.
    ///   - specialDays: day numbers whose open hours (seconds since local midnight, sorted, not
    ///     empty) replace the weekly pattern and any closure.
    ///   - days: the day numbers over which offset changes are taken into account.
    init(
        timeZone: TimeZone,
        weeklyHours: WeeklyHours,
        closedDays: Set<Int>,
        specialDays: [Int: [(start: Double, end: Double)]] = [:],
        days: ClosedRange<Int>
    ) {
        var week = IntervalTable()
        for position in 0..<7 {
            week.append(
                weeklyHours[Weekday(dayNumber: position)].map {
                    ($0.start.secondsSinceMidnight, $0.end.secondsSinceMidnight)
                }
            )
        }
        let pattern = (0..<7).map { week.length($0) }
        let zone = ZoneOffsetTable(
            timeZone: timeZone,
            from: Double(days.lowerBound - 2) * Self.secondsPerDay,
            through: Double(days.upperBound + 2) * Self.secondsPerDay
        )

        // Every local day that some part of a change's wall-clock jump (or repeat) falls on.
        var clockChangeDays = Set<Int>()
        for change in zone.changes {
            let low = change.instant + min(change.before, change.after)
            let high = change.instant + max(change.before, change.after)
            for day in Self.day(ofLocal: low)...Self.day(ofLocal: high) { clockChangeDays.insert(day) }
        }
        let exceptionDays = clockChangeDays.union(closedDays.filter { pattern[$0.floorModulo(7)] > 0 })
            .union(specialDays.keys).sorted()

        var openExceptions: [(day: Int, amount: Double)] = []
        var businessExceptions: [(day: Int, amount: Double)] = []
        var groups: [Int] = []
        var hours = IntervalTable()
        var ends: [Double] = []
        openExceptions.reserveCapacity(exceptionDays.count)
        groups.reserveCapacity(exceptionDays.count)
        for day in exceptionDays {
            let position = day.floorModulo(7)
            var amount = 0.0
            let special = specialDays[day]
            if special != nil || clockChangeDays.contains(day) {
                let midnight = Double(day) * Self.secondsPerDay
                let local = special ?? (closedDays.contains(day) ? [] : week.intervals(position))
                let intervals = local.map {
                    (zone.utc(forLocal: midnight + $0.start), zone.utc(forLocal: midnight + $0.end))
                }
                let group = hours.append(intervals)
                groups.append(group)
                ends.append(zone.utc(forLocal: midnight + Self.secondsPerDay))
                amount = hours.length(group)
            } else {
                groups.append(-1)
            }
            openExceptions.append((day, amount))
            // A business day is a day with any open time; record the days where that differs from
            // the pattern (a closed working day, a special-hours day off).
            let isBusinessDay = amount > 0
            if isBusinessDay != (pattern[position] > 0) { businessExceptions.append((day, isBusinessDay ? 1 : 0)) }
        }

        self.zone = zone
        self.week = week
        openTime = DailyTally(pattern: pattern, exceptions: openExceptions)
        businessDays = DailyTally(pattern: pattern.map { $0 > 0 ? 1 : 0 }, exceptions: businessExceptions)
        exactGroups = groups
        exactHours = hours
        exactDayEnds = ends
    }

    /// The day number of a local time.
    static func day(ofLocal local: Double) -> Int { Int((local / secondsPerDay).rounded(.down)) }
}
