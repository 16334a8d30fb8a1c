import Civic311
import Foundation
import Testing

@Suite struct HolidayRuleTests {
    func date(_ text: String) throws -> LocalDate { try LocalDate(parsing: text) }

    @Test func nthAndLastWeekdays() throws {
        let thanksgiving = try HolidayRule.nthWeekday(4, .thursday, month: 11)
        #expect(try thanksgiving.date(in: 2026) == (try date("2026-11-26")))
        #expect(try thanksgiving.date(in: 2024) == (try date("2024-11-28")))
        #expect(try thanksgiving.date(in: 2029) == (try date("2029-11-22")))
        let laborDay = try HolidayRule.nthWeekday(1, .monday, month: 9)
        #expect(try laborDay.date(in: 2026) == (try date("2026-09-07")))
        #expect(try laborDay.date(in: 2025) == (try date("2025-09-01")))  // the 1st is itself a Monday
        let memorialDay = try HolidayRule.lastWeekday(.monday, month: 5)
        #expect(try memorialDay.date(in: 2026) == (try date("2026-05-25")))
        #expect(try memorialDay.date(in: 2027) == (try date("2027-05-31")))  // the 31st is itself a Monday
        let lastFebruarySunday = try HolidayRule.lastWeekday(.sunday, month: 2)
        #expect(try lastFebruarySunday.date(in: 2032) == (try date("2032-02-29")))
        #expect(try lastFebruarySunday.date(in: 2026) == (try date("2026-02-22")))
    }

    @Test func easterSundayMatchesPublishedDates() throws {
        let published = [
            "1970-03-29", "1981-04-19", "2000-04-23", "2008-03-23", "2011-04-24", "2019-04-21", "2024-03-31",
            "2025-04-20", "2026-04-05", "2027-03-28", "2038-04-25", "2049-04-18", "2100-03-28",
        ]
        let easter = try HolidayRule.easter()
        for text in published {
            let expected = try date(text)
            #expect(try easter.date(in: expected.year) == expected)
        }
        // Every Easter of the supported years is a Sunday between March 22 and April 25.
        for year in 1970...2100 {
            let sunday = try easter.date(in: year)
            #expect(sunday.weekday == .sunday, "\(sunday)")
            #expect(sunday >= (try LocalDate(year: year, month: 3, day: 22)), "\(sunday)")
            #expect(sunday <= (try LocalDate(year: year, month: 4, day: 25)), "\(sunday)")
        }
    }

    @Test func daysFromEaster() throws {
        let goodFriday = try HolidayRule.easter(offset: -2)
        #expect(try goodFriday.date(in: 2026) == (try date("2026-04-03")))
        #expect(try goodFriday.date(in: 2027) == (try date("2027-03-26")))
        #expect(try HolidayRule.easter(offset: 1).date(in: 2026) == (try date("2026-04-06")))
        #expect(goodFriday.description == "2 days before Easter")
        #expect(try HolidayRule.easter(offset: 1).description == "1 day after Easter")
        #expect(try HolidayRule.easter().description == "Easter Sunday")
        #expect(goodFriday.month == nil)
        #expect(try HolidayRule.fixed(month: 7, day: 4).month == 7)
        let far = #expect(throws: ValidationError.self) { try HolidayRule.easter(offset: 61) }
        #expect(far?.code == .outOfRange)
        #expect(far?.field == "easter")
    }

    @Test func agreeWithFoundationOverTheSupportedYears() throws {
        let clock = ZonedInstants("UTC")
        let weekdays: [Weekday] = [.sunday, .monday, .tuesday, .wednesday, .thursday, .friday, .saturday]
        for year in stride(from: 1970, through: 2100, by: 7) {
            for month in 1...12 {
                // Every day of the month with its weekday, from Foundation.
                var days: [(day: Int, weekday: Weekday)] = []
                var instant = clock(year, month, 1)
                while clock.calendar.component(.month, from: instant) == month {
                    days.append(
                        (
                            clock.calendar.component(.day, from: instant),
                            weekdays[clock.calendar.component(.weekday, from: instant) - 1]
                        )
                    )
                    instant = instant.addingTimeInterval(86_400)
                }
                let weekday = weekdays[(year + month) % 7]
                let matching = days.filter { $0.weekday == weekday }.map(\.day)
                let nth = (year + month) % 4 + 1
                #expect(try HolidayRule.nthWeekday(nth, weekday, month: month).date(in: year).day == matching[nth - 1])
                #expect(try HolidayRule.lastWeekday(weekday, month: month).date(in: year).day == matching.last)
                #expect(try HolidayRule.lastWeekday(weekday, month: month).date(in: year).weekday == weekday)
            }
        }
    }

    @Test func observance() throws {
        let independence = try HolidayRule.fixed(month: 7, day: 4)
        let nearest = try Holiday("Independence Day", independence, observed: .nearestWeekday)
        #expect(try nearest.observedDate(in: 2026) == (try date("2026-07-03")))  // Saturday → Friday
        #expect(try nearest.observedDate(in: 2027) == (try date("2027-07-05")))  // Sunday → Monday
        #expect(try nearest.observedDate(in: 2025) == (try date("2025-07-04")))  // Friday stays
        let following = try Holiday("Independence Day", independence, observed: .followingMonday)
        #expect(try following.observedDate(in: 2026) == (try date("2026-07-06")))
        #expect(try following.observedDate(in: 2027) == (try date("2027-07-05")))
        let sameDay = try Holiday("Independence Day", independence)
        #expect(try sameDay.observedDate(in: 2026) == (try date("2026-07-04")))
        let newYear = try Holiday("New Year's Day", .fixed(month: 1, day: 1), observed: .nearestWeekday)
        #expect(try newYear.observedDate(in: 2022) == (try date("2021-12-31")))
        #expect(try newYear.observedDate(in: 2023) == (try date("2023-01-02")))
    }

    @Test func rejectsRulesThatNameNoDate() {
        #expect(throws: ValidationError.self) { try HolidayRule.fixed(month: 13, day: 1) }
        #expect(throws: ValidationError.self) { try HolidayRule.fixed(month: 0, day: 1) }
        #expect(throws: ValidationError.self) { try HolidayRule.fixed(month: 4, day: 31) }
        #expect(throws: ValidationError.self) { try HolidayRule.fixed(month: 2, day: 29) }
        #expect(throws: ValidationError.self) { try HolidayRule.nthWeekday(5, .monday, month: 1) }
        #expect(throws: ValidationError.self) { try HolidayRule.nthWeekday(0, .monday, month: 1) }
        #expect(throws: ValidationError.self) { try HolidayRule.lastWeekday(.monday, month: 13) }
        let error = #expect(throws: ValidationError.self) { try HolidayRule.nthWeekday(6, .thursday, month: 11) }
        #expect(error?.field == "nth")
        #expect(throws: ValidationError.self) { try Holiday("", .fixed(month: 1, day: 1)) }
    }

    @Test func descriptions() throws {
        #expect(try HolidayRule.fixed(month: 7, day: 4).description == "July 4")
        #expect(try HolidayRule.nthWeekday(4, .thursday, month: 11).description == "4th thursday of November")
        #expect(try HolidayRule.lastWeekday(.monday, month: 5).description == "last monday of May")
    }

    /// Years outside 1...9999 are refused, at both ends, and so is an observed date that moves out
    /// of them; `Int.max` used to overflow in the day arithmetic.
    @Test func yearsOutsideTheSupportedRangeAreRefused() throws {
        let rules = [
            try HolidayRule.fixed(month: 7, day: 4), try HolidayRule.nthWeekday(4, .thursday, month: 11),
            try HolidayRule.lastWeekday(.monday, month: 5), try HolidayRule.easter(offset: -2),
        ]
        for rule in rules {
            for year in [Int.max, Int.min, 0, -1, 10_000] {
                let error = #expect(throws: ValidationError.self) { try rule.date(in: year) }
                #expect(error?.field == "year")
                #expect(error?.code == .outOfRange)
            }
            #expect(try rule.date(in: 1).year == 1)
            #expect(try rule.date(in: 9_999).year == 9_999)
        }
        let holiday = try Holiday("Independence Day", rules[0], observed: .nearestWeekday)
        #expect(throws: ValidationError.self) { try holiday.observedDate(in: .max) }
        #expect(try holiday.observedDate(in: 9_999).year == 9_999)
    }
}
