import Civic311
import Foundation

extension FuzzTarget {
    /// Business-calendar documents: the same calendar whatever the layout, and its arithmetic agrees
    /// with itself: business time added to an instant measures back to the same amount, and an
    /// opening is open.
    static let calendar = FuzzTarget(name: "calendar") { data in
        guard let (loaded, reformatted) = PropertyCheck.loadConsistently(data, BusinessCalendar.load(from:)) else {
            return
        }
        PropertyCheck.expect(loaded == reformatted, "a calendar loads the same whatever the layout")
        BusinessCalendarArithmetic.check(loaded)
    }
}

/// The arithmetic checks every loaded calendar must pass, at instants across the supported years.
enum BusinessCalendarArithmetic {
    /// 2026-03-08 05:30 UTC (a daylight-saving change in America), 2026-12-31 23:00 UTC, 2027-02-28 12:00 UTC.
    static let instants = [1_772_947_800.0, 1_798_758_000.0, 1_803_816_000.0].map(Date.init(timeIntervalSince1970:))
    /// One minute, one working day, two working weeks.
    static let durations: [TimeInterval] = [60, 8 * 3_600, 80 * 3_600]

    static func check(_ calendar: BusinessCalendar) {
        for start in instants {
            let opening = calendar.nextOpening(atOrAfter: start)
            PropertyCheck.expect(opening >= start, "the next opening is not before the instant asked about")
            for duration in durations {
                guard let end = try? calendar.date(byAddingBusinessTime: duration, to: start) else { continue }
                PropertyCheck.expect(end >= start, "adding business time never goes back", "\(start) + \(duration)")
                let measured = calendar.businessTime(from: start, to: end)
                PropertyCheck.expect(
                    abs(measured - duration) < 0.001,
                    "business time added measures back to the same amount",
                    "\(start) + \(duration) = \(end), measured \(measured)"
                )
            }
        }
    }
}
