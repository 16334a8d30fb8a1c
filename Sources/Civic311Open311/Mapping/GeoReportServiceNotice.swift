import Civic311
import Foundation

/// The words of `service_notice`: who handles a request and when it is expected, in the
/// jurisdiction's local time, written without locale data so every platform says the same.
enum GeoReportServiceNotice {
    static func text(department: String, expectedBy: Date, timeZone: TimeZone) -> String {
        "\(department) expects to resolve it by \(localTime(expectedBy, timeZone: timeZone))."
    }

    /// `2026-11-26 17:00 America/New_York`.
    static func localTime(_ date: Date, timeZone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        func two(_ value: Int?) -> String {
            let value = value ?? 0
            return value < 10 ? "0\(value)" : "\(value)"
        }
        return "\(parts.year ?? 0)-\(two(parts.month))-\(two(parts.day)) \(two(parts.hour)):\(two(parts.minute)) "
            + timeZone.identifier
    }

    /// A resolution target in words: `72 hours`, `1 hour`, `30 minutes`.
    static func duration(_ seconds: Double) -> String {
        guard seconds.isFinite, seconds > 0 else { return "not set" }
        let hours = seconds / 3600
        if hours >= 1 && hours.rounded() == hours {
            let whole = Int(hours)
            return whole == 1 ? "1 hour" : "\(whole) hours"
        }
        let minutes = Int((seconds / 60).rounded())
        return minutes == 1 ? "1 minute" : "\(minutes) minutes"
    }
}
