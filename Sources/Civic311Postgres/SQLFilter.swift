/// A `WHERE` clause built from parts, with its parameters numbered `$1`, `$2`… in order.
struct SQLFilter: Sendable {
    private(set) var clauses: [String] = []
    private(set) var parameters: [String?] = []

    /// The next parameter's placeholder, for `value`.
    mutating func placeholder(_ value: String?) -> String {
        parameters.append(value)
        return "$\(parameters.count)"
    }

    /// Adds `clause`, built with placeholders from ``placeholder(_:)``.
    mutating func require(_ clause: String) {
        clauses.append(clause)
    }

    /// Requires `column` to be one of `values`; nothing when `values` is `nil`, and no row at
    /// all when it is empty (an empty set matches nothing, as `RequestQuery.matches` has it).
    mutating func require(_ column: String, in values: [String]?) {
        guard let values else { return }
        guard !values.isEmpty else { return require("false") }
        let list = values.map { placeholder($0) }.joined(separator: ", ")
        require("\(column) IN (\(list))")
    }

    var sql: String { clauses.isEmpty ? "" : " WHERE " + clauses.joined(separator: " AND ") }
}
