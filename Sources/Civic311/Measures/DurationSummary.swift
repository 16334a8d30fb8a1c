import Foundation

/// Count, mean, median and 90th percentile of a set of durations, in seconds.
///
/// Percentiles use the nearest-rank method (the smallest value with at least that share of the
/// values at or below it), as ``ComplianceReport`` does; every figure is `nil` for an empty set.
/// See `Documentation/Measures.md` ("Time in each state").
public struct DurationSummary: Hashable, Sendable {
    public let count: Int
    /// The arithmetic mean, in seconds.
    public let mean: TimeInterval?
    public let median: TimeInterval?
    public let ninetiethPercentile: TimeInterval?
    /// The longest, in seconds.
    public let maximum: TimeInterval?

    /// Summarizes `durations` (seconds, in any order).
    public init(_ durations: [TimeInterval]) {
        let sorted = durations.sorted()
        count = sorted.count
        mean = sorted.isEmpty ? nil : sorted.reduce(0, +) / Double(sorted.count)
        median = Self.nearestRank(sorted, 0.5)
        ninetiethPercentile = Self.nearestRank(sorted, 0.9)
        maximum = sorted.last
    }

    /// The nearest-rank percentile `fraction` (0…1) of `sorted`; `nil` when it is empty.
    static func nearestRank(_ sorted: [Double], _ fraction: Double) -> Double? {
        guard !sorted.isEmpty else { return nil }
        let rank = Int((fraction * Double(sorted.count)).rounded(.up))
        return sorted[max(0, min(sorted.count, rank) - 1)]
    }
}
