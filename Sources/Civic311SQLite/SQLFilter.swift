import Foundation

/// A `WHERE` clause under construction, with the values to bind to its parameters in order.
///
/// The SQL text depends only on the shape of the filter (which criteria, how many values in
/// each set), so statements prepared for one shape are reused for every query of that shape.
struct SQLFilter: Sendable {
    /// A value bound to one parameter.
    enum Value: Sendable {
        case integer(Int64)
        case text(String)
    }

    private(set) var clauses: [String] = []
    private(set) var values: [Value] = []

    /// `column IN (…)` for a set criterion; nothing for `nil`, and a clause that matches nothing
    /// for an empty set.
    mutating func require(_ column: String, in set: (some Collection<String>)?) {
        guard let set else { return }
        guard !set.isEmpty else {
            clauses.append("0")
            return
        }
        clauses.append("\(column) IN (" + repeatElement("?", count: set.count).joined(separator: ", ") + ")")
        values.append(contentsOf: set.map { .text($0) })
    }

    /// A clause with `?` parameters and their values.
    mutating func require(_ clause: String, _ bound: Value...) {
        clauses.append(clause)
        values.append(contentsOf: bound)
    }

    /// `" WHERE …"`, or nothing when there are no criteria.
    var sql: String {
        clauses.isEmpty ? "" : " WHERE " + clauses.joined(separator: " AND ")
    }

    /// Binds the values, starting at parameter `first`; returns the next free parameter index.
    @discardableResult
    func bind(to statement: SQLiteStatement, from first: Int32 = 1) -> Int32 {
        var index = first
        for value in values {
            switch value {
            case .integer(let integer): statement.bind(integer, at: index)
            case .text(let text): statement.bind(text, at: index)
            }
            index += 1
        }
        return index
    }

    /// Binds the values of `filters` one after the other, from parameter 1; returns the next free
    /// parameter index.
    @discardableResult
    static func bind(_ filters: [SQLFilter], to statement: SQLiteStatement) -> Int32 {
        filters.reduce(1) { index, filter in filter.bind(to: statement, from: index) }
    }
}
