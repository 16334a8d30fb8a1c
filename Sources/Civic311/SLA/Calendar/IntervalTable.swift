/// Groups of sorted, non-overlapping time intervals stored flat, for the open hours of the weekdays
/// (in seconds since local midnight) and of the days on which clocks change (in UTC instants).
///
/// Every function takes the group and a time on the same scale as that group's intervals.
struct IntervalTable: Sendable {
    private var starts: [Double] = []
    private var ends: [Double] = []
    /// Group `g` is `starts[bounds[g]..<bounds[g + 1]]`.
    private var bounds: [Int] = [0]

    /// Appends a group, merging intervals that touch, and returns its index. The intervals must be sorted
    /// and must not overlap; empty intervals are dropped.
    @discardableResult
    mutating func append(_ intervals: [(start: Double, end: Double)]) -> Int {
        for interval in intervals where interval.end > interval.start {
            if starts.count > bounds[bounds.count - 1], ends[ends.count - 1] == interval.start {
                ends[ends.count - 1] = interval.end
            } else {
                starts.append(interval.start)
                ends.append(interval.end)
            }
        }
        bounds.append(starts.count)
        return bounds.count - 2
    }

    private func range(_ group: Int) -> Range<Int> { bounds[group]..<bounds[group + 1] }

    /// The intervals of `group`.
    func intervals(_ group: Int) -> [(start: Double, end: Double)] { range(group).map { (starts[$0], ends[$0]) } }

    /// The total length of `group`.
    func length(_ group: Int) -> Double {
        var total = 0.0
        for index in range(group) { total += ends[index] - starts[index] }
        return total
    }

    /// The start of the first interval, or `nil` for an empty group.
    func first(_ group: Int) -> Double? { range(group).isEmpty ? nil : starts[bounds[group]] }

    /// The end of the last interval, or `nil` for an empty group.
    func last(_ group: Int) -> Double? { range(group).isEmpty ? nil : ends[bounds[group + 1] - 1] }

    /// Whether `time` lies inside an interval (start included, end excluded).
    func contains(_ time: Double, in group: Int) -> Bool {
        for index in range(group) where time < ends[index] { return time >= starts[index] }
        return false
    }

    /// How much of the group lies before `time`.
    func length(before time: Double, in group: Int) -> Double {
        var total = 0.0
        for index in range(group) {
            if time <= starts[index] { break }
            total += min(time, ends[index]) - starts[index]
        }
        return total
    }

    /// `time` itself if it lies inside an interval, else the next start after it, or `nil` if none.
    func nextOpening(atOrAfter time: Double, in group: Int) -> Double? {
        for index in range(group) where time < ends[index] { return max(time, starts[index]) }
        return nil
    }

    /// The earliest time at which `amount` (0 < amount <= length) of the group has elapsed; an amount that
    /// uses up an interval exactly ends at that interval's end, not at the next start.
    func time(reaching amount: Double, in group: Int) -> Double {
        var remaining = amount
        for index in range(group) {
            let length = ends[index] - starts[index]
            if remaining <= length { return starts[index] + remaining }
            remaining -= length
        }
        return last(group) ?? 0
    }
}
