import Foundation

/// The UTC offsets of one time zone over a span of years, held as sorted transition instants, so that
/// converting between UTC and local wall-clock time is a binary search instead of a Foundation call.
///
/// Times are seconds since 1970-01-01 00:00. "Local time" is the same count read on the local wall
/// clock: a UTC instant plus the offset in force at that instant.
struct ZoneOffsetTable: Sendable {
    /// One change of offset: at UTC `instant` the offset goes from `before` to `after`.
    struct Change {
        let instant: Double
        let before: Double
        let after: Double
    }

    /// UTC instants at which the offset changes, ascending.
    private let transitions: [Double]
    /// `offsets[i]` is in force from `transitions[i - 1]` (or forever before the first) until
    /// `transitions[i]`: one more entry than `transitions`.
    private let offsets: [Double]
    /// The local time at which `offsets[i + 1]` takes over: `transitions[i] + offsets[i + 1]`.
    private let localStarts: [Double]

    /// Reads the zone's transitions between the UTC instants `start` and `end`. Before `start` the
    /// offset at `start` is assumed, after `end` the last offset.
    init(timeZone: TimeZone, from start: Double, through end: Double) {
        var transitions: [Double] = []
        var offsets = [Double(timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: start)))]
        var cursor = Date(timeIntervalSince1970: start)
        // Foundation reports every change of the total offset here, not only daylight-saving ones.
        while let next = timeZone.nextDaylightSavingTimeTransition(after: cursor), next.timeIntervalSince1970 <= end {
            let offset = Double(timeZone.secondsFromGMT(for: next))
            if offset != offsets[offsets.count - 1] {
                transitions.append(next.timeIntervalSince1970)
                offsets.append(offset)
            }
            cursor = next
        }
        self.transitions = transitions
        self.offsets = offsets
        localStarts = transitions.indices.map { transitions[$0] + offsets[$0 + 1] }
    }

    /// Every change of offset in the table, in order.
    var changes: [Change] {
        transitions.indices.map { Change(instant: transitions[$0], before: offsets[$0], after: offsets[$0 + 1]) }
    }

    /// The offset in force at the UTC instant `instant`.
    func offset(atUTC instant: Double) -> Double { offsets[transitions.upperBound(of: instant)] }

    /// The UTC instant at which the local wall clock shows `local`.
    ///
    /// A local time that occurs twice (clocks went back) gives the earlier instant; a local time that
    /// never occurs (clocks jumped forward over it) gives the instant of the jump. Both rules keep the
    /// conversion non-decreasing, so working intervals stay in order.
    func utc(forLocal local: Double) -> Double {
        let period = localStarts.upperBound(of: local)
        if period > 0 {
            let previousEnd = transitions[period - 1] + offsets[period - 1]
            if local < previousEnd { return local - offsets[period - 1] }
        }
        if period < transitions.count, local >= transitions[period] + offsets[period] {
            return transitions[period]
        }
        return local - offsets[period]
    }
}
