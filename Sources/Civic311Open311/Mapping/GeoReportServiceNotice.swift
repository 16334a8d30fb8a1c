import Civic311
import Foundation

/// The words of `service_notice`: who handles a request and when it is expected, in the
/// jurisdiction's local time, written without locale data so every platform says the same.
enum GeoReportServiceNotice {
    static func text(department: String, expectedBy: Date, timeZone: TimeZone) -> String {
        "\(department) expects to resolve it by \(localTime(expectedBy, timeZone: timeZone))."
    }

    /// `2026-11-26 17:00 America/New_York`: the zone's offset at that instant, then plain
    /// calendar arithmetic (a `Calendar` per notice cost more than the rest of a listing).
    static func localTime(_ date: Date, timeZone: TimeZone) -> String {
        let local = date.timeIntervalSince1970 + Double(timeZone.secondsFromGMT(for: date))
        guard local.isFinite, abs(local) < 253_402_300_800 else { return GeoReportDateTime.format(date) }
        let minutes = Int64((local / 60).rounded(.down))
        let days = minutes >= 0 ? minutes / 1_440 : (minutes - 1_439) / 1_440
        let minuteOfDay = Int(minutes - days * 1_440)
        let (year, month, day) = GeoReportDateTime.civil(fromDays: days)
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return
            "\(year)-\(two(month))-\(two(day)) \(two(minuteOfDay / 60)):\(two(minuteOfDay % 60)) \(timeZone.identifier)"
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
