/// How many requests were made, and how many per 1,000 residents, as of a date.
///
/// A request merged into another as its duplicate is the same problem reported again: it is
/// counted in ``mergedDuplicates``, not in ``requests``, so each problem counts once. The formula
/// and its sources: `Documentation/Measures.md` ("Requests per 1,000 residents").
public struct VolumeMeasure: Hashable, Sendable {
    /// Requests counted (merged duplicates excepted).
    public internal(set) var requests = 0
    /// Requests in the filter that were merged into another by the as-of date.
    public internal(set) var mergedDuplicates = 0
    /// The residents the figure is per, as the caller gave them.
    public let residents: Int?

    /// requests ÷ residents × 1,000; `nil` without a resident count.
    public var perThousandResidents: Double? { residents.map { Double(requests) / Double($0) * 1_000 } }

    init(residents: Int?) { self.residents = residents }
}
