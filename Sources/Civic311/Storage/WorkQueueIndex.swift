import Foundation

/// The in-memory store's index of requests by department and state, each queue soonest due
/// first: the department work queue a supervisor opens, and the counts beside it.
///
/// Every request is in exactly one queue, under its current department and state, keyed by its
/// due instant and ticket (``RequestOrder/dueAscending``'s order). The store moves a request
/// between queues on every change, under the same lock as the change itself, so the index is
/// never behind the requests.
///
/// With `q` queues matching a query (at most departments × states), a page of `p` soonest-due
/// requests is a merge of the matching queues from the cursor: O(q log n + q p) comparisons, and
/// only the requests on the page (plus any the query's other criteria turn away) are read. A
/// count by department, state and due bound is O(q) when there is no due bound, and
/// O(q (c + log n)) with one (see ``OrderedKeys``).
struct WorkQueueIndex: Sendable {
    /// A queue: one department's requests in one state.
    struct Queue: Hashable, Sendable {
        let department: DepartmentID
        let state: RequestState
    }

    /// A request's place in its queue, in ``RequestOrder/dueAscending``'s order.
    ///
    /// The order is total even for a due instant that is not a number (the store's public entry
    /// points take whatever instant a caller built): such a place sorts after every other, by
    /// ticket, so it is always found again to be moved. For every other instant it is exactly
    /// the reference order, `(dueAt, ticket)`.
    struct Place: Comparable, Sendable {
        let dueAt: Date
        let ticket: TicketNumber

        static func < (lhs: Place, rhs: Place) -> Bool {
            let left = lhs.dueAt.timeIntervalSinceReferenceDate
            let right = rhs.dueAt.timeIntervalSinceReferenceDate
            if left.isNaN || right.isNaN {
                return left.isNaN == right.isNaN ? lhs.ticket < rhs.ticket : right.isNaN
            }
            return left != right ? left < right : lhs.ticket < rhs.ticket
        }

        static func == (lhs: Place, rhs: Place) -> Bool {
            !(lhs < rhs) && !(rhs < lhs)
        }
    }

    /// Where a request is filed: its queue and its place in it.
    struct Filing: Equatable, Sendable {
        let queue: Queue
        let place: Place

        init(_ request: ServiceRequest) {
            queue = Queue(department: request.department, state: request.state)
            place = Place(dueAt: request.dueAt, ticket: request.ticket)
        }
    }

    private(set) var queues: [Queue: OrderedKeys<Place>] = [:]

    /// Files a request the index does not hold yet.
    mutating func file(_ request: ServiceRequest) {
        let filing = Filing(request)
        let added = queues[filing.queue, default: OrderedKeys()].insert(filing.place)
        assert(added, "request \(request.ticket) was filed twice")
    }

    /// Moves a request from where it was filed to where it belongs now, if that changed.
    mutating func refile(from old: Filing, to new: Filing) {
        guard old != new else { return }
        // One lookup for the old queue, changed in place through the dictionary's values.
        let index = queues.index(forKey: old.queue)
        assert(index != nil, "request \(old.place.ticket) was not filed where the store said")
        if let index {
            let removed = queues.values[index].remove(old.place)
            assert(removed, "request \(old.place.ticket) was not filed where the store said")
            if queues.values[index].isEmpty { queues.remove(at: index) }
        }
        let added = queues[new.queue, default: OrderedKeys()].insert(new.place)
        assert(added, "request \(new.place.ticket) was filed twice")
    }

    /// The queues `query`'s departments and states select (every queue when it names neither).
    func queues(matching query: RequestQuery) -> [OrderedKeys<Place>] {
        if let departments = query.departments {
            let states = query.states.map(Array.init) ?? RequestState.allCases
            return departments.flatMap { department in
                states.compactMap { queues[Queue(department: department, state: $0)] }
            }
        }
        return queues.compactMap { queue, keys in
            query.states.map { $0.contains(queue.state) } ?? true ? keys : nil
        }
    }

    /// Whether the index alone can count `query`: it filters on nothing but department, state and
    /// a due bound.
    static func counts(_ query: RequestQuery) -> Bool {
        query.serviceTypes == nil && query.createdFrom == nil && query.createdBefore == nil
    }

    /// The number of requests `query` matches, for a query the index ``counts(_:)``.
    func count(_ query: RequestQuery) -> Int {
        assert(Self.counts(query), "the index cannot count by service type or creation time")
        let selected = queues(matching: query)
        guard let dueBefore = query.dueBefore else { return selected.reduce(0) { $0 + $1.count } }
        return selected.reduce(0) { $0 + $1.countPrefix { $0.dueAt < dueBefore } }
    }

    /// The places of the requests in `query`'s queues after `cursor`, soonest due first, up to
    /// `query`'s due bound, one at a time: a merge of the queues' walks.
    func places(matching query: RequestQuery, after cursor: Place?) -> Merge {
        Merge(walks: queues(matching: query).map { $0.keys(after: cursor) }, dueBefore: query.dueBefore)
    }

    /// Several queues' walks merged into one order.
    struct Merge: IteratorProtocol, Sequence {
        fileprivate var walks: [OrderedKeys<Place>.Walk]
        fileprivate let dueBefore: Date?

        mutating func next() -> Place? {
            // A linear pick among the walks' next keys: the queues a query selects are few
            // (departments × states), so a heap would not pay for itself.
            var chosen: Int?
            var least: Place?
            for index in walks.indices {
                guard let head = walks[index].peek() else { continue }
                if let current = least, !(head < current) { continue }
                chosen = index
                least = head
            }
            guard let chosen, let least else { return nil }
            if let dueBefore, least.dueAt >= dueBefore { return nil }
            _ = walks[chosen].next()
            return least
        }
    }
}
