import Foundation

/// Builds instants from wall-clock readings in a named zone with Foundation's own calendar, so that test
/// expectations do not depend on the arithmetic under test.
struct ZonedInstants {
    let calendar: Calendar

    init(_ identifier: String) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: identifier)!
        self.calendar = calendar
    }

    /// The instant at which the local clock shows the given time (the first, if it shows it twice).
    func callAsFunction(_ year: Int, _ month: Int, _ day: Int, _ hour: Int = 0, _ minute: Int = 0) -> Date {
        calendar.date(from: DateComponents(year: year, month: month, day: day, hour: hour, minute: minute))!
    }
}
