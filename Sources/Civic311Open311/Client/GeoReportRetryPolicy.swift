import Civic311

/// When a ``GeoReportClient`` tries again: after a 5xx answer or when no answer came (a timeout,
/// a broken connection), waiting longer each time.
///
/// The wait after attempt *n* is `initialDelay × multiplier^(n-1)`, at most `maximumDelay`; a
/// `Retry-After` header in seconds replaces it (also capped). Submissions are retried too: the
/// client sends the same token (`Idempotency-Key`) each time, which a Civic311 server uses to
/// open the request once. A server that ignores the header may open it twice; give such servers
/// a policy with one attempt.
public struct GeoReportRetryPolicy: Hashable, Sendable {
    /// Attempts in all, the first included (1 means never retry).
    public var maximumAttempts: Int
    public var initialDelay: Duration
    public var multiplier: Double
    public var maximumDelay: Duration

    public init(
        maximumAttempts: Int = 3,
        initialDelay: Duration = .milliseconds(500),
        multiplier: Double = 2,
        maximumDelay: Duration = .seconds(30)
    ) {
        self.maximumAttempts = maximumAttempts
        self.initialDelay = initialDelay
        self.multiplier = multiplier
        self.maximumDelay = maximumDelay
    }

    /// No retries.
    public static var never: Self { Self(maximumAttempts: 1) }

    func check() throws(ValidationError) {
        guard maximumAttempts >= 1 else {
            throw ValidationError(.outOfRange, field: "retry.maximumAttempts", reason: "must be at least 1")
        }
        guard initialDelay >= .zero, maximumDelay >= initialDelay else {
            throw ValidationError(
                .outOfRange,
                field: "retry.initialDelay",
                reason: "must be zero or more and at most maximumDelay"
            )
        }
        guard multiplier.isFinite, multiplier >= 1 else {
            throw ValidationError(
                .outOfRange,
                field: "retry.multiplier",
                reason: "must be a finite number of at least 1"
            )
        }
    }

    /// The wait before attempt `attempt + 1`.
    func delay(after attempt: Int, retryAfterSeconds: Int?) -> Duration {
        if let seconds = retryAfterSeconds, seconds >= 0 {
            return min(.seconds(seconds), maximumDelay)
        }
        var delay = initialDelay
        for _ in 1..<max(attempt, 1) {
            delay = delay * multiplier
            if delay >= maximumDelay { return maximumDelay }
        }
        return min(delay, maximumDelay)
    }
}
