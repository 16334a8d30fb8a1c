import Civic311

/// The length of a planning or reporting interval.
///
/// Workforce planning works in fixed intervals of a quarter hour, half an hour or an hour; every
/// interval starts at a multiple of its length from midnight, so intervals never straddle an hour.
public enum IntervalLength: Int, Sendable, Hashable, CaseIterable {
    /// 15 minutes.
    case fifteenMinutes = 900
    /// 30 minutes.
    case thirtyMinutes = 1800
    /// 60 minutes.
    case sixtyMinutes = 3600

    /// The length in seconds.
    public var seconds: Double { Double(rawValue) }
}
