/// How a ``DepartmentOutbox`` spaces its attempts at a delivery, and when it gives up.
///
/// The n-th retry waits `initialDelay × 2^(n−1)`, at most `maximumDelay`, shortened by a random
/// fraction of at most `jitter` so that requests failing together do not retry together. The
/// random fraction comes from the outbox's seeded generator, so a run under a manual clock
/// replays exactly.
public struct RetryPolicy: Hashable, Sendable {
    /// Attempts before a delivery is dead-lettered, the first included.
    public let maximumAttempts: Int
    /// Seconds before the first retry.
    public let initialDelay: Double
    /// The longest wait between two attempts, in seconds.
    public let maximumDelay: Double
    /// The largest fraction by which a wait is shortened, from 0 (none) to 1.
    public let jitter: Double

    /// Eight attempts over about four minutes: 1 s, 2 s, 4 s… up to 2 minutes, with 20% jitter.
    public static var standard: RetryPolicy {
        // Checked values: cannot throw.
        try! RetryPolicy(maximumAttempts: 8, initialDelay: 1, maximumDelay: 120, jitter: 0.2)
    }

    /// - Throws: ``ValidationError`` (``ValidationError/Code/outOfRange``) naming the field when
    ///   `maximumAttempts` is below 1 or above 1,000, a delay is not a finite positive number of
    ///   seconds (at most a day), `maximumDelay` is below `initialDelay`, or `jitter` is outside
    ///   0...1.
    public init(
        maximumAttempts: Int,
        initialDelay: Double,
        maximumDelay: Double,
        jitter: Double
    ) throws(ValidationError) {
        guard (1...1_000).contains(maximumAttempts) else {
            throw ValidationError(
                .outOfRange,
                field: "maximumAttempts",
                reason: "must be from 1 to 1000, got \(maximumAttempts)"
            )
        }
        for (field, value) in [("initialDelay", initialDelay), ("maximumDelay", maximumDelay)] {
            guard value.isFinite, value > 0, value <= 86_400 else {
                throw ValidationError(
                    .outOfRange,
                    field: field,
                    reason: "must be more than 0 and at most 86400 seconds, got \(value)"
                )
            }
        }
        guard maximumDelay >= initialDelay else {
            throw ValidationError(
                .outOfRange,
                field: "maximumDelay",
                reason: "must be at least initialDelay (\(initialDelay)), got \(maximumDelay)"
            )
        }
        guard jitter.isFinite, (0...1).contains(jitter) else {
            throw ValidationError(.outOfRange, field: "jitter", reason: "must be from 0 to 1, got \(jitter)")
        }
        self.maximumAttempts = maximumAttempts
        self.initialDelay = initialDelay
        self.maximumDelay = maximumDelay
        self.jitter = jitter
    }

    /// The wait after the `failures`-th failed attempt, given a random fraction `unit` in 0..<1.
    func delay(afterFailures failures: Int, unit: Double) -> Double {
        // 2^40 seconds is far past any maximum: stop doubling before the exponent overflows.
        let doubled = initialDelay * Double(sign: .plus, exponent: min(max(failures - 1, 0), 40), significand: 1)
        return min(doubled, maximumDelay) * (1 - jitter * unit)
    }
}
