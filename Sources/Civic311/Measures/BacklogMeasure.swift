import Foundation

/// The requests still open at the as-of date, by age (as-of date − creation time).
///
/// Open means new, assigned, in progress or on hold (``RequestState/isOpen``). Ages fall into
/// buckets bounded by ``bounds``: bucket 0 holds ages below `bounds[0]`, bucket *i* ages from
/// `bounds[i-1]` up to (not including) `bounds[i]`, and the last bucket ages from the last bound
/// up. The formula and its sources: `Documentation/Measures.md` ("Backlog by age").
public struct BacklogMeasure: Hashable, Sendable {
    /// The default bounds: 1, 3, 7, 30 and 90 days.
    public static let defaultBounds: [TimeInterval] = [1, 3, 7, 30, 90].map { $0 * 86_400 }

    /// The bucket bounds, in seconds, increasing.
    public let bounds: [TimeInterval]
    /// Open requests per bucket: `bounds.count + 1` of them.
    public internal(set) var counts: [Int]
    /// Open requests, all buckets together.
    public internal(set) var open = 0
    /// Σ age over the open requests, in seconds.
    public internal(set) var totalAge: TimeInterval = 0
    /// The oldest open request's age, in seconds; `nil` when nothing is open.
    public internal(set) var oldestAge: TimeInterval?

    /// The mean age of the open requests, in seconds; `nil` when nothing is open.
    public var meanAge: TimeInterval? { open > 0 ? totalAge / Double(open) : nil }

    /// One row per bucket: its lower and upper bound (`nil` for the last) and its count.
    public var buckets: [(from: TimeInterval, before: TimeInterval?, count: Int)] {
        counts.indices.map { index in
            (index == 0 ? 0 : bounds[index - 1], index < bounds.count ? bounds[index] : nil, counts[index])
        }
    }

    init(bounds: [TimeInterval]) {
        self.bounds = bounds
        counts = Array(repeating: 0, count: bounds.count + 1)
    }

    /// Checks bucket bounds: finite, positive and strictly increasing.
    static func validate(_ bounds: [TimeInterval]) throws(MeasureError) {
        for (index, bound) in bounds.enumerated() {
            guard bound.isFinite, bound > 0 else {
                throw MeasureError(
                    .invalidArgument,
                    field: "backlogAgeBounds[\(index)]",
                    reason: "must be a positive, finite number of seconds, got \(bound)"
                )
            }
            if index > 0, bound <= bounds[index - 1] {
                throw MeasureError(
                    .invalidArgument,
                    field: "backlogAgeBounds[\(index)]",
                    reason: "must be greater than the bound before it (\(bounds[index - 1])), got \(bound)"
                )
            }
        }
    }

    /// Counts `request` if it was open at `asOf`.
    mutating func add(_ request: ServiceRequest, asOf: Date) {
        guard request.state.isOpen else { return }
        let age = asOf.timeIntervalSince(request.createdAt)
        // The first bound above the age; the buckets are few, so a scan beats a search.
        var bucket = 0
        while bucket < bounds.count, age >= bounds[bucket] { bucket += 1 }
        counts[bucket] += 1
        open += 1
        totalAge += age
        oldestAge = max(oldestAge ?? age, age)
    }
}
