import Civic311

/// The lowest and highest stored creation and due instants, in milliseconds: what the store
/// tells SQLite about how selective a date bound is.
///
/// SQLite guesses that a range keeps a quarter of the rows, so for a listing in ticket order it
/// prefers walking the table in ticket order over a date index. For the usual narrow windows
/// ("created this week" in years of requests) the index is far faster, and for wide ones the
/// walk is. The store estimates the share of rows a bound keeps from these extremes (assuming
/// an even spread) and passes it to the planner with `likelihood()`.
struct StoredRanges: Sendable {
    let created: ClosedRange<Int64>?
    let due: ClosedRange<Int64>?

    /// Reads the extremes; each is a single index seek.
    init(on connection: SQLiteConnection) throws(StorageError) {
        (created, due) = try connection.run(SQL.selectRanges) { statement throws(StorageError) in
            guard try statement.step() else { return (nil, nil) }
            func range(_ low: Int32, _ high: Int32) -> ClosedRange<Int64>? {
                guard !statement.isNull(low), !statement.isNull(high) else { return nil }
                let (lower, upper) = (statement.int64(low), statement.int64(high))
                return lower <= upper ? lower...upper : nil
            }
            return (range(0, 1), range(2, 3))
        }
    }

    /// The likelihood literal for keeping the stored values in `low..<high` (either end open)
    /// out of `range`; `nil` when there is nothing to estimate from.
    static func likelihood(of range: ClosedRange<Int64>?, from low: Int64?, below high: Int64?) -> String? {
        guard let range, range.upperBound > range.lowerBound, low != nil || high != nil else { return nil }
        let lower = Double(max(low ?? range.lowerBound, range.lowerBound))
        let upper = Double(min(high ?? range.upperBound, range.upperBound))
        let share = max(0, upper - lower) / Double(range.upperBound - range.lowerBound)
        // A few fixed levels, so that statements stay few and cacheable.
        switch share {
        case ..<0.02: return "0.01"
        case ..<0.15: return "0.1"
        case ..<0.5: return "0.3"
        default: return "0.9"
        }
    }

    /// `clause` wrapped in a `likelihood()` hint when one is known. The planner still sees the
    /// comparison inside it, so the index stays usable.
    static func hinted(_ clause: String, _ likelihood: String?) -> String {
        likelihood.map { "likelihood(\(clause), \($0))" } ?? clause
    }
}
