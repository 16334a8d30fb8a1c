import Civic311
import Foundation

extension RequestQuery {
    /// The filter as SQL over the request table. Each date bound becomes the first stored
    /// millisecond that `RequestQuery.matches(_:)` would exclude (or keep), found with the same
    /// comparison `matches` makes, so the two agree for every bound.
    ///
    /// - Parameter ranges: the stored extremes, to tell SQLite how selective date bounds are.
    func sqlFilter(ranges: StoredRanges? = nil) -> SQLFilter {
        var filter = SQLFilter()
        filter.require("state", in: states?.map(\.rawValue))
        filter.require("department", in: departments?.map(\.rawValue.storedKey))
        filter.require("service_type", in: serviceTypes?.map(\.rawValue.storedKey))
        let from = createdFrom.map { bound in Date.firstStoredMillisecond(around: bound) { !($0 < bound) } }
        let before = createdBefore.map { bound in Date.firstStoredMillisecond(around: bound) { $0 >= bound } }
        // The window's estimated share goes on its first bound; the second then adds nothing.
        let created = StoredRanges.likelihood(of: ranges?.created, from: from, below: before)
        if let from {
            filter.require(StoredRanges.hinted("created_at >= ?", created), .integer(from))
        }
        if let before {
            filter.require(
                StoredRanges.hinted("created_at < ?", from == nil ? created : created.map { _ in "1.0" }),
                .integer(before)
            )
        }
        if let dueBefore {
            let first = Date.firstStoredMillisecond(around: dueBefore) { $0 >= dueBefore }
            let likelihood = StoredRanges.likelihood(of: ranges?.due, from: nil, below: first)
            filter.require(StoredRanges.hinted("due_at < ?", likelihood), .integer(first))
        }
        return filter
    }

    /// Whether the filter has date bounds, whose selectivity the store estimates.
    var hasDateBounds: Bool { createdFrom != nil || createdBefore != nil || dueBefore != nil }

    /// The filter plus the cursor's position, agreeing with `RequestOrder.sorts(_:after:)`.
    func listingFilter(after cursor: PageCursor?, ranges: StoredRanges? = nil) -> SQLFilter {
        var filter = sqlFilter(ranges: ranges)
        guard let cursor else { return filter }
        let ticket = Int64(cursor.ticket.payload)
        switch order {
        case .ticketAscending:
            filter.require("ticket > ?", .integer(ticket))
        case .ticketDescending:
            filter.require("ticket < ?", .integer(ticket))
        case .dueAscending:
            // Due strictly later comes after the cursor; due at the cursor's own instant (if that
            // is a stored millisecond) comes after it when the ticket is higher.
            let due = cursor.dueAt ?? .distantPast
            let later = Date.firstStoredMillisecond(around: due) { $0 > due }
            if Date(storedMilliseconds: later - 1) == due {
                filter.require("(due_at, ticket) > (?, ?)", .integer(later - 1), .integer(ticket))
            } else {
                filter.require("due_at >= ?", .integer(later))
            }
        }
        return filter
    }

    /// Most (state, department) pairs a due-ordered listing merges walk by walk; more are sorted.
    static let mergedPairLimit = 32

    /// The statement that lists a page of the requests matching `self` after `cursor` (its last
    /// parameter is the limit), and the filters whose values it binds, in order.
    ///
    /// A due-ordered listing of several states or departments is a `UNION ALL` of one `SELECT`
    /// per (department, state) pair, which SQLite merges in due order: each walks
    /// `request_queue` from the cursor, so a page costs the page and a seek per pair however many
    /// requests match. A single `IN` over several values would read every match and sort them.
    func listingSQL(after cursor: PageCursor?, ranges: StoredRanges? = nil) -> (sql: String, filters: [SQLFilter]) {
        let select = "SELECT \(SQL.requestColumns) FROM request"
        if order == .dueAscending, let states, let departments, states.count * departments.count > 1,
            states.count * departments.count <= Self.mergedPairLimit
        {
            var filters: [SQLFilter] = []
            for department in departments.sorted(by: { $0.rawValue < $1.rawValue }) {
                for state in states.sorted(by: { $0.rawValue < $1.rawValue }) {
                    var pair = self
                    pair.departments = [department]
                    pair.states = [state]
                    filters.append(pair.listingFilter(after: cursor, ranges: ranges))
                }
            }
            let arms = filters.map { select + $0.sql }.joined(separator: " UNION ALL ")
            return (arms + sqlOrder + " LIMIT ?", filters)
        }
        let filter = listingFilter(after: cursor, ranges: ranges)
        return (select + filter.sql + sqlOrder + " LIMIT ?", [filter])
    }

    /// The statement that counts the requests matching `self`, and the filter it binds.
    func countSQL(ranges: StoredRanges? = nil) -> (sql: String, filter: SQLFilter) {
        let filter = sqlFilter(ranges: ranges)
        return ("SELECT count(*) FROM request" + filter.sql, filter)
    }

    var sqlOrder: String {
        switch order {
        case .ticketAscending: " ORDER BY ticket"
        case .ticketDescending: " ORDER BY ticket DESC"
        case .dueAscending: " ORDER BY due_at, ticket"
        }
    }
}

extension ContactQuery {
    /// The filter as SQL over the contact table, agreeing with `ContactQuery.matches(_:)`.
    var sqlFilter: SQLFilter {
        var filter = SQLFilter()
        filter.require("channel", in: channels?.map(\.rawValue))
        filter.require("category", in: categories?.map(\.rawValue))
        if let receivedFrom {
            let first = Date.firstStoredMillisecond(around: receivedFrom) { !($0 < receivedFrom) }
            filter.require("received_at >= ?", .integer(first))
        }
        if let receivedBefore {
            let first = Date.firstStoredMillisecond(around: receivedBefore) { $0 >= receivedBefore }
            filter.require("received_at < ?", .integer(first))
        }
        return filter
    }
}
