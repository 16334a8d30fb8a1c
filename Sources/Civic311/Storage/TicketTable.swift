/// Values kept in ticket order: the in-memory store's index.
///
/// Tickets are issued in time order, so nearly every insertion is an append, and a lookup is a
/// binary search over a dense array of 8-byte tickets. Compared with a `Dictionary`, intake hashes
/// nothing and never rehashes on growth, and the ticket order needed for pagination comes free.
///
/// Past the first few thousand, values never move: they are appended to fixed-size chunks, each
/// reserved whole when it is started, and the sorted index maps each ticket to its value's slot.
/// Growing the table therefore copies 12 bytes per entry, not the value, and a chunk's pages are
/// touched once, when its values are written.
struct TicketTable<Value> {
    /// Every ticket held, ascending.
    private(set) var tickets: [TicketNumber] = []
    /// `slots[i]` is where the value of `tickets[i]` is kept in `chunks`.
    private var slots: [UInt32] = []
    /// Values in the order they were inserted, `chunkSize` to a chunk.
    private var chunks: [[Value]] = []

    private static var chunkShift: UInt32 { 12 }
    private static var chunkSize: Int { 1 << chunkShift }
    private static var slotMask: UInt32 { (1 << chunkShift) - 1 }

    var count: Int { tickets.count }

    /// Every value, in no particular order: for scans that filter or count.
    var values: FlattenSequence<[[Value]]> { chunks.joined() }

    /// The position of `ticket` in ticket order, or `nil` when it is not in the table.
    func index(of ticket: TicketNumber) -> Int? {
        // Newer than everything stored: the common case at intake, answered without a search.
        guard let last = tickets.last, ticket <= last else { return nil }
        let index = firstIndex(notBefore: ticket)
        return tickets[index] == ticket ? index : nil
    }

    /// The value at `index` in ticket order.
    func value(at index: Int) -> Value {
        value(inSlot: slots[index])
    }

    subscript(ticket: TicketNumber) -> Value? {
        index(of: ticket).map { value(at: $0) }
    }

    func contains(_ ticket: TicketNumber) -> Bool { index(of: ticket) != nil }

    /// Adds a value for a ticket the table does not hold yet (callers check first), and returns
    /// the slot it is kept in: slots count insertions from 0 and never change.
    @discardableResult
    mutating func insert(_ value: Value, for ticket: TicketNumber) -> UInt32 {
        precondition(UInt64(count) < UInt64(UInt32.max), "a ticket table holds at most 2^32 - 1 values")
        assert(!contains(ticket), "callers check for a held ticket before inserting")
        let slot = UInt32(count)
        if chunks.isEmpty {
            // The first chunk grows as usual, so a small table stays small.
            chunks.append([])
        } else if chunks[chunks.count - 1].count == Self.chunkSize {
            var chunk: [Value] = []
            chunk.reserveCapacity(Self.chunkSize)
            chunks.append(chunk)
        }
        chunks[chunks.count - 1].append(value)
        if let last = tickets.last, ticket < last {
            let index = firstIndex(after: ticket)
            tickets.insert(ticket, at: index)
            slots.insert(slot, at: index)
        } else {
            tickets.append(ticket)
            slots.append(slot)
        }
        return slot
    }

    /// The slot of the value at `index` in ticket order.
    func slot(at index: Int) -> UInt32 { slots[index] }

    /// The value kept in `slot`, as ``insert(_:for:)`` returned it.
    func value(inSlot slot: UInt32) -> Value {
        chunks[Int(slot >> Self.chunkShift)][Int(slot & Self.slotMask)]
    }

    /// Changes the value at `index` (in ticket order) in place, without copying it out and back.
    mutating func update<Outcome, Failure: Error>(
        at index: Int,
        _ body: (inout Value) throws(Failure) -> Outcome
    ) throws(Failure) -> Outcome {
        let slot = slots[index]
        return try body(&chunks[Int(slot >> Self.chunkShift)][Int(slot & Self.slotMask)])
    }

    /// The index of the first ticket greater than `ticket`.
    func firstIndex(after ticket: TicketNumber) -> Int {
        var low = 0
        var high = tickets.count
        while low < high {
            let middle = (low + high) / 2
            if tickets[middle] <= ticket { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// The index of the first ticket not less than `ticket`.
    func firstIndex(notBefore ticket: TicketNumber) -> Int {
        var low = 0
        var high = tickets.count
        while low < high {
            let middle = (low + high) / 2
            if tickets[middle] < ticket { low = middle + 1 } else { high = middle }
        }
        return low
    }
}

extension TicketTable: Sendable where Value: Sendable {}
