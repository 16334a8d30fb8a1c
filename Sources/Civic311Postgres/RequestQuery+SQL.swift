import Civic311
import Foundation

extension RequestQuery {
    /// The query as a filter over `civic311.request`, agreeing with `RequestQuery.matches(_:)`:
    /// dates are compared as the same `Double`s `Date` compares, identifiers in stored form.
    var sqlFilter: SQLFilter {
        var filter = SQLFilter()
        filter.require("state", in: states?.map(\.rawValue))
        filter.require("department", in: departments?.map(\.rawValue.storedKey))
        filter.require("service_type", in: serviceTypes?.map(\.rawValue.storedKey))
        if let createdFrom { filter.require("created_at >= " + filter.placeholder(StoredBody.date(createdFrom))) }
        if let createdBefore { filter.require("created_at < " + filter.placeholder(StoredBody.date(createdBefore))) }
        if let dueBefore { filter.require("due_at < " + filter.placeholder(StoredBody.date(dueBefore))) }
        return filter
    }

    /// The filter plus the cursor's position, agreeing with `RequestOrder.sorts(_:after:)`.
    func listingFilter(after cursor: PageCursor?) -> SQLFilter {
        var filter = sqlFilter
        guard let cursor else { return filter }
        let ticket = String(cursor.ticket.payload)
        switch order {
        case .ticketAscending:
            filter.require("ticket > " + filter.placeholder(ticket))
        case .ticketDescending:
            filter.require("ticket < " + filter.placeholder(ticket))
        case .dueAscending:
            let due = filter.placeholder(StoredBody.date(cursor.dueAt ?? .distantPast))
            filter.require("(due_at, ticket) > (\(due)::double precision, \(filter.placeholder(ticket))::bigint)")
        }
        return filter
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
    /// The query as a filter over `civic311.contact`, agreeing with `ContactQuery.matches(_:)`.
    var sqlFilter: SQLFilter {
        var filter = SQLFilter()
        filter.require("channel", in: channels?.map(\.rawValue))
        filter.require("category", in: categories?.map(\.rawValue))
        if let receivedFrom {
            filter.require("received_at >= " + filter.placeholder(StoredBody.date(receivedFrom)))
        }
        if let receivedBefore {
            filter.require("received_at < " + filter.placeholder(StoredBody.date(receivedBefore)))
        }
        return filter
    }
}
