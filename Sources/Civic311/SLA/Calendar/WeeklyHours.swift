/// The working hours of an ordinary week: for each weekday, zero or more intervals that do not overlap.
///
/// A weekday with no intervals is a day off. Several intervals a day model a lunch closure
/// (08:00–12:00 and 13:00–17:00); intervals that touch (08:00–12:00 and 12:00–17:00) are allowed and
/// behave as one.
public struct WeeklyHours: Hashable, Sendable {
    /// Indexed by ``Weekday/index``; each day's intervals sorted by start.
    private let days: [[WorkingInterval]]

    /// Creates weekly hours from each weekday's intervals; weekdays that are absent are days off.
    ///
    /// Throws when two intervals of the same weekday overlap; the error's field names the weekday and
    /// the position of the later interval, for example `"weeklyHours.monday[1]"`.
    public init(_ hours: [Weekday: [WorkingInterval]]) throws(ValidationError) {
        for weekday in Weekday.allCases {
            if let overlap = Self.overlaps(in: hours[weekday] ?? []).first {
                throw ValidationError(
                    .invalidValue,
                    field: "weeklyHours.\(weekday.rawValue)[\(overlap.index)]",
                    reason: overlap.reason
                )
            }
        }
        days = Weekday.allCases.map { (hours[$0] ?? []).sorted { $0.start < $1.start } }
    }

    /// The same intervals Monday to Friday, closed at weekends.
    public static func mondayToFriday(_ intervals: [WorkingInterval]) throws(ValidationError) -> WeeklyHours {
        let weekdays: [Weekday] = [.monday, .tuesday, .wednesday, .thursday, .friday]
        return try WeeklyHours(Dictionary(uniqueKeysWithValues: weekdays.map { ($0, intervals) }))
    }

    /// Open around the clock, every day.
    public static let twentyFourSeven = WeeklyHours(uncheckedDays: Array(repeating: [.allDay], count: 7))

    private init(uncheckedDays days: [[WorkingInterval]]) {
        self.days = days
    }

    /// The intervals of `weekday`, sorted by start; empty on a day off.
    public subscript(weekday: Weekday) -> [WorkingInterval] { days[weekday.index] }

    /// True when no weekday has any working hours; a business calendar needs at least one interval.
    public var isClosedAllWeek: Bool { days.allSatisfy(\.isEmpty) }

    /// Every interval in `intervals` that overlaps an earlier one, with its position and the reason,
    /// so that the initializer and the JSON loader report the same problems.
    static func overlaps(in intervals: [WorkingInterval]) -> [(index: Int, reason: String)] {
        var found: [(index: Int, reason: String)] = []
        for (index, interval) in intervals.enumerated() {
            if let earlier = intervals[..<index].firstIndex(where: { $0.overlaps(interval) }) {
                found.append((index, "\(interval) overlaps \(intervals[earlier]) (interval \(earlier))"))
            }
        }
        return found
    }
}
