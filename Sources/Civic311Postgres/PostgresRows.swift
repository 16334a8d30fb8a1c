internal import CCivic311Postgres

/// The rows of one statement's result, copied out of libpq's result (which is freed at once):
/// text values, `nil` for SQL `NULL`.
struct PostgresRows: Sendable {
    private let values: [[String?]]

    init(_ result: OpaquePointer) {
        let rows = PQntuples(result)
        let columns = PQnfields(result)
        var values: [[String?]] = []
        values.reserveCapacity(Int(rows))
        for row in 0..<rows {
            var fields: [String?] = []
            fields.reserveCapacity(Int(columns))
            for column in 0..<columns {
                if PQgetisnull(result, row, column) == 1 {
                    fields.append(nil)
                } else {
                    fields.append(String(cString: PQgetvalue(result, row, column)))
                }
            }
            values.append(fields)
        }
        self.values = values
    }

    var count: Int { values.count }
    var isEmpty: Bool { values.isEmpty }

    /// The text of one field; `nil` for `NULL` or a row or column that is not there.
    func text(_ row: Int, _ column: Int) -> String? {
        guard row < values.count, column < values[row].count else { return nil }
        return values[row][column]
    }

    /// One field as an integer; `nil` for `NULL` or text that is not one.
    func int64(_ row: Int, _ column: Int) -> Int64? {
        text(row, column).flatMap { Int64($0) }
    }
}
