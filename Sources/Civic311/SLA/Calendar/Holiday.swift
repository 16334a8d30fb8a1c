/// A named public holiday: the rule for its date and where it is observed when it falls at a weekend.
///
/// A business calendar is closed all day on the holiday's date and on its observed date.
public struct Holiday: Hashable, Sendable {
    /// The name shown to people, for example `"Independence Day"`.
    public let name: String
    /// When the holiday falls.
    public let rule: HolidayRule
    /// Where it is observed when it falls on a Saturday or Sunday.
    public let observance: HolidayObservance

    /// Creates a holiday; the name must not be empty.
    public init(
        _ name: String,
        _ rule: HolidayRule,
        observed observance: HolidayObservance = .sameDay
    )
        throws(ValidationError)
    {
        guard !name.isBlank else {
            throw ValidationError(.missingValue, field: "name", reason: "must not be empty")
        }
        self.name = name
        self.rule = rule
        self.observance = observance
    }

    /// The holiday's date in `year`.
    ///
    /// - Throws: ``ValidationError`` (`outOfRange`, field `year`) when `year` is outside 1...9999.
    public func date(in year: Int) throws(ValidationError) -> LocalDate { try rule.date(in: year) }

    /// The date the holiday of `year` is observed, which may fall in the year before (New Year's Day
    /// on a Saturday is observed on December 31).
    ///
    /// - Throws: ``ValidationError`` (`outOfRange`, field `year`) when `year`, or the observed date,
    ///   is outside years 1...9999.
    public func observedDate(in year: Int) throws(ValidationError) -> LocalDate {
        let observed = observance.observedDate(for: try rule.date(in: year))
        // A weekend shift could in principle cross the first or last supported day.
        do {
            try LocalDate.checkYear(observed.year)
        } catch {
            throw ValidationError(
                .outOfRange,
                field: "year",
                reason: "the holiday in \(year) is observed on \(observed), outside years 1 through 9999"
            )
        }
        return observed
    }
}
