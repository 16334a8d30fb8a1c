import Civic311
import Foundation
import Testing

@Suite struct BusinessCalendarTests {
    let newYork = ZonedInstants("America/New_York")

    /// Monday to Friday 08:00–17:00 in New York with the US federal holidays used below.
    func office(holidays: [Holiday] = [], closures: [LocalDate] = []) throws -> BusinessCalendar {
        try BusinessCalendar(
            timeZone: "America/New_York",
            weeklyHours: .mondayToFriday([WorkingInterval("08:00", "17:00")]),
            holidays: holidays,
            closures: closures
        )
    }

    func independenceDay(_ observance: HolidayObservance) throws -> Holiday {
        try Holiday("Independence Day", .fixed(month: 7, day: 4), observed: observance)
    }

    // MARK: Opening and closing edges

    @Test func openIncludesOpeningAndExcludesClosing() throws {
        let calendar = try office()
        // Monday 2 March 2026.
        #expect(!calendar.isOpen(at: newYork(2026, 3, 2, 7, 59).addingTimeInterval(59)))
        #expect(calendar.isOpen(at: newYork(2026, 3, 2, 8, 0)))
        #expect(calendar.isOpen(at: newYork(2026, 3, 2, 16, 59).addingTimeInterval(59)))
        #expect(!calendar.isOpen(at: newYork(2026, 3, 2, 17, 0)))
        #expect(!calendar.isOpen(at: newYork(2026, 3, 7, 10, 0)))  // Saturday
    }

    @Test func nextOpening() throws {
        let calendar = try office()
        #expect(calendar.nextOpening(atOrAfter: newYork(2026, 3, 2, 10, 0)) == newYork(2026, 3, 2, 10, 0))
        #expect(calendar.nextOpening(atOrAfter: newYork(2026, 3, 2, 6, 0)) == newYork(2026, 3, 2, 8, 0))
        #expect(calendar.nextOpening(atOrAfter: newYork(2026, 3, 2, 17, 0)) == newYork(2026, 3, 3, 8, 0))
        #expect(calendar.nextOpening(atOrAfter: newYork(2026, 3, 6, 17, 30)) == newYork(2026, 3, 9, 8, 0))
        #expect(calendar.nextOpening(atOrAfter: newYork(2026, 3, 8, 12, 0)) == newYork(2026, 3, 9, 8, 0))
    }

    @Test func businessHoursEndingExactlyAtClosingAreDueAtClosing() throws {
        let calendar = try office()
        let monday4pm = newYork(2026, 3, 2, 16, 0)
        #expect(calendar.date(byAdding: try .businessHours(1), to: monday4pm) == newYork(2026, 3, 2, 17, 0))
        #expect(calendar.date(byAdding: try .businessMinutes(61), to: monday4pm) == newYork(2026, 3, 3, 8, 1))
        #expect(calendar.date(byAdding: try .businessHours(2), to: monday4pm) == newYork(2026, 3, 3, 9, 0))
        // A full day's hours from opening end at that day's closing.
        #expect(
            calendar.date(byAdding: try .businessHours(9), to: newYork(2026, 3, 2, 8, 0)) == newYork(2026, 3, 2, 17, 0)
        )
    }

    @Test func businessHoursFromClosedTimeStartAtNextOpening() throws {
        let calendar = try office()
        let saturday = newYork(2026, 3, 7, 10, 0)
        #expect(calendar.date(byAdding: try .businessHours(1), to: saturday) == newYork(2026, 3, 9, 9, 0))
        let friday5pm = newYork(2026, 3, 6, 17, 0)
        #expect(calendar.date(byAdding: try .businessHours(1), to: friday5pm) == newYork(2026, 3, 9, 9, 0))
        let friday4pm = newYork(2026, 3, 6, 16, 0)
        #expect(calendar.date(byAdding: try .businessHours(2), to: friday4pm) == newYork(2026, 3, 9, 9, 0))
        // 72 business hours = 8 days of 9 hours: Monday 10:00 + 8 business days → Thursday 10:00 a week on.
        #expect(
            calendar.date(byAdding: try .businessHours(72), to: newYork(2026, 4, 6, 10, 0))
                == newYork(2026, 4, 16, 10, 0)
        )
    }

    @Test func businessDaysEndAtCloseOfTheNthFollowingBusinessDay() throws {
        let calendar = try office()
        let tuesdayClose = newYork(2026, 3, 3, 17, 0)
        let oneDay = try SLADuration.businessDays(1)
        #expect(calendar.date(byAdding: oneDay, to: newYork(2026, 3, 2, 10, 0)) == tuesdayClose)
        #expect(calendar.date(byAdding: oneDay, to: newYork(2026, 3, 2, 7, 30)) == tuesdayClose)
        let sunday = newYork(2026, 3, 1, 12, 0)
        #expect(calendar.date(byAdding: oneDay, to: sunday) == tuesdayClose)
        #expect(calendar.date(byAdding: oneDay, to: newYork(2026, 3, 2, 17, 0)) == newYork(2026, 3, 4, 17, 0))
        #expect(calendar.date(byAdding: oneDay, to: newYork(2026, 3, 6, 10, 0)) == newYork(2026, 3, 9, 17, 0))
        #expect(
            calendar.date(byAdding: try .businessDays(10), to: newYork(2026, 3, 2, 10, 0))
                == newYork(2026, 3, 16, 17, 0)
        )
    }

    @Test func calendarDurationsIgnoreTheCalendar() throws {
        let calendar = try office()
        let saturday = newYork(2026, 3, 7, 10, 0)
        #expect(calendar.date(byAdding: try .calendarHours(72), to: saturday) == saturday.addingTimeInterval(72 * 3600))
        #expect(calendar.date(byAdding: try .calendarMinutes(5), to: saturday) == saturday.addingTimeInterval(300))
        // Elapsed days: across the spring-forward change, 1 day later is 11:00 on the wall clock.
        #expect(calendar.date(byAdding: try .calendarDays(1), to: saturday) == newYork(2026, 3, 8, 11, 0))
    }

    // MARK: Business time between instants

    @Test func businessTimeBetweenInstants() throws {
        let calendar = try office()
        let friday4pm = newYork(2026, 3, 6, 16, 0)
        let monday10am = newYork(2026, 3, 9, 10, 0)
        #expect(calendar.businessTime(from: friday4pm, to: monday10am) == 3 * 3600)
        #expect(calendar.businessTime(from: monday10am, to: friday4pm) == -3 * 3600)
        #expect(calendar.businessTime(from: newYork(2026, 3, 7, 9, 0), to: newYork(2026, 3, 8, 20, 0)) == 0)
        #expect(calendar.businessTime(from: monday10am, to: monday10am.addingTimeInterval(90.5)) == 90.5)
        // A whole working week.
        #expect(calendar.businessTime(from: newYork(2026, 4, 5), to: newYork(2026, 4, 12)) == 45 * 3600)
    }

    @Test func pausedClockResumesWithTheBusinessTimeLeft() throws {
        let calendar = try office()
        let intake = newYork(2026, 3, 2, 9, 0)
        let due = calendar.date(byAdding: try .businessHours(8), to: intake)
        // Paused Monday 11:00 → Wednesday 15:00 waiting on the resident: 2 hours used, 6 left.
        let used = calendar.businessTime(from: intake, to: newYork(2026, 3, 2, 11, 0))
        let resumed = try calendar.date(byAddingBusinessTime: 8 * 3600 - used, to: newYork(2026, 3, 4, 15, 0))
        #expect(due == newYork(2026, 3, 2, 17, 0))
        #expect(resumed == newYork(2026, 3, 5, 12, 0))
        #expect(try calendar.date(byAddingBusinessTime: 0, to: intake) == intake)
        #expect(throws: ValidationError.self) { try calendar.date(byAddingBusinessTime: -1, to: intake) }
        #expect(throws: ValidationError.self) { try calendar.date(byAddingBusinessTime: .nan, to: intake) }
    }

    // MARK: Several intervals a day

    @Test func lunchClosure() throws {
        let calendar = try BusinessCalendar(
            timeZone: "America/New_York",
            weeklyHours: .mondayToFriday([WorkingInterval("08:00", "12:00"), WorkingInterval("13:00", "17:00")])
        )
        let monday = { (hour: Int, minute: Int) in self.newYork(2026, 3, 2, hour, minute) }
        #expect(calendar.isOpen(at: monday(11, 59)))
        #expect(!calendar.isOpen(at: monday(12, 0)))
        #expect(!calendar.isOpen(at: monday(12, 30)))
        #expect(calendar.isOpen(at: monday(13, 0)))
        #expect(calendar.nextOpening(atOrAfter: monday(12, 0)) == monday(13, 0))
        #expect(calendar.date(byAdding: try .businessHours(1), to: monday(11, 30)) == monday(13, 30))
        #expect(calendar.date(byAdding: try .businessMinutes(30), to: monday(11, 30)) == monday(12, 0))
        #expect(calendar.businessTime(from: monday(7, 0), to: monday(18, 0)) == 8 * 3600)
        #expect(calendar.date(byAdding: try .businessDays(1), to: monday(12, 30)) == newYork(2026, 3, 3, 17, 0))
    }

    @Test func touchingIntervalsActAsOne() throws {
        let calendar = try BusinessCalendar(
            timeZone: "America/New_York",
            weeklyHours: .mondayToFriday([WorkingInterval("12:00", "17:00"), WorkingInterval("08:00", "12:00")])
        )
        #expect(calendar.isOpen(at: newYork(2026, 3, 2, 12, 0)))
        #expect(
            calendar.date(byAdding: try .businessHours(2), to: newYork(2026, 3, 2, 11, 0)) == newYork(2026, 3, 2, 13, 0)
        )
    }

    // MARK: Holidays and closures

    @Test func saturdayHolidayObservedOnFriday() throws {
        // July 4 2026 is a Saturday.
        let calendar = try office(holidays: [independenceDay(.nearestWeekday)])
        #expect(!calendar.isOpen(at: newYork(2026, 7, 3, 10, 0)))
        #expect(calendar.nextOpening(atOrAfter: newYork(2026, 7, 2, 17, 0)) == newYork(2026, 7, 6, 8, 0))
        #expect(
            calendar.date(byAdding: try .businessHours(2), to: newYork(2026, 7, 2, 16, 0)) == newYork(2026, 7, 6, 9, 0)
        )
        #expect(
            calendar.date(byAdding: try .businessDays(1), to: newYork(2026, 7, 2, 10, 0)) == newYork(2026, 7, 6, 17, 0)
        )
        #expect(calendar.businessTime(from: newYork(2026, 6, 29), to: newYork(2026, 7, 6)) == 4 * 9 * 3600)
    }

    @Test func sundayHolidayObservedOnMonday() throws {
        // July 4 2027 is a Sunday.
        let calendar = try office(holidays: [independenceDay(.nearestWeekday)])
        #expect(calendar.isOpen(at: newYork(2027, 7, 2, 10, 0)))
        #expect(!calendar.isOpen(at: newYork(2027, 7, 5, 10, 0)))
        #expect(
            calendar.date(byAdding: try .businessHours(2), to: newYork(2027, 7, 2, 16, 0)) == newYork(2027, 7, 6, 9, 0)
        )
    }

    @Test func newYearOnSaturdayIsObservedInThePreviousYear() throws {
        // 1 January 2022 was a Saturday: observed on Friday 31 December 2021.
        let calendar = try office(holidays: [
            Holiday("New Year's Day", .fixed(month: 1, day: 1), observed: .nearestWeekday)
        ])
        #expect(!calendar.isOpen(at: newYork(2021, 12, 31, 10, 0)))
        #expect(calendar.isOpen(at: newYork(2021, 12, 30, 10, 0)))
        #expect(calendar.isOpen(at: newYork(2022, 1, 3, 10, 0)))
    }

    @Test func followingMondayAndSameDayObservance() throws {
        let followingMonday = try office(holidays: [independenceDay(.followingMonday)])
        #expect(followingMonday.isOpen(at: newYork(2026, 7, 3, 10, 0)))
        #expect(!followingMonday.isOpen(at: newYork(2026, 7, 6, 10, 0)))
        let sameDay = try office(holidays: [independenceDay(.sameDay)])
        #expect(sameDay.isOpen(at: newYork(2026, 7, 3, 10, 0)))
        #expect(sameDay.isOpen(at: newYork(2026, 7, 6, 10, 0)))
        #expect(!sameDay.isOpen(at: newYork(2025, 7, 4, 10, 0)))  // a Friday
    }

    @Test func holidayDateStaysClosedForSaturdayHours() throws {
        let calendar = try BusinessCalendar(
            timeZone: "America/New_York",
            weeklyHours: WeeklyHours([
                .friday: [WorkingInterval("09:00", "17:00")], .saturday: [WorkingInterval("09:00", "13:00")],
            ]),
            holidays: [independenceDay(.nearestWeekday)]
        )
        #expect(!calendar.isOpen(at: newYork(2026, 7, 3, 10, 0)))
        #expect(!calendar.isOpen(at: newYork(2026, 7, 4, 10, 0)))
        #expect(calendar.isOpen(at: newYork(2026, 7, 11, 10, 0)))
    }

    @Test func nthAndLastWeekdayHolidays() throws {
        let calendar = try office(holidays: [
            Holiday("Thanksgiving Day", .nthWeekday(4, .thursday, month: 11)),
            Holiday("Memorial Day", .lastWeekday(.monday, month: 5)),
        ])
        #expect(!calendar.isOpen(at: newYork(2026, 11, 26, 10, 0)))
        #expect(calendar.isOpen(at: newYork(2026, 11, 19, 10, 0)))
        #expect(!calendar.isOpen(at: newYork(2026, 5, 25, 10, 0)))
        #expect(calendar.isOpen(at: newYork(2026, 5, 18, 10, 0)))
        #expect(
            calendar.date(byAdding: try .businessHours(3), to: newYork(2026, 11, 25, 16, 0))
                == newYork(2026, 11, 27, 10, 0)
        )
    }

    @Test func dueDateAcrossTheYearEnd() throws {
        let calendar = try office(holidays: [
            Holiday("Christmas Day", .fixed(month: 12, day: 25), observed: .nearestWeekday),
            Holiday("New Year's Day", .fixed(month: 1, day: 1), observed: .nearestWeekday),
        ])
        // Thursday 24 December 2026, 15:00; Christmas and New Year's Day are Fridays.
        let intake = newYork(2026, 12, 24, 15, 0)
        #expect(calendar.date(byAdding: try .businessDays(5), to: intake) == newYork(2027, 1, 4, 17, 0))
        #expect(calendar.date(byAdding: try .businessHours(40), to: intake) == newYork(2027, 1, 4, 10, 0))
        #expect(calendar.businessTime(from: intake, to: newYork(2027, 1, 4, 10, 0)) == 40 * 3600)
    }

    @Test func closureDays() throws {
        // A snow day on Tuesday 3 February 2026.
        let calendar = try office(closures: [LocalDate(year: 2026, month: 2, day: 3)])
        #expect(!calendar.isOpen(at: newYork(2026, 2, 3, 10, 0)))
        #expect(
            calendar.date(byAdding: try .businessHours(2), to: newYork(2026, 2, 2, 16, 0)) == newYork(2026, 2, 4, 9, 0)
        )
        #expect(
            calendar.date(byAdding: try .businessDays(1), to: newYork(2026, 2, 2, 10, 0)) == newYork(2026, 2, 4, 17, 0)
        )
        #expect(calendar.businessTime(from: newYork(2026, 2, 2), to: newYork(2026, 2, 5)) == 18 * 3600)
        #expect(calendar.nextOpening(atOrAfter: newYork(2026, 2, 3, 9, 0)) == newYork(2026, 2, 4, 8, 0))
    }

    // MARK: 24×7

    @Test func twentyFourSeven() throws {
        let calendar = try BusinessCalendar.twentyFourSeven(timeZone: "America/Chicago")
        let chicago = ZonedInstants("America/Chicago")
        let sunday = chicago(2026, 6, 7, 3, 17)
        #expect(calendar.isOpen(at: sunday))
        #expect(calendar.isOpen(at: chicago(2026, 6, 8)))
        #expect(calendar.nextOpening(atOrAfter: sunday) == sunday)
        #expect(calendar.date(byAdding: try .businessHours(72), to: sunday) == sunday.addingTimeInterval(72 * 3600))
        #expect(calendar.businessTime(from: sunday, to: sunday.addingTimeInterval(1e6)) == 1e6)
        // Business days are calendar days; the day ends at midnight.
        #expect(calendar.date(byAdding: try .businessDays(1), to: sunday) == chicago(2026, 6, 9))
    }

    // MARK: Beyond the supported years

    @Test func instantsOutsideTheSupportedYears() throws {
        let calendar = try office(holidays: [independenceDay(.nearestWeekday)])
        // Weekly hours still apply (winter dates: outside the range the offset at its edge is used).
        #expect(calendar.isOpen(at: newYork(2150, 1, 6, 10, 0)))
        #expect(!calendar.isOpen(at: newYork(1950, 1, 7, 10, 0)))
        // Thursday 30 December 2100 + 3 business days runs past the range's end.
        #expect(
            calendar.date(byAdding: try .businessDays(3), to: newYork(2100, 12, 30, 10, 0))
                == newYork(2101, 1, 4, 17, 0)
        )
        // Absurd instants are clamped to years 1...9999 rather than trapping.
        #expect(!calendar.businessTime(from: .distantPast, to: .distantFuture).isNaN)
        #expect(calendar.date(byAdding: try .businessDays(36_500), to: .distantFuture) > .distantFuture)
        #expect(calendar.nextOpening(atOrAfter: Date(timeIntervalSince1970: -.infinity)) > .distantPast)
    }

    // MARK: Validation

    @Test func rejectsUnknownTimeZone() {
        let error = #expect(throws: ValidationError.self) {
            try BusinessCalendar.twentyFourSeven(timeZone: "Mars/Olympus_Mons")
        }
        #expect(error?.code == .unknownReference)
        #expect(error?.field == "timeZone")
    }

    @Test func rejectsAWeekWithoutHours() {
        let error = #expect(throws: ValidationError.self) {
            try BusinessCalendar(timeZone: "America/New_York", weeklyHours: WeeklyHours([:]))
        }
        #expect(error?.field == "weeklyHours")
    }

    @Test func rejectsDuplicateAndOutOfRangeClosures() throws {
        let snowDay = try LocalDate(year: 2026, month: 2, day: 3)
        let duplicate = #expect(throws: ValidationError.self) { try office(closures: [snowDay, snowDay]) }
        #expect(duplicate?.code == .duplicate)
        #expect(duplicate?.field == "closures[1]")
        let early = #expect(throws: ValidationError.self) {
            try office(closures: [LocalDate(year: 1900, month: 1, day: 2)])
        }
        #expect(early?.code == .outOfRange)
    }

    @Test func calendarsCompareByDefinition() throws {
        let closures = [try LocalDate(year: 2026, month: 2, day: 3), try LocalDate(year: 2026, month: 1, day: 5)]
        #expect(try office(closures: closures) == office(closures: closures.reversed()))
        #expect(try office(closures: closures) != office())
    }
}
