/// Where a holiday that falls on a Saturday or Sunday is observed.
///
/// "Weekend" here always means Saturday and Sunday, whatever the calendar's working days: that is how
/// public holiday rules are written. The holiday's own date stays closed too; the observed day is an
/// additional day off. For a Monday-to-Friday office the two readings agree; a center open on
/// Saturdays closes both on Saturday July 4 and on the Friday it is observed.
///
/// The raw values are the `observed` values of a calendar document.
public enum HolidayObservance: String, CaseIterable, Hashable, Sendable {
    /// Observed on its date only, even at a weekend.
    case sameDay
    /// Saturday is observed on the Friday before, Sunday on the Monday after (the US federal rule).
    case nearestWeekday
    /// Saturday and Sunday are both observed on the following Monday.
    case followingMonday

    /// The observed date of a holiday that falls on `date`.
    func observedDate(for date: LocalDate) -> LocalDate {
        switch (self, date.weekday) {
        case (.nearestWeekday, .saturday): date.adding(days: -1)
        case (.nearestWeekday, .sunday): date.adding(days: 1)
        case (.followingMonday, .saturday): date.adding(days: 2)
        case (.followingMonday, .sunday): date.adding(days: 1)
        default: date
        }
    }
}
