import Civic311
import Foundation

// Words and times shared by the text, CSV, JSON and HTML renderings.
extension CallDayOutcome {
    /// `HH:MM` of a simulated time (seconds from the call day's midnight), wrapping past midnight.
    static func clockTime(_ seconds: Double) -> String {
        // A run whose durations reach infinity has no time of day to show.
        guard seconds.isFinite, abs(seconds) < 1e15 else { return "--:--" }
        let minutes = Int((seconds / 60).rounded(.down))
        let hour = (minutes / 60) % 24
        let minute = minutes % 60
        return (hour < 10 ? "0" : "") + String(hour) + ":" + (minute < 10 ? "0" : "") + String(minute)
    }

    /// An instant `seconds` after the call day's midnight, in ISO 8601 with the jurisdiction's offset.
    func isoTime(_ seconds: Double) -> String {
        var style = Date.ISO8601FormatStyle(timeZone: scenario.jurisdiction.timeZone)
        style = style.year().month().day().time(includingFractionalSeconds: false).timeZone(separator: .colon)
        return start.addingTimeInterval(seconds).formatted(style)
    }

    /// The local date of the day `day` (1 being the call day), as `yyyy-MM-dd`.
    func dateLabel(day: Int) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = scenario.jurisdiction.timeZone
        let date = calendar.date(byAdding: .day, value: day - 1, to: start) ?? start
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        let year = parts.year ?? 0
        let month = parts.month ?? 0
        let dayOfMonth = parts.day ?? 0
        return "\(year)-\(month < 10 ? "0" : "")\(month)-\(dayOfMonth < 10 ? "0" : "")\(dayOfMonth)"
    }

    /// A short weekday and date for charts, such as `Mon 5 Oct`.
    func shortDateLabel(day: Int) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = scenario.jurisdiction.timeZone
        let date = calendar.date(byAdding: .day, value: day - 1, to: start) ?? start
        let weekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        let parts = calendar.dateComponents([.weekday, .month, .day], from: date)
        let weekday = weekdays[((parts.weekday ?? 1) - 1) % 7]
        let month = months[((parts.month ?? 1) - 1) % 12]
        return "\(weekday) \(parts.day ?? 0) \(month)"
    }

    /// The weekday and date in full, such as `Monday 5 October 2026`.
    func longDateLabel(day: Int) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = scenario.jurisdiction.timeZone
        let date = calendar.date(byAdding: .day, value: day - 1, to: start) ?? start
        let weekdays = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]
        let months = [
            "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
            "November", "December",
        ]
        let parts = calendar.dateComponents([.weekday, .year, .month, .day], from: date)
        let weekday = weekdays[((parts.weekday ?? 1) - 1) % 7]
        let month = months[((parts.month ?? 1) - 1) % 12]
        return "\(weekday) \(parts.day ?? 0) \(month) \(parts.year ?? 0)"
    }

    /// How the phones were staffed, in words.
    var staffingDescription: String {
        switch scenario.staffing {
        case .fixed(let agents):
            return "\(agents) agents around the clock"
        case .automatic(let target):
            return
                "rostered to \(Int((target.serviceLevel * 100).rounded()))/\(target.answerWithin.wholeNumberText) "
                + "(Erlang C, occupancy at most \(Int((target.maximumOccupancy * 100).rounded())) %)"
        }
    }

    /// The staffing mode's key in the documents: `fixed` or `auto`.
    var staffingMode: String {
        switch scenario.staffing {
        case .fixed: "fixed"
        case .automatic: "auto"
        }
    }
}
