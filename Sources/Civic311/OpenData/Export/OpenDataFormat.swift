/// The file formats an ``OpenDataExport`` writes. Every format has the columns of
/// ``OpenDataColumn``, in that order, and is UTF-8.
public enum OpenDataFormat: String, Hashable, Sendable, Codable, CaseIterable {
    /// RFC 4180 CSV: a header row of the column names, then one row per request; lines end in
    /// CRLF; a field holding a comma, a double quote, CR or LF is quoted, its quotes doubled; an
    /// absent value is an empty field.
    case csv
    /// JSON Lines: one JSON object per request per line (LF), keys in column order, an absent
    /// value `null`. Appending is natural, so this is the format to follow a growing export with.
    case jsonLines
    /// One JSON array of the same objects, written as a stream: `[`, one object per line separated
    /// by commas, `]`. An empty export is `[]`.
    case jsonArray
}
