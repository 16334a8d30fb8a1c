/// A day of the week, as used by weekly working hours and holiday rules.
///
/// The raw values are the keys of a calendar document's `weeklyHours` object.
public enum Weekday: String, CaseIterable, Hashable, Sendable {
    /// Monday.
    case monday
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
    /// Sunday.
    case sunday

    /// 0 for Monday through 6 for Sunday.
    package var index: Int {
        switch self {
        case .monday: 0
        case .tuesday: 1
        case .wednesday: 2
        case .thursday: 3
        case .friday: 4
        case .saturday: 5
        case .sunday: 6
        }
    }

    /// The weekday whose ``index`` is `index` (0 for Monday); `index` must be in 0...6.
    package init(index: Int) {
        switch index {
        case 0: self = .monday
        case 1: self = .tuesday
        case 2: self = .wednesday
        case 3: self = .thursday
        case 4: self = .friday
        case 5: self = .saturday
        default: self = .sunday
        }
    }

    /// The weekday of a day counted from 1970-01-01, which was a Thursday.
    init(dayNumber: Int) {
        self.init(index: (dayNumber + 3).floorModulo(7))
    }

    /// Saturday and Sunday: the days a holiday's observance rule moves it away from.
    var isWeekend: Bool { self == .saturday || self == .sunday }
}
