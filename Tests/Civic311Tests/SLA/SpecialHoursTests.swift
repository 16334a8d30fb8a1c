import Civic311
import Foundation
import Testing

/// Special hours replace a calendar's weekly hours on one date: shorter, longer, on a day off, on a
/// holiday, and on the day clocks change.
@Suite struct SpecialHoursTests {
    let newYork = ZonedInstants("America/New_York")

    func date(_ text: String) throws -> LocalDate { try LocalDate(parsing: text) }

    func special(_ text: String, _ intervals: (String, String)...) throws -> SpecialHours {
        try SpecialHours(date: date(text), intervals: intervals.map { try WorkingInterval($0.0, $0.1) })
    }

    /// Monday to Friday 08:00–17:00 in New York.
    func office(
        holidays: [Holiday] = [],
        closures: [LocalDate] = [],
        specialHours: [SpecialHours] = []
    ) throws -> BusinessCalendar {
        try BusinessCalendar(
            timeZone: "America/New_York",
            weeklyHours: .mondayToFriday([WorkingInterval("08:00", "17:00")]),
            holidays: holidays,
            closures: closures,
            specialHours: specialHours
        )
    }

    @Test func aHalfDayClosesEarly() throws {
        // Thursday 24 December 2026, open 08:00-12:00 only.
        let calendar = try office(specialHours: [special("2026-12-24", ("08:00", "12:00"))])
        #expect(calendar.isOpen(at: newYork(2026, 12, 24, 11, 59)))
        #expect(!calendar.isOpen(at: newYork(2026, 12, 24, 12, 0)))
        #expect(!calendar.isOpen(at: newYork(2026, 12, 24, 15, 0)))
        #expect(calendar.nextOpening(atOrAfter: newYork(2026, 12, 24, 13, 0)) == newYork(2026, 12, 25, 8, 0))
        // 4 hours on the 24th, 9 on Friday the 25th (no holidays in this calendar), none at the weekend.
        #expect(calendar.businessTime(from: newYork(2026, 12, 24), to: newYork(2026, 12, 28)) == 13 * 3_600)
        #expect(
            calendar.date(byAdding: try .businessHours(4), to: newYork(2026, 12, 24, 10, 0))
                == newYork(2026, 12, 25, 10, 0)
        )
        // One business day from the morning of the 23rd closes at the end of the half day.
        #expect(
            calendar.date(byAdding: try .businessDays(1), to: newYork(2026, 12, 23, 10, 0))
                == newYork(2026, 12, 24, 12, 0)
        )
    }

    @Test func aSaturdayOpeningIsABusinessDay() throws {
        // Saturday 26 September 2026, a clean-up drive 09:00-13:00.
        let calendar = try office(specialHours: [special("2026-09-26", ("09:00", "13:00"))])
        #expect(calendar.isOpen(at: newYork(2026, 9, 26, 10, 0)))
        #expect(calendar.nextOpening(atOrAfter: newYork(2026, 9, 25, 18, 0)) == newYork(2026, 9, 26, 9, 0))
        #expect(
            calendar.date(byAdding: try .businessDays(1), to: newYork(2026, 9, 25, 10, 0))
                == newYork(2026, 9, 26, 13, 0)
        )
        #expect(
            calendar.date(byAdding: try .businessDays(2), to: newYork(2026, 9, 25, 10, 0))
                == newYork(2026, 9, 28, 17, 0)
        )
        // One hour on Friday, four on Saturday, then Monday.
        #expect(
            calendar.date(byAdding: try .businessHours(5), to: newYork(2026, 9, 25, 16, 0))
                == newYork(2026, 9, 26, 13, 0)
        )
        #expect(
            calendar.date(byAdding: try .businessHours(6), to: newYork(2026, 9, 25, 16, 0))
                == newYork(2026, 9, 28, 9, 0)
        )
    }

    @Test func specialHoursApplyOnAHoliday() throws {
        let christmas = try Holiday("Christmas Day", .fixed(month: 12, day: 25), observed: .nearestWeekday)
        let calendar = try office(holidays: [christmas], specialHours: [special("2026-12-25", ("09:00", "11:00"))])
        #expect(calendar.isOpen(at: newYork(2026, 12, 25, 10, 0)))
        #expect(!calendar.isOpen(at: newYork(2026, 12, 25, 12, 0)))
        #expect(calendar.businessTime(from: newYork(2026, 12, 25), to: newYork(2026, 12, 26)) == 2 * 3_600)
        // The holiday still closes the same date in other years.
        #expect(!calendar.isOpen(at: newYork(2025, 12, 25, 10, 0)))
    }

    @Test func specialHoursOnTheNightClocksGoBack() throws {
        // Sunday 1 November 2026: 01:00-02:00 happens twice in New York, so 00:00-04:00 lasts five hours.
        let calendar = try office(specialHours: [special("2026-11-01", ("00:00", "04:00"))])
        let start = newYork(2026, 11, 1, 0, 0)
        #expect(calendar.businessTime(from: newYork(2026, 10, 31), to: newYork(2026, 11, 2)) == 5 * 3_600)
        #expect(calendar.date(byAdding: try .businessHours(5), to: start) == start.addingTimeInterval(5 * 3_600))
        #expect(!calendar.isOpen(at: start.addingTimeInterval(5 * 3_600)))
    }

    @Test func rejectsEmptyOverlappingDuplicateAndClosedDates() throws {
        let empty = #expect(throws: ValidationError.self) { try SpecialHours(date: date("2026-12-24"), intervals: []) }
        #expect(empty?.code == .missingValue)
        #expect(empty?.field == "intervals")
        let overlap = #expect(throws: ValidationError.self) {
            try special("2026-12-24", ("08:00", "12:00"), ("11:00", "13:00"))
        }
        #expect(overlap?.field == "intervals[1]")

        let eve = try special("2026-12-24", ("08:00", "12:00"))
        let duplicate = #expect(throws: ValidationError.self) { try office(specialHours: [eve, eve]) }
        #expect(duplicate?.code == .duplicate)
        #expect(duplicate?.field == "specialHours[1]")
        let closed = #expect(throws: ValidationError.self) {
            try office(closures: [date("2026-12-24")], specialHours: [eve])
        }
        #expect(closed?.field == "specialHours[0]")
        #expect(closed?.reason.contains("closure") == true)
        let early = #expect(throws: ValidationError.self) {
            try office(specialHours: [special("1960-12-24", ("08:00", "12:00"))])
        }
        #expect(early?.code == .outOfRange)
    }

    @Test func calendarsCompareAndPrintTheirSpecialHours() throws {
        let eve = try special("2026-12-24", ("08:00", "12:00"))
        let drive = try special("2026-09-26", ("09:00", "13:00"))
        #expect(try office(specialHours: [eve, drive]) == office(specialHours: [drive, eve]))
        #expect(try office(specialHours: [eve]) != office())
        #expect(try office(specialHours: [eve]).description.hasSuffix("closures: 0, special hours: 1)"))
        #expect(try office().description.hasSuffix("closures: 0)"))
        #expect(eve.description == "2026-12-24 08:00-12:00")
    }
}
