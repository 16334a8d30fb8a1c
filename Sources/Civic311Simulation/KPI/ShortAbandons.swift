import Civic311

/// Whether callers who hang up soon after joining the queue count against the service level.
///
/// Many centers leave *short abandons* out of the service level: a caller who hangs up within a few
/// seconds dialled wrongly or heard the answer in the queue message, and no staffing would have
/// answered them. Others count every caller who hangs up as not answered in time, which is also how
/// ``ErlangA/serviceLevel(answeredWithin:)`` counts. The choice changes the reported figure, so it is
/// a setting of the day (``FrontOfficeProfile/shortAbandons``, which a configuration and a scenario
/// hold), and the report prints it.
///
/// Only the service level changes. The abandonment rate, the answer rate and
/// ``IntervalStatistics/probabilityOfWaiting`` still count every caller.
public enum ShortAbandons: Sendable, Hashable {
    /// Every caller who hangs up counts as not answered in time: service level = answered within the
    /// threshold ÷ offered. The default.
    case counted
    /// Callers who hang up within `seconds` of joining the queue are left out of the service level,
    /// from both sides: answered within the threshold ÷ (offered − short abandons).
    case excluded(within: Double)

    /// Whether `record` is a short abandon that this setting leaves out of the service level.
    public func excludes(_ record: ContactRecord) -> Bool {
        guard case .excluded(let seconds) = self, record.outcome == .abandoned, let wait = record.waitTime else {
            return false
        }
        return wait <= seconds
    }

    /// The seconds within which a hang-up is left out; `nil` when every hang-up counts.
    var excludedWithin: Double? {
        if case .excluded(let seconds) = self { seconds } else { nil }
    }

    func validate(field: String) throws(SimulationError) {
        if case .excluded(let seconds) = self {
            try SimulationError.requireNonNegative(seconds, "\(field).excluded")
        }
    }
}
