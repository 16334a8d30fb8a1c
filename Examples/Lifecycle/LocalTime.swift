import Foundation

/// Times as a 311 manager reads them, in the county's time zone: "Mon 23 Nov 8:55 AM".
///
/// Written out from calendar components rather than a locale's format, so the narration reads the
/// same on every machine (its golden file compares bytes).
struct LocalTime: Sendable {
    private let calendar: Calendar
    private static let weekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    private static let weekdayNames = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    private static let monthNames = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
        "November", "December",
    ]

    init(_ timeZone: TimeZone) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        self.calendar = calendar
    }

    /// "Mon 23 Nov 8:55 AM".
    func text(_ date: Date) -> String {
        let parts = calendar.dateComponents([.weekday, .day, .month, .hour, .minute], from: date)
        let hour = parts.hour ?? 0
        let minute = parts.minute ?? 0
        let clock = "\((hour + 11) % 12 + 1):\(minute < 10 ? "0" : "")\(minute) \(hour < 12 ? "AM" : "PM")"
        return "\(Self.weekdays[((parts.weekday ?? 1) - 1) % 7]) \(parts.day ?? 0) "
            + "\(Self.months[((parts.month ?? 1) - 1) % 12]) \(clock)"
    }

    /// "Monday 30 November 2026".
    func dayText(_ date: Date) -> String {
        let parts = calendar.dateComponents([.weekday, .day, .month, .year], from: date)
        return "\(Self.weekdayNames[((parts.weekday ?? 1) - 1) % 7]) \(parts.day ?? 0) "
            + "\(Self.monthNames[((parts.month ?? 1) - 1) % 12]) \(parts.year ?? 0)"
    }

    /// `date` moved by whole weeks, at the same wall-clock time across daylight-saving changes.
    func adding(weeks: Int, to date: Date) -> Date? {
        calendar.date(byAdding: .weekOfYear, value: weeks, to: date)
    }
}
