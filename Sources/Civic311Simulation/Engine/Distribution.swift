import Civic311

/// A probability distribution for a duration or another non-negative quantity, sampled by inverse
/// transform (or the polar method for the normal) from a generator's raw bits.
///
/// Parameters are in the caller's unit (the simulator uses seconds). Check them with
/// ``validate(field:)``; the simulation models do that for every distribution they are given.
/// Samples of ``normal(mean:standardDeviation:)`` can be negative; the models clamp durations at zero.
public enum Distribution: Sendable, Hashable {
    /// Always the same value.
    case fixed(Double)
    /// Exponential with the given mean: `−mean·ln U`.
    case exponential(mean: Double)
    /// Uniform on `[lower, upper]`.
    case uniform(lower: Double, upper: Double)
    /// Triangular on `[lower, upper]` with its peak at `mode`, by inverting its distribution function.
    case triangular(lower: Double, mode: Double, upper: Double)
    /// Normal (Gaussian), by Marsaglia's polar method.
    case normal(mean: Double, standardDeviation: Double)
    /// Log-normal: `exp(mu + sigma·Z)` with `Z` standard normal, so `mu` and `sigma` are the mean and
    /// standard deviation of the *logarithm*. Use ``logNormal(mean:standardDeviation:)`` to give the
    /// mean and standard deviation of the value itself.
    case logNormal(mu: Double, sigma: Double)

    /// A log-normal distribution with the given mean and standard deviation of the value itself:
    /// `sigma² = ln(1 + sd²/mean²)` and `mu = ln(mean) − sigma²/2`.
    ///
    /// - Throws: ``SimulationError`` when `mean` is not positive and finite or `standardDeviation` is
    ///   negative or not finite.
    public static func logNormal(mean: Double, standardDeviation: Double) throws(SimulationError) -> Distribution {
        try SimulationError.requirePositive(mean, "mean")
        try SimulationError.requireNonNegative(standardDeviation, "standardDeviation")
        let ratio = standardDeviation / mean
        let variance = PortableMath.log(1 + ratio * ratio)
        return .logNormal(mu: PortableMath.log(mean) - variance / 2, sigma: variance.squareRoot())
    }

    /// The distribution's mean (for a normal, the mean before clamping at zero).
    public var mean: Double {
        switch self {
        case .fixed(let value): value
        case .exponential(let mean): mean
        case .uniform(let lower, let upper): (lower + upper) / 2
        case .triangular(let lower, let mode, let upper): (lower + mode + upper) / 3
        case .normal(let mean, _): mean
        case .logNormal(let mu, let sigma): PortableMath.exp(mu + sigma * sigma / 2)
        }
    }

    /// Checks the parameters of a distribution of non-negative values.
    ///
    /// - Throws: ``SimulationError`` naming `field` and the parameter: a negative or non-finite fixed
    ///   value, a non-positive exponential mean, `lower > upper` or a negative lower bound, a mode outside
    ///   the triangle, a negative or non-finite standard deviation or sigma, or a non-finite mean or mu.
    public func validate(field: String) throws(SimulationError) {
        switch self {
        case .fixed(let value):
            try SimulationError.requireNonNegative(value, "\(field).fixed")
        case .exponential(let mean):
            try SimulationError.requirePositive(mean, "\(field).mean")
        case .uniform(let lower, let upper):
            try SimulationError.requireNonNegative(lower, "\(field).lower")
            try SimulationError.requireFinite(upper, "\(field).upper")
            guard lower <= upper else {
                throw SimulationError(
                    .outOfRange,
                    field: "\(field).upper",
                    reason: "must not be below lower (\(lower)), got \(upper)"
                )
            }
        case .triangular(let lower, let mode, let upper):
            try SimulationError.requireNonNegative(lower, "\(field).lower")
            try SimulationError.requireFinite(mode, "\(field).mode")
            try SimulationError.requireFinite(upper, "\(field).upper")
            guard lower <= mode, mode <= upper else {
                throw SimulationError(
                    .outOfRange,
                    field: "\(field).mode",
                    reason: "must lie between lower (\(lower)) and upper (\(upper)), got \(mode)"
                )
            }
        case .normal(let mean, let deviation):
            try SimulationError.requireFinite(mean, "\(field).mean")
            try SimulationError.requireNonNegative(deviation, "\(field).standardDeviation")
        case .logNormal(let mu, let sigma):
            try SimulationError.requireFinite(mu, "\(field).mu")
            try SimulationError.requireNonNegative(sigma, "\(field).sigma")
        }
    }

    /// Draws one value.
    public func sample(using generator: inout some RandomNumberGenerator) -> Double {
        switch self {
        case .fixed(let value):
            return value
        case .exponential(let mean):
            return -mean * PortableMath.log(generator.nextPositiveUnit())
        case .uniform(let lower, let upper):
            return lower + (upper - lower) * generator.nextUnit()
        case .triangular(let lower, let mode, let upper):
            let u = generator.nextUnit()
            let width = upper - lower
            guard width > 0 else { return lower }
            let left = mode - lower
            if u * width < left {
                return lower + (u * width * left).squareRoot()
            }
            return upper - ((1 - u) * width * (upper - mode)).squareRoot()
        case .normal(let mean, let deviation):
            return mean + deviation * Self.standardNormal(using: &generator)
        case .logNormal(let mu, let sigma):
            return PortableMath.exp(mu + sigma * Self.standardNormal(using: &generator))
        }
    }

    /// Marsaglia's polar method: a point uniform in the unit disc gives a standard normal without
    /// trigonometric functions (whose last bits differ between platforms).
    static func standardNormal(using generator: inout some RandomNumberGenerator) -> Double {
        while true {
            let u = 2 * generator.nextUnit() - 1
            let v = 2 * generator.nextUnit() - 1
            let s = u * u + v * v
            if s > 0, s < 1 {
                return u * (-2 * PortableMath.log(s) / s).squareRoot()
            }
        }
    }
}
