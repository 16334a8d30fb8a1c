import Civic311

/// A temporary multiplier on arrivals (a storm, an outage, a snow day).
///
/// Over the absolute hours `hours` (counted from midnight of the first simulated day), the arrival rate of
/// the target is multiplied by `multiplier`. Overlapping surges multiply.
public struct Surge: Sendable, Hashable {
    /// What the surge raises.
    public enum Target: Sendable, Hashable {
        /// Every contact, on every channel and of every call type.
        case allContacts
        /// Service requests with these service-type codes.
        case serviceTypes(Set<ServiceTypeCode>)
    }

    /// What the surge raises.
    public var target: Target
    /// The hours it lasts, counted from the start of the simulation.
    public var hours: Range<Int>
    /// The factor on the target's arrival rate (0 stops those arrivals).
    public var multiplier: Double

    /// Creates a surge.
    public init(target: Target, hours: Range<Int>, multiplier: Double) {
        self.target = target
        self.hours = hours
        self.multiplier = multiplier
    }
}
