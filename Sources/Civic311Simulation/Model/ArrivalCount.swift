import Civic311

/// How many contacts a run generates.
public enum ArrivalCount: Sendable, Hashable {
    /// A Poisson number: the non-homogeneous Poisson process itself (thinning).
    case poisson
    /// Exactly this many, placed as a Poisson process conditioned on its count: independent times with
    /// density proportional to the (surged) arrival rate, then sorted. Use it to replay a known day's
    /// volume, such as New York's 276,827-call peak.
    case exactly(Int)
}
