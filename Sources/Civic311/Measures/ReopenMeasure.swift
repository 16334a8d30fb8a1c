/// How often finished requests had to be reopened, as of a date.
///
/// reopen rate = requests reopened at least once ÷ requests resolved or closed at least once
/// (a close as a duplicate does not count: it is a merge, and undoing a merge is not a reopening).
/// A request reopened and then closed again counts once in each. The formula and its sources:
/// `Documentation/Measures.md` ("Reopen rate").
public struct ReopenMeasure: Hashable, Sendable {
    /// Requests resolved or closed at least once by the as-of date.
    public internal(set) var finished = 0
    /// Of those, the ones reopened at least once.
    public internal(set) var reopened = 0
    /// Reopenings, all requests together.
    public internal(set) var reopenings = 0

    /// reopened ÷ finished; `nil` when no request has finished.
    public var rate: Double? { finished > 0 ? Double(reopened) / Double(finished) : nil }

    init() {}

    mutating func add(finishedOnce: Bool, reopenCount: Int) {
        guard finishedOnce else { return }
        finished += 1
        if reopenCount > 0 { reopened += 1 }
        reopenings += reopenCount
    }
}
