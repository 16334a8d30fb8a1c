import Civic311
import Foundation

/// SLA due dates on a business calendar with holidays: the figure is at least 2 million per
/// second. The calendar is a Monday–Friday 08:00–12:00 / 13:00–17:00 office in New York with the
/// eleven US federal holidays; intakes are spread over 2024–2028, at every time of day, on both sides
/// of every daylight-saving change and holiday.
enum CalendarBenchmark {
    static func run() throws {
        let count = 4_000_000
        let builds = 50
        var calendars: [BusinessCalendar] = []
        calendars.reserveCapacity(builds)
        let buildSeconds = try Measurement.seconds {
            for _ in 0..<builds { calendars.append(try federalOffice()) }
        }
        let calendar = calendars[0]
        // Intakes from 2024-01-01 00:00 UTC, stepping by a prime number of seconds through five years.
        let first = 1_704_067_200.0
        let span = 5 * 365 * 86_400.0
        var checksum = 0.0
        func measure(_ body: (Date, Int) -> Double) -> Double {
            var offset = 0.0
            var sum = 0.0
            let seconds = Measurement.seconds {
                for index in 0..<count {
                    offset += 7_919
                    if offset >= span { offset -= span }
                    sum += body(Date(timeIntervalSince1970: first + offset), index)
                }
            }
            checksum += sum
            return seconds
        }
        let hours = [try SLADuration.businessHours(4), try .businessHours(72)]
        let hourSeconds = measure { calendar.date(byAdding: hours[$1 & 1], to: $0).timeIntervalSince1970 }
        let minutes = try SLADuration.businessMinutes(90)
        let minuteSeconds = measure { intake, _ in calendar.date(byAdding: minutes, to: intake).timeIntervalSince1970 }
        let days = [try SLADuration.businessDays(3), try .businessDays(10)]
        let daySeconds = measure { calendar.date(byAdding: days[$1 & 1], to: $0).timeIntervalSince1970 }
        let elapsedSeconds = measure { intake, _ in
            calendar.businessTime(from: intake, to: intake.addingTimeInterval(600_000))
        }
        Measurement.report("calendar: build (federal holidays, 1970-2100)", Measurement.rate(builds, buildSeconds))
        Measurement.report(
            "calendar: due date, 4 h / 72 business hours",
            Measurement.rate(count, hourSeconds),
            target: "≥ 2 million/s"
        )
        Floor.rate("calendar: due date", Double(count) / hourSeconds, target: 2_000_000)
        Measurement.report("calendar: due date, 90 business minutes", Measurement.rate(count, minuteSeconds))
        Measurement.report("calendar: due date, 3 / 10 business days", Measurement.rate(count, daySeconds))
        Measurement.report("calendar: business time between instants", Measurement.rate(count, elapsedSeconds))
        if checksum == 42 { print("") }  // keeps the work observable to the optimiser
    }

    private static func federalOffice() throws -> BusinessCalendar {
        try BusinessCalendar(
            timeZone: "America/New_York",
            weeklyHours: .mondayToFriday([WorkingInterval("08:00", "12:00"), WorkingInterval("13:00", "17:00")]),
            holidays: [
                Holiday("New Year's Day", .fixed(month: 1, day: 1), observed: .nearestWeekday),
                Holiday("Martin Luther King Jr. Day", .nthWeekday(3, .monday, month: 1)),
                Holiday("Washington's Birthday", .nthWeekday(3, .monday, month: 2)),
                Holiday("Memorial Day", .lastWeekday(.monday, month: 5)),
                Holiday("Juneteenth", .fixed(month: 6, day: 19), observed: .nearestWeekday),
                Holiday("Independence Day", .fixed(month: 7, day: 4), observed: .nearestWeekday),
                Holiday("Labor Day", .nthWeekday(1, .monday, month: 9)),
                Holiday("Columbus Day", .nthWeekday(2, .monday, month: 10)),
                Holiday("Veterans Day", .fixed(month: 11, day: 11), observed: .nearestWeekday),
                Holiday("Thanksgiving Day", .nthWeekday(4, .thursday, month: 11)),
                Holiday("Christmas Day", .fixed(month: 12, day: 25), observed: .nearestWeekday),
            ]
        )
    }
}
