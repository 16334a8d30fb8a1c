/// How long a service level agreement allows for a step: business time counted on the fulfilling
/// department's calendar, or plain elapsed (calendar) time for comparison.
///
/// "Potholes are fixed within 72 hours" is `try .calendarHours(72)`; "first response within 4
/// business hours" is `try .businessHours(4)`; "closed within 3 business days" is
/// `try .businessDays(3)`. ``BusinessCalendar/date(byAdding:to:)`` turns a duration into a due date.
public struct SLADuration: Hashable, Sendable, CustomStringConvertible {
    /// What ``SLADuration/amount`` counts.
    public enum Unit: String, CaseIterable, Hashable, Sendable {
        /// Minutes during which the calendar is open.
        case businessMinutes
        /// Hours during which the calendar is open (60 business minutes each).
        case businessHours
        /// Whole business days; see ``BusinessCalendar/date(byAdding:to:)`` for the exact meaning.
        case businessDays
        /// Elapsed minutes, open or not.
        case calendarMinutes
        /// Elapsed hours, open or not.
        case calendarHours
        /// Elapsed days of 24 hours each, open or not (across a daylight-saving change the due time
        /// moves by an hour on the wall clock: SLAs are measured in elapsed time).
        case calendarDays

        /// Seconds per unit, or `nil` for business days, which have no fixed length.
        var seconds: Double? {
            switch self {
            case .businessMinutes, .calendarMinutes: 60
            case .businessHours, .calendarHours: 3600
            case .calendarDays: 86_400
            case .businessDays: nil
            }
        }
    }

    /// How many units; always positive.
    public let amount: Int
    /// What ``amount`` counts.
    public let unit: Unit

    /// The longest duration accepted: a hundred years' worth (36,500 days), which keeps every due date
    /// computable.
    public static let maximumDays = 36_500

    /// Creates a duration, rejecting an amount that is zero, negative or longer than ``maximumDays``.
    public init(_ amount: Int, _ unit: Unit) throws(ValidationError) {
        guard amount > 0 else {
            throw ValidationError(.outOfRange, field: "amount", reason: "must be positive, got \(amount)")
        }
        let limit = unit.seconds.map { Int(Double(Self.maximumDays) * 86_400 / $0) } ?? Self.maximumDays
        guard amount <= limit else {
            throw ValidationError(
                .outOfRange,
                field: "amount",
                reason: "must be at most \(limit) \(unit.rawValue), got \(amount)"
            )
        }
        self.amount = amount
        self.unit = unit
    }

    /// `minutes` business minutes.
    public static func businessMinutes(_ minutes: Int) throws(ValidationError) -> Self {
        try Self(minutes, .businessMinutes)
    }

    /// `hours` business hours.
    public static func businessHours(_ hours: Int) throws(ValidationError) -> Self { try Self(hours, .businessHours) }

    /// `days` business days.
    public static func businessDays(_ days: Int) throws(ValidationError) -> Self { try Self(days, .businessDays) }

    /// `minutes` elapsed minutes.
    public static func calendarMinutes(_ minutes: Int) throws(ValidationError) -> Self {
        try Self(minutes, .calendarMinutes)
    }

    /// `hours` elapsed hours.
    public static func calendarHours(_ hours: Int) throws(ValidationError) -> Self { try Self(hours, .calendarHours) }

    /// `days` elapsed days of 24 hours.
    public static func calendarDays(_ days: Int) throws(ValidationError) -> Self { try Self(days, .calendarDays) }

    /// Whether the duration counts only open time on a business calendar.
    public var isBusinessTime: Bool {
        switch unit {
        case .businessMinutes, .businessHours, .businessDays: true
        case .calendarMinutes, .calendarHours, .calendarDays: false
        }
    }

    /// In words, as an escalation's reason shows it: `"8 business hours"`, `"1 calendar day"`.
    public var description: String {
        let (kind, noun): (String, String)
        switch unit {
        case .businessMinutes: (kind, noun) = ("business", "minute")
        case .businessHours: (kind, noun) = ("business", "hour")
        case .businessDays: (kind, noun) = ("business", "day")
        case .calendarMinutes: (kind, noun) = ("calendar", "minute")
        case .calendarHours: (kind, noun) = ("calendar", "hour")
        case .calendarDays: (kind, noun) = ("calendar", "day")
        }
        return "\(amount) \(kind) \(noun)\(amount == 1 ? "" : "s")"
    }
}
