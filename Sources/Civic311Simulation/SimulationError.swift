import Civic311

/// A staffing calculation, a distribution or a simulation model was given input it cannot accept.
///
/// It is the core ``Civic311/ValidationError``: the same codes, a ``Civic311/ValidationError/field``
/// naming the offending input as a path (`"agents[3].shiftEnd"`, `"forecast[12].calls"`) and a
/// ``Civic311/ValidationError/reason``, so callers handle simulation and intake input errors alike.
/// Every validating entry point of Civic311Simulation throws it before it computes or changes
/// anything.
public typealias SimulationError = ValidationError

// Small validators shared by every entry point, so the same kind of mistake always gets the same
// code and wording.
extension SimulationError {
    static func requireFinite(_ value: Double, _ field: String) throws(SimulationError) {
        guard value.isFinite else {
            throw SimulationError(.invalidValue, field: field, reason: "must be a finite number, got \(value)")
        }
    }

    static func requireNonNegative(_ value: Double, _ field: String) throws(SimulationError) {
        try requireFinite(value, field)
        guard value >= 0 else {
            throw SimulationError(.outOfRange, field: field, reason: "must not be negative, got \(value)")
        }
    }

    static func requirePositive(_ value: Double, _ field: String) throws(SimulationError) {
        try requireFinite(value, field)
        guard value > 0 else {
            throw SimulationError(.outOfRange, field: field, reason: "must be greater than zero, got \(value)")
        }
    }

    /// A count of agents or servers the models can step through: `0...StaffingRequirement.agentLimit`.
    static func requireAgentCount(_ value: Int, _ field: String) throws(SimulationError) {
        guard value >= 0 else {
            throw SimulationError(.outOfRange, field: field, reason: "must not be negative, got \(value)")
        }
        guard value <= StaffingRequirement.agentLimit else {
            throw SimulationError(
                .outOfRange,
                field: field,
                reason: "must not exceed \(StaffingRequirement.agentLimit), got \(value)"
            )
        }
    }

    static func requireProbability(_ value: Double, _ field: String) throws(SimulationError) {
        try requireFinite(value, field)
        guard (0...1).contains(value) else {
            throw SimulationError(.outOfRange, field: field, reason: "must lie between 0 and 1, got \(value)")
        }
    }
}
