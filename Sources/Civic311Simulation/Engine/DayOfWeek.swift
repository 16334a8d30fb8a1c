import Civic311

/// A day of the week; a simulation starts at midnight of one and day-of-week profiles are indexed by it.
public enum DayOfWeek: Int, Sendable, Hashable, CaseIterable {
    /// Monday, index 0 in day-of-week arrays.
    case monday = 0
    /// Tuesday.
    case tuesday
    /// Wednesday.
    case wednesday
    /// Thursday.
    case thursday
    /// Friday.
    case friday
    /// Saturday.
    case saturday
    /// Sunday, index 6 in day-of-week arrays.
    case sunday
}
