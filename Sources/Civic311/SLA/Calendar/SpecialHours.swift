/// Hours that replace a calendar's weekly hours on one date: a half day on Christmas Eve, an early
/// close ahead of a storm, a Saturday opening for a clean-up drive.
///
/// Special hours are the most specific thing a calendar says about a date, so they apply even when
/// the date is a holiday or a holiday's observed date. A date closed all day is a closure
/// (``BusinessCalendar/closures``), not special hours.
public struct SpecialHours: Hashable, Sendable, CustomStringConvertible {
    /// The date, on the calendar's wall clock.
    public let date: LocalDate
    /// The working intervals of that date, sorted by start; never empty.
    public let intervals: [WorkingInterval]

    /// - Throws: ``ValidationError`` when `intervals` is empty (field `intervals`) or two of them
    ///   overlap (field `intervals[i]`, the later one).
    public init(date: LocalDate, intervals: [WorkingInterval]) throws(ValidationError) {
        if let problem = Self.problems(in: intervals).first {
            throw ValidationError(problem.code, field: problem.field, reason: problem.reason)
        }
        self.date = date
        self.intervals = intervals.sorted { $0.start < $1.start }
    }

    /// `"2026-12-24 08:00-12:00"`.
    public var description: String { "\(date) " + intervals.map(\.description).joined(separator: ", ") }

    /// Every problem with a day's intervals, with the field it concerns relative to the special
    /// hours, so that the initializer and the JSON loader report the same problems.
    static func problems(
        in intervals: [WorkingInterval]
    ) -> [(field: String, code: ValidationError.Code, reason: String)] {
        guard !intervals.isEmpty else {
            return [("intervals", .missingValue, "give at least one interval; a day closed all day is a closure")]
        }
        return WeeklyHours.overlaps(in: intervals).map { ("intervals[\($0.index)]", .invalidValue, $0.reason) }
    }
}
