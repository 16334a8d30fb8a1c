/// A wall-clock time of day, to the minute, from 00:00 to 24:00.
///
/// 24:00 is the end of the day ("open until midnight"); it is only useful as the end of a
/// ``WorkingInterval``.
public struct TimeOfDay: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Minutes since local midnight, 0 through 1440.
    public let minutesSinceMidnight: Int

    /// Creates a time of day, rejecting hours outside 0...24, minutes outside 0...59 and times after 24:00.
    public init(hour: Int, minute: Int = 0) throws(ValidationError) {
        guard (0...24).contains(hour) else {
            throw ValidationError(.outOfRange, field: "hour", reason: "must be between 0 and 24, got \(hour)")
        }
        guard (0...59).contains(minute) else {
            throw ValidationError(.outOfRange, field: "minute", reason: "must be between 0 and 59, got \(minute)")
        }
        guard hour < 24 || minute == 0 else {
            throw ValidationError(.outOfRange, field: "minute", reason: "24:\(minute) is after the end of the day")
        }
        minutesSinceMidnight = hour * 60 + minute
    }

    /// Parses `"HH:MM"`: exactly two digits, a colon and two digits, `"00:00"` through `"24:00"`.
    public init(parsing text: String) throws(ValidationError) {
        let bytes = Array(text.utf8)
        func digit(_ index: Int) -> Int? {
            let byte = bytes[index]
            return (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) ? Int(byte - UInt8(ascii: "0")) : nil
        }
        guard bytes.count == 5, bytes[2] == UInt8(ascii: ":"),
            let h1 = digit(0), let h2 = digit(1), let m1 = digit(3), let m2 = digit(4)
        else {
            throw ValidationError(.invalidValue, field: "time", reason: "expected a time \"HH:MM\", got \"\(text)\"")
        }
        do {
            try self.init(hour: h1 * 10 + h2, minute: m1 * 10 + m2)
        } catch {
            throw ValidationError(.outOfRange, field: "time", reason: "\"\(text)\" is not a time of day")
        }
    }

    private init(minutes: Int) {
        minutesSinceMidnight = minutes
    }

    /// 00:00, the start of the day.
    public static let midnight = Self(minutes: 0)
    /// 24:00, the end of the day.
    public static let endOfDay = Self(minutes: 1440)

    /// The hour, 0 through 24.
    public var hour: Int { minutesSinceMidnight / 60 }
    /// The minute within the hour.
    public var minute: Int { minutesSinceMidnight % 60 }

    /// Seconds since local midnight, as calendar arithmetic uses it.
    var secondsSinceMidnight: Double { Double(minutesSinceMidnight * 60) }

    /// Earlier times order first.
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.minutesSinceMidnight < rhs.minutesSinceMidnight }

    /// `"HH:MM"`.
    public var description: String {
        let hour = hour < 10 ? "0\(hour)" : "\(hour)"
        let minute = minute < 10 ? "0\(minute)" : "\(minute)"
        return "\(hour):\(minute)"
    }
}
