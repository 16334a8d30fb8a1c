@_spi(Benchmarks) import Civic311
import Foundation
import Testing

/// Weeks in which clocks change, in New York (spring forward 8 March 2026 02:00, fall back 1 November
/// 2026 02:00), Sydney (back 5 April 2026 03:00, forward 4 October 2026 02:00) and Santiago, whose
/// clocks change at midnight (back at 24:00 on Saturday 4 April 2026, forward at 24:00 on Saturday
/// 5 September 2026, so that Sunday 00:00 does not exist).
@Suite struct BusinessCalendarDaylightSavingTests {
    let newYork = ZonedInstants("America/New_York")
    let sydney = ZonedInstants("Australia/Sydney")
    let hour = 3600.0

    func utc(_ year: Int, _ month: Int, _ day: Int, _ hour: Int, _ minute: Int = 0) -> Date {
        ZonedInstants("UTC")(year, month, day, hour, minute)
    }

    func office(_ zone: String) throws -> BusinessCalendar {
        try BusinessCalendar(timeZone: zone, weeklyHours: .mondayToFriday([WorkingInterval("08:00", "17:00")]))
    }

    // MARK: New York

    @Test func officeHoursFollowTheWallClockAcrossSpringForward() throws {
        let calendar = try office("America/New_York")
        // Friday 16:00 EST + 2 business hours = Monday 09:00 EDT, which is 13:00 UTC.
        let due = calendar.date(byAdding: try .businessHours(2), to: newYork(2026, 3, 6, 16, 0))
        #expect(due == utc(2026, 3, 9, 13))
        #expect(due == newYork(2026, 3, 9, 9, 0))
        #expect(calendar.isOpen(at: utc(2026, 3, 9, 12)))  // 08:00 EDT
        #expect(!calendar.isOpen(at: utc(2026, 3, 9, 21)))  // 17:00 EDT
        #expect(calendar.businessTime(from: newYork(2026, 3, 6, 8, 0), to: newYork(2026, 3, 9, 17, 0)) == 18 * hour)
        #expect(calendar.businessTime(from: newYork(2026, 3, 2), to: newYork(2026, 3, 16)) == 90 * hour)
    }

    @Test func officeHoursFollowTheWallClockAcrossFallBack() throws {
        let calendar = try office("America/New_York")
        let due = calendar.date(byAdding: try .businessHours(2), to: newYork(2026, 10, 30, 16, 0))
        #expect(due == utc(2026, 11, 2, 14))  // 09:00 EST
        #expect(calendar.date(byAdding: try .businessDays(1), to: newYork(2026, 10, 30, 10, 0)) == utc(2026, 11, 2, 22))
    }

    @Test func aroundTheClockDaysLast23And25Hours() throws {
        let calendar = try BusinessCalendar.twentyFourSeven(timeZone: "America/New_York")
        #expect(calendar.businessTime(from: newYork(2026, 3, 7, 12, 0), to: newYork(2026, 3, 8, 12, 0)) == 23 * hour)
        #expect(calendar.businessTime(from: newYork(2026, 10, 31, 12, 0), to: newYork(2026, 11, 1, 12, 0)) == 25 * hour)
        #expect(
            calendar.date(byAdding: try .businessHours(24), to: newYork(2026, 3, 7, 12, 0))
                == newYork(2026, 3, 8, 13, 0)
        )
        #expect(calendar.date(byAdding: try .businessDays(1), to: newYork(2026, 3, 7, 12, 0)) == newYork(2026, 3, 9))
        #expect(calendar.isOpen(at: utc(2026, 11, 1, 5, 30)))  // 01:30 EDT
        #expect(calendar.isOpen(at: utc(2026, 11, 1, 6, 30)))  // 01:30 EST
    }

    @Test func intervalSpanningTheChangeIsAsLongAsItReallyIs() throws {
        // A Sunday night shift 00:00–04:00.
        let calendar = try BusinessCalendar(
            timeZone: "America/New_York",
            weeklyHours: WeeklyHours([.sunday: [WorkingInterval("00:00", "04:00")]])
        )
        #expect(calendar.businessTime(from: newYork(2026, 3, 1), to: newYork(2026, 3, 2)) == 4 * hour)
        #expect(calendar.businessTime(from: newYork(2026, 3, 8), to: newYork(2026, 3, 9)) == 3 * hour)
        #expect(calendar.businessTime(from: newYork(2026, 11, 1), to: newYork(2026, 11, 2)) == 5 * hour)
        #expect(calendar.date(byAdding: try .businessHours(3), to: newYork(2026, 3, 8)) == utc(2026, 3, 8, 8))
        #expect(calendar.date(byAdding: try .businessHours(3), to: newYork(2026, 11, 1)) == utc(2026, 11, 1, 7))
        #expect(calendar.date(byAdding: try .businessHours(5), to: newYork(2026, 10, 31)) == utc(2026, 11, 1, 9))
        #expect(calendar.isOpen(at: utc(2026, 11, 1, 6, 30)))  // 01:30 EST, the second 01:30
    }

    @Test func wallClockTimesThatDoNotExistOrRepeat() throws {
        // 02:30–05:00: on spring-forward Sunday 02:30 does not exist; the office opens when clocks jump.
        // 01:00–01:45: on fall-back Sunday the first 01:00–01:45 counts, not the repeat.
        let calendar = try BusinessCalendar(
            timeZone: "America/New_York",
            weeklyHours: WeeklyHours([
                .sunday: [WorkingInterval("01:00", "01:45"), WorkingInterval("02:30", "05:00")]
            ])
        )
        #expect(calendar.nextOpening(atOrAfter: utc(2026, 3, 8, 6, 50)) == utc(2026, 3, 8, 7))  // 03:00 EDT
        #expect(calendar.businessTime(from: newYork(2026, 3, 8, 1, 45), to: newYork(2026, 3, 9)) == 2 * hour)
        #expect(calendar.isOpen(at: utc(2026, 11, 1, 5, 30)))  // 01:30 EDT
        #expect(!calendar.isOpen(at: utc(2026, 11, 1, 6, 30)))  // 01:30 EST
        #expect(calendar.nextOpening(atOrAfter: utc(2026, 11, 1, 6, 30)) == utc(2026, 11, 1, 7, 30))  // 02:30 EST
    }

    // MARK: Sydney

    @Test func sydneyOfficeAndAroundTheClockDays() throws {
        let calendar = try office("Australia/Sydney")
        // Friday 3 April 16:00 AEDT + 2 business hours = Monday 6 April 09:00 AEST = Sunday 23:00 UTC.
        #expect(calendar.date(byAdding: try .businessHours(2), to: sydney(2026, 4, 3, 16, 0)) == utc(2026, 4, 5, 23))
        #expect(calendar.date(byAdding: try .businessHours(2), to: sydney(2026, 10, 2, 16, 0)) == utc(2026, 10, 4, 22))
        let always = try BusinessCalendar.twentyFourSeven(timeZone: "Australia/Sydney")
        #expect(always.businessTime(from: sydney(2026, 4, 4, 12, 0), to: sydney(2026, 4, 5, 12, 0)) == 25 * hour)
        #expect(always.businessTime(from: sydney(2026, 10, 3, 12, 0), to: sydney(2026, 10, 4, 12, 0)) == 23 * hour)
    }

    // MARK: Santiago: changes at midnight

    @Test func santiagoMidnightChanges() throws {
        let always = try BusinessCalendar.twentyFourSeven(timeZone: "America/Santiago")
        // Saturday 4 April 12:00 -03 (15:00 UTC) to Sunday 12:00 -04 (16:00 UTC).
        #expect(always.businessTime(from: utc(2026, 4, 4, 15), to: utc(2026, 4, 5, 16)) == 25 * hour)
        // Saturday 5 September 12:00 -04 (16:00 UTC) to Sunday 12:00 -03 (15:00 UTC).
        #expect(always.businessTime(from: utc(2026, 9, 5, 16), to: utc(2026, 9, 6, 15)) == 23 * hour)
        // Saturday 4 April is 25 hours long: its close is Sunday 00:00 -04.
        #expect(always.date(byAdding: try .businessDays(1), to: utc(2026, 4, 3, 15)) == utc(2026, 4, 5, 4))
        // Sunday 6 September has no 00:00; Saturday's close is the jump to 01:00 -03.
        #expect(always.date(byAdding: try .businessDays(1), to: utc(2026, 9, 4, 15)) == utc(2026, 9, 6, 4))
        let office = try office("America/Santiago")
        #expect(office.date(byAdding: try .businessHours(2), to: utc(2026, 4, 3, 19)) == utc(2026, 4, 6, 13))
        #expect(!office.isOpen(at: utc(2026, 4, 5, 3, 30)))
    }

    @Test func repeatedHourAcrossMidnight() throws {
        // St. John's, 7 November 2010: at 00:01 -02:30 (02:31 UTC) clocks went back to 23:01 -03:30 on
        // the 6th, so 23:01–00:01 ran twice and the second run belongs to the 7th.
        let always = try BusinessCalendar.twentyFourSeven(timeZone: "America/St_Johns")
        let saturdayNoon = utc(2010, 11, 6, 14, 30)
        #expect(always.businessTime(from: saturdayNoon, to: utc(2010, 11, 7, 3)) == 12.5 * hour)
        #expect(always.businessTime(from: saturdayNoon, to: utc(2010, 11, 7, 15, 30)) == 25 * hour)
        #expect(always.date(byAdding: try .businessMinutes(750), to: saturdayNoon) == utc(2010, 11, 7, 3))
        let office = try BusinessCalendar(
            timeZone: "America/St_Johns",
            weeklyHours: WeeklyHours([.sunday: [WorkingInterval("00:00", "00:30")]])
        )
        // Sunday 00:00–00:30 opens at the first 00:00 (02:30 UTC); the first run of the clock stopped at
        // 00:01, so 00:30 came only once, at 04:00 UTC: that Sunday the office was open 90 minutes.
        #expect(office.isOpen(at: utc(2010, 11, 7, 2, 45)))
        #expect(office.isOpen(at: utc(2010, 11, 7, 3, 15)))
        #expect(!office.isOpen(at: utc(2010, 11, 7, 4)))
        #expect(office.businessTime(from: utc(2010, 11, 6, 12), to: utc(2010, 11, 8, 12)) == 90 * 60)
    }

    // MARK: Invariants over many zones

    /// Around the clock, open time is elapsed time, whatever the zone's changes. St. John's, until 2011,
    /// went back from 00:01 to 23:01 of the previous day; Lord Howe changes by half an hour.
    @Test(arguments: [
        ("America/New_York", 2025), ("America/Los_Angeles", 2025), ("Europe/London", 2025),
        ("Australia/Sydney", 2025), ("America/Santiago", 2025), ("Asia/Beirut", 2025), ("America/Havana", 2025),
        ("Australia/Lord_Howe", 2025), ("Asia/Kolkata", 2025), ("UTC", 2025), ("America/St_Johns", 2009),
    ])
    func aroundTheClockBusinessTimeIsElapsedTime(zone: String, year: Int) throws {
        let calendar = try BusinessCalendar.twentyFourSeven(timeZone: zone)
        var generator = SplitMix64(seed: 7)
        let start = utc(year, 1, 1, 0).timeIntervalSince1970
        for _ in 0..<400 {
            let from = Date(timeIntervalSince1970: start + Double(generator.next() % 63_000_000))
            let to = from.addingTimeInterval(Double(generator.next() % 5_000_000))
            #expect(calendar.isOpen(at: from))
            #expect(calendar.businessTime(from: from, to: to) == to.timeIntervalSince(from))
            #expect(calendar.nextOpening(atOrAfter: from) == from)
            let hours = Int(generator.next() % 500) + 1
            #expect(
                calendar.date(byAdding: try .businessHours(hours), to: from)
                    == from.addingTimeInterval(Double(hours) * hour)
            )
        }
    }
}
