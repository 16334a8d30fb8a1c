@_spi(Benchmarks) import Civic311
import Foundation
import Testing

/// Compares the calendar's arithmetic with a slow, obviously correct reference built from Foundation's
/// own calendar: every working interval of every day from December 2025 to January 2027 as a pair of
/// instants, with the closed dates and the special hours listed by hand.
@Suite struct BusinessCalendarReferenceTests {
    static let closedDates: Set<String> = [
        "2025-12-25", "2026-01-01", "2026-02-03", "2026-05-25", "2026-07-03", "2026-07-04", "2026-07-07",
        "2026-11-26", "2026-12-25", "2027-01-01",
    ]

    /// Dates whose hours replace the week's: a half day, a holiday opened for two hours, a Sunday
    /// opening, a Saturday evening, and a Sunday on which clocks change (New York in March, Sydney in
    /// April and October).
    static let specialDates: [String: [(Int, Int, Int, Int)]] = [
        "2026-12-24": [(8, 0, 12, 0)],
        "2026-11-26": [(9, 0, 11, 0)],
        "2026-06-14": [(10, 0, 12, 0), (13, 0, 15, 0)],
        "2026-06-20": [(17, 0, 23, 0)],
        "2026-03-08": [(0, 0, 1, 0), (4, 0, 6, 0)],
        "2026-04-05": [(0, 0, 1, 0), (4, 0, 6, 0)],
        "2026-10-04": [(0, 0, 1, 0), (4, 0, 6, 0)],
    ]

    static func calendar(_ zone: String) throws -> BusinessCalendar {
        let weekday = [try WorkingInterval("08:00", "12:00"), try WorkingInterval("13:00", "17:30")]
        return try BusinessCalendar(
            timeZone: zone,
            weeklyHours: WeeklyHours([
                .monday: weekday, .tuesday: weekday, .wednesday: weekday, .thursday: weekday, .friday: weekday,
                .saturday: [WorkingInterval("09:00", "13:00")],
            ]),
            holidays: [
                Holiday("New Year's Day", .fixed(month: 1, day: 1), observed: .nearestWeekday),
                Holiday("Memorial Day", .lastWeekday(.monday, month: 5)),
                Holiday("Independence Day", .fixed(month: 7, day: 4), observed: .nearestWeekday),
                Holiday("Thanksgiving Day", .nthWeekday(4, .thursday, month: 11)),
                Holiday("Christmas Day", .fixed(month: 12, day: 25), observed: .nearestWeekday),
            ],
            closures: [LocalDate(parsing: "2026-02-03"), LocalDate(parsing: "2026-07-07")],
            specialHours: specialDates.map { date, hours in
                try SpecialHours(
                    date: LocalDate(parsing: date),
                    intervals: hours.map { hour in
                        try WorkingInterval(
                            String(format: "%02d:%02d", hour.0, hour.1),
                            String(format: "%02d:%02d", hour.2, hour.3)
                        )
                    }
                )
            }
        )
    }

    /// The reference: each business day's intervals, in order.
    struct Reference {
        var days: [[(start: Date, end: Date)]] = []
        var intervals: [(start: Date, end: Date)] = []

        init(zone: String) {
            let clock = ZonedInstants(zone)
            var date = clock(2025, 12, 1)
            while date < clock(2027, 2, 1) {
                let parts = clock.calendar.dateComponents([.year, .month, .day, .weekday], from: date)
                let (year, month, day) = (parts.year!, parts.month!, parts.day!)
                let key = String(format: "%04d-%02d-%02d", year, month, day)
                // Foundation weekdays: 1 is Sunday, 7 is Saturday.
                var hours: [(Int, Int, Int, Int)] =
                    switch parts.weekday! {
                    case 1: []
                    case 7: [(9, 0, 13, 0)]
                    default: [(8, 0, 12, 0), (13, 0, 17, 30)]
                    }
                if BusinessCalendarReferenceTests.closedDates.contains(key) { hours = [] }
                if let special = BusinessCalendarReferenceTests.specialDates[key] { hours = special }
                if !hours.isEmpty {
                    days.append(
                        hours.map { (clock(year, month, day, $0.0, $0.1), clock(year, month, day, $0.2, $0.3)) }
                    )
                }
                date = clock.calendar.date(byAdding: .day, value: 1, to: date)!
            }
            intervals = days.flatMap(\.self)
        }

        func isOpen(_ instant: Date) -> Bool { intervals.contains { $0.start <= instant && instant < $0.end } }

        /// Negative when `end` is before `start`.
        func openTime(from start: Date, to end: Date) -> TimeInterval {
            guard start <= end else { return -openTime(from: end, to: start) }
            return intervals.reduce(0) { total, interval in
                total + max(0, min(end, interval.end).timeIntervalSince(max(start, interval.start)))
            }
        }

        func nextOpening(_ instant: Date) -> Date {
            intervals.first { instant < $0.end }.map { max($0.start, instant) }!
        }

        func adding(_ seconds: TimeInterval, to instant: Date) -> Date {
            var remaining = seconds
            for interval in intervals where instant < interval.end {
                let available = interval.end.timeIntervalSince(max(instant, interval.start))
                if remaining <= available { return max(instant, interval.start).addingTimeInterval(remaining) }
                remaining -= available
            }
            fatalError("beyond the reference range")
        }

        func addingBusinessDays(_ count: Int, to instant: Date) -> Date {
            let opening = nextOpening(instant)
            let day = days.firstIndex { $0.contains { $0.start <= opening && opening < $0.end } }!
            return days[day + count].last!.end
        }
    }

    @Test(arguments: ["America/New_York", "Australia/Sydney"])
    func matchesTheReference(zone: String) throws {
        let calendar = try Self.calendar(zone)
        let reference = Reference(zone: zone)
        let clock = ZonedInstants(zone)
        let first = clock(2025, 12, 2).timeIntervalSince1970
        let span = clock(2027, 1, 10).timeIntervalSince1970 - first
        var generator = SplitMix64(seed: 2026)
        // Every half hour of every special date, so that each is checked whatever the random draw.
        for date in Self.specialDates.keys.sorted() {
            let day = try LocalDate(parsing: date)
            for halfHour in 0..<48 {
                let instant = clock(day.year, day.month, day.day).addingTimeInterval(Double(halfHour) * 1_800)
                let later = instant.addingTimeInterval(Double(halfHour) * 3_600)
                #expect(calendar.isOpen(at: instant) == reference.isOpen(instant), "isOpen at \(instant)")
                #expect(
                    calendar.nextOpening(atOrAfter: instant) == reference.nextOpening(instant),
                    "next at \(instant)"
                )
                #expect(calendar.businessTime(from: instant, to: later) == reference.openTime(from: instant, to: later))
                #expect(
                    calendar.date(byAdding: try .businessMinutes(90), to: instant)
                        == reference.adding(90 * 60, to: instant),
                    "90 minutes from \(instant)"
                )
                #expect(
                    calendar.date(byAdding: try .businessDays(1), to: instant)
                        == reference.addingBusinessDays(1, to: instant),
                    "a day from \(instant)"
                )
            }
        }
        for _ in 0..<500 {
            // Whole minutes, half of them on the hour, so that exact openings and closings come up often.
            var offset = Double(generator.next() % UInt64(span / 60)) * 60
            if generator.next() % 2 == 0 { offset = (offset / 3600).rounded(.down) * 3600 }
            let instant = Date(timeIntervalSince1970: first + offset)
            let other = Date(timeIntervalSince1970: first + Double(generator.next() % UInt64(span)))
            let minutes = Int(generator.next() % 3000) + 1
            let days = Int(generator.next() % 10) + 1

            #expect(calendar.isOpen(at: instant) == reference.isOpen(instant), "isOpen at \(instant)")
            #expect(calendar.nextOpening(atOrAfter: instant) == reference.nextOpening(instant), "next at \(instant)")
            #expect(calendar.businessTime(from: instant, to: other) == reference.openTime(from: instant, to: other))
            #expect(
                calendar.date(byAdding: try .businessMinutes(minutes), to: instant)
                    == reference.adding(Double(minutes) * 60, to: instant),
                "\(minutes) minutes from \(instant)"
            )
            #expect(
                calendar.date(byAdding: try .businessDays(days), to: instant)
                    == reference.addingBusinessDays(days, to: instant),
                "\(days) days from \(instant)"
            )
        }
    }
}
