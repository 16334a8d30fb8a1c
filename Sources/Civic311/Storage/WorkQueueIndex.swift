import Foundation

/// The in-memory store's index of requests by department, state and service type, each queue
/// soonest due first: the department work queue a supervisor opens, and the counts beside it.
///
/// Every request is in exactly one queue, under its current department and state and its service
/// type, keyed by its due instant and ticket (``RequestOrder/dueAscending``'s order). The store
/// moves a request between queues on every change, under the same lock as the change itself, so
/// the index is never behind the requests.
///
/// A query selects the queues whose department, state and service type it accepts: `q` of the
/// `Q` non-empty queues (at most departments × states × service types, far fewer in practice,
/// since a service type belongs to one department until a request is forwarded). A page of `p`
/// soonest-due requests is a heap merge of the selected queues from the cursor: O(Q + q log n +
/// p log q), and only the requests on the page (plus any a creation-time bound turns away) are
/// read. A count by department, state, service type and due bound reads no request: O(Q) without
/// a due bound, O(Q + q (c + log n)) with one (see ``OrderedKeys``).
struct WorkQueueIndex: Sendable {
    /// A queue: one department's requests of one service type in one state.
    struct Queue: Hashable, Sendable {
        let department: DepartmentID
        let state: RequestState
        let serviceType: ServiceTypeCode

        func isSelected(by query: RequestQuery) -> Bool {
            (query.departments?.contains(department) ?? true) && (query.states?.contains(state) ?? true)
                && (query.serviceTypes?.contains(serviceType) ?? true)
        }
    }

    /// A request's place in its queue, in ``RequestOrder/dueAscending``'s order: its due instant
    /// and ticket.
    typealias Place = TimedTicket

    /// Where a request is filed: its queue and its place in it.
    struct Filing: Equatable, Sendable {
        let queue: Queue
        let place: Place

        init(_ request: ServiceRequest) {
            queue = Queue(department: request.department, state: request.state, serviceType: request.serviceType)
            place = Place(instant: request.dueAt, ticket: request.ticket)
        }
    }

    /// A queue and its requests.
    struct Shelf: Sendable {
        let queue: Queue
        var places: OrderedKeys<Place>
    }

    /// The queues of each service type, by the type's number (``ServiceTypeNumbering``): a type
    /// has a queue per department and state it has requests in, a handful, so filing a request
    /// indexes an array and compares a few short codes instead of hashing two codes.
    private var shelves: [[Shelf]] = []

    /// Files a request the index does not hold yet; `typeNumber` is its service type's number.
    mutating func file(_ request: ServiceRequest, typeNumber: Int32) {
        let type = Int(typeNumber)
        let place = Place(instant: request.dueAt, ticket: request.ticket)
        // Found by the request's own fields, so the usual case copies no code.
        if type < shelves.count,
            let index = shelves[type].firstIndex(where: {
                $0.queue.state == request.state && $0.queue.department == request.department
            })
        {
            let added = shelves[type][index].places.insert(place)
            assert(added, "request \(request.ticket) was filed twice")
            return
        }
        let added = insert(place, into: Filing(request).queue, typeNumber: type)
        assert(added, "request \(request.ticket) was filed twice")
    }

    /// Moves a request from where it was filed to where it belongs now, if that changed. A
    /// request's service type never changes, so one `typeNumber` serves both filings.
    mutating func refile(from old: Filing, to new: Filing, typeNumber: Int32) {
        guard old != new else { return }
        let type = Int(typeNumber)
        let index = type < shelves.count ? shelves[type].firstIndex { $0.queue == old.queue } : nil
        assert(index != nil, "request \(old.place.ticket) was not filed where the store said")
        if let index {
            let removed = shelves[type][index].places.remove(old.place)
            assert(removed, "request \(old.place.ticket) was not filed where the store said")
            if shelves[type][index].places.isEmpty { shelves[type].remove(at: index) }
        }
        let added = insert(new.place, into: new.queue, typeNumber: type)
        assert(added, "request \(new.place.ticket) was filed twice")
    }

    private mutating func insert(_ place: Place, into queue: Queue, typeNumber type: Int) -> Bool {
        while shelves.count <= type { shelves.append([]) }
        // Changed in place, through the arrays.
        if let index = shelves[type].firstIndex(where: { $0.queue.state == queue.state && $0.queue == queue }) {
            return shelves[type][index].places.insert(place)
        }
        var places = OrderedKeys<Place>()
        let added = places.insert(place)
        shelves[type].append(Shelf(queue: queue, places: places))
        return added
    }

    /// The queues `query`'s departments and states select (every queue when it names neither).
    func queues(matching query: RequestQuery) -> [OrderedKeys<Place>] {
        shelves.flatMap { $0.compactMap { $0.queue.isSelected(by: query) ? $0.places : nil } }
    }

    /// Whether the index answers a count of `query` (it holds no creation times).
    static func counts(_ query: RequestQuery) -> Bool {
        query.createdFrom == nil && query.createdBefore == nil
    }

    func count(_ query: RequestQuery) -> Int {
        assert(Self.counts(query), "the index cannot count by creation time")
        let selected = queues(matching: query)
        guard let dueBefore = query.dueBefore else { return selected.reduce(0) { $0 + $1.count } }
        return selected.reduce(0) { $0 + $1.countPrefix { $0.instant < dueBefore } }
    }

    func places(matching query: RequestQuery, after cursor: Place?) -> Merge {
        Merge(walks: queues(matching: query).map { $0.keys(after: cursor) }, dueBefore: query.dueBefore)
    }

    /// Several queues' walks merged into one order.
    /// The selected queues' places in one order: a binary min-heap of the walks, keyed by each
    /// walk's next place, so a page from many queues costs a logarithm per place, not a pass
    /// over every queue.
    struct Merge: IteratorProtocol, Sequence {
        fileprivate var walks: [OrderedKeys<Place>.Walk]
        fileprivate let dueBefore: Date?

        init(walks: [OrderedKeys<Place>.Walk], dueBefore: Date?) {
            self.walks = walks.filter { $0.peek() != nil }
            self.dueBefore = dueBefore
            for index in stride(from: self.walks.count / 2 - 1, through: 0, by: -1) { siftDown(index) }
        }

        mutating func next() -> Place? {
            guard let least = walks.first?.peek() else { return nil }
            if let dueBefore, least.instant >= dueBefore { return nil }
            _ = walks[0].next()
            if walks[0].peek() == nil {
                walks.swapAt(0, walks.count - 1)
                walks.removeLast()
            }
            siftDown(0)
            return least
        }

        /// Restores the heap below `index`; every walk in the heap has a next place.
        private mutating func siftDown(_ index: Int) {
            var parent = index
            while true {
                let left = 2 * parent + 1
                guard left < walks.count else { return }
                var child = left
                if left + 1 < walks.count, walks[left + 1].peek()! < walks[left].peek()! { child = left + 1 }
                guard walks[child].peek()! < walks[parent].peek()! else { return }
                walks.swapAt(parent, child)
                parent = child
            }
        }
    }
}
