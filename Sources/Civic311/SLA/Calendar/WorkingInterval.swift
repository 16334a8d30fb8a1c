/// One stretch of working hours within a day: open from ``start`` up to, but not including, ``end``.
///
/// An office open 08:00–17:00 is open at 08:00:00 and at 16:59:59, and closed at 17:00:00.
public struct WorkingInterval: Hashable, Sendable, CustomStringConvertible {
    /// The time the work starts.
    public let start: TimeOfDay
    /// The time the work stops; always after ``start``.
    public let end: TimeOfDay

    /// Creates an interval, rejecting one whose end is not after its start (intervals never run past
    /// midnight: a night shift is two intervals on consecutive days, the first ending at 24:00).
    public init(from start: TimeOfDay, to end: TimeOfDay) throws(ValidationError) {
        guard end > start else {
            throw ValidationError(
                .invalidValue,
                field: "end",
                reason: "\(end) is not after the start \(start)"
            )
        }
        self.start = start
        self.end = end
    }

    /// Creates an interval from two `"HH:MM"` texts, for example `WorkingInterval("08:00", "17:00")`.
    public init(_ start: String, _ end: String) throws(ValidationError) {
        try self.init(from: TimeOfDay(parsing: start), to: TimeOfDay(parsing: end))
    }

    /// The whole day, 00:00–24:00.
    public static let allDay = Self(uncheckedFrom: .midnight, to: .endOfDay)

    private init(uncheckedFrom start: TimeOfDay, to end: TimeOfDay) {
        self.start = start
        self.end = end
    }

    /// Whether the two intervals share any time (touching, as 08:00–12:00 and 12:00–13:00, is not overlapping).
    func overlaps(_ other: Self) -> Bool { start < other.end && other.start < end }

    /// `"HH:MM-HH:MM"`.
    public var description: String { "\(start)-\(end)" }
}
