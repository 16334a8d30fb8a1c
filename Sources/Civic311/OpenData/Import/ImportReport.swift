/// What an import did: how many rows it read, imported and refused, every problem with its line,
/// and where to resume when it stopped early.
///
/// Every row read is either imported or refused: ``rowsRead`` equals ``imported`` plus
/// ``refused``. A row that was imported with a repaired problem counts as imported and has its
/// problem listed.
public struct ImportReport: Hashable, Sendable, CustomStringConvertible {
    /// Records read after the header, not counting those skipped before the resume line.
    public internal(set) var rowsRead = 0
    /// Rows stored as requests.
    public internal(set) var imported = 0
    /// Rows not stored: each has a refusing problem in ``problems`` (or counted in
    /// ``problemsNotKept``).
    public internal(set) var refused = 0
    /// Records before the resume line, not read again.
    public internal(set) var skipped = 0
    /// Imported rows by the state their request ended in.
    public internal(set) var importedByState: [RequestState: Int] = [:]
    /// Every problem, in line order, up to the importer's limit
    /// (``OpenDataImporter/Options/maximumProblemsKept``).
    public internal(set) var problems: [ImportRowProblem] = []
    /// Problems found beyond the limit: counted in ``problemCounts``, not listed.
    public internal(set) var problemsNotKept = 0
    /// How many problems of each code were found, listed or not.
    public internal(set) var problemCounts: [ImportRowProblem.Code: Int] = [:]
    /// Optional columns of the mapping that the file's header lacks (an older layout): their
    /// values are blank in every row.
    public internal(set) var absentColumns: [String] = []
    /// The line of the last record whose outcome is stored (imported, or refused and reported).
    public internal(set) var lastLine = 0
    /// Where to resume after a failure: the line of the first record not yet stored; `nil` once
    /// the whole file is done. Pass it to ``OpenDataImporter/importFile(at:resumingAt:)``.
    public internal(set) var resumeLine: Int? = 1

    public init() {}

    /// Rows refused because their source ID was imported before.
    public var duplicates: Int { problemCounts[.duplicate] ?? 0 }

    /// Whether the whole file was read and every row's outcome stored.
    public var isComplete: Bool { resumeLine == nil }

    mutating func record(_ problem: ImportRowProblem, keepingAtMost limit: Int) {
        problemCounts[problem.code, default: 0] += 1
        if problems.count < limit { problems.append(problem) } else { problemsNotKept += 1 }
    }

    /// `12,000 rows: 11,950 imported, 50 refused (40 invalidDate, 10 duplicate)`.
    public var description: String {
        let counts = problemCounts.sorted { $0.key.description < $1.key.description }
            .map { "\($0.value) \($0.key)" }.joined(separator: ", ")
        let end = isComplete ? "" : "; stopped, resume at line \(resumeLine ?? 0)"
        return "\(rowsRead) rows: \(imported) imported, \(refused) refused"
            + (counts.isEmpty ? "" : " (problems: \(counts))") + end
    }
}
