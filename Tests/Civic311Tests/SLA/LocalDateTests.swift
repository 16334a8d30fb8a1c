import Civic311
import Foundation
import Testing

@Suite struct LocalDateTests {
    @Test func agreesWithFoundationOverCenturies() throws {
        let clock = ZonedInstants("UTC")
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        // Every 37th day from 1900 to 2200 crosses every weekday, month length and leap rule.
        var day = clock(1900, 1, 1)
        while day < clock(2200, 1, 1) {
            let parts = calendar.dateComponents([.year, .month, .day, .weekday], from: day)
            let date = try LocalDate(year: parts.year!, month: parts.month!, day: parts.day!)
            let weekdays: [Weekday] = [.sunday, .monday, .tuesday, .wednesday, .thursday, .friday, .saturday]
            #expect(date.weekday == weekdays[parts.weekday! - 1], "\(date)")
            day = day.addingTimeInterval(37 * 86_400)
        }
    }

    @Test func parsesAndPrints() throws {
        #expect(try LocalDate(parsing: "2024-02-29").description == "2024-02-29")
        #expect(try LocalDate(parsing: "0999-12-31") == LocalDate(year: 999, month: 12, day: 31))
        #expect(try LocalDate(parsing: "2026-07-04").weekday == .saturday)
        for text in [
            "2023-02-29", "2026-13-01", "2026-00-10", "2026-7-4", "20260704", "2026-07-04T00:00", "", "0000-01-01",
        ] {
            #expect(throws: ValidationError.self, "\(text)") { try LocalDate(parsing: text) }
        }
    }

    @Test func ordersByDate() throws {
        #expect(try LocalDate(parsing: "2026-01-31") < LocalDate(parsing: "2026-02-01"))
        #expect(try LocalDate(parsing: "2025-12-31") < LocalDate(parsing: "2026-01-01"))
    }
}
