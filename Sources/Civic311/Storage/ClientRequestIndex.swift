/// The in-memory store's requests by client request key.
///
/// A `Dictionary` keyed by ``ClientRequestKey`` compares keys at every occupied slot it probes,
/// and each comparison of two long IDs reads both strings from the heap: at intake, several cache
/// misses per request. Here tickets are filed by the key's hash value, so probing compares
/// integers, and only a ticket whose key has the same hash is checked against the key itself,
/// through the store's own record of that request's key (`keyMatches`). Nearly every hash value
/// holds one ticket; different keys with the same hash value share a list.
///
/// The table is open-addressed on the hash the key took once when it was made
/// (``ClientRequestKey/storedHash``): a `Dictionary<Int, _>` would hash that integer again with
/// SipHash at each of intake's three probes (the retry lookup, the uniqueness check, the filing).
/// The key's hash is already seeded per process, as a dictionary's is, so a submitter cannot
/// choose IDs that pile up in one run of slots.
struct ClientRequestIndex: Sendable {
    /// The tickets of the requests whose key has one hash value.
    private enum Tickets: Sendable {
        case one(TicketNumber)
        case several([TicketNumber])
    }

    private struct Slot: Sendable {
        var hash: Int
        var tickets: Tickets
    }

    /// Linear probing over a power-of-two table at most half full, so a key that is not there
    /// (every new submission's) is found missing after a probe or two.
    private var slots: [Slot?] = Array(repeating: nil, count: 16)
    private var occupied = 0
    /// The hash a key is filed under: its stored hash, or for tests a weaker one that collides.
    private let hash: @Sendable (ClientRequestKey) -> Int

    init(hash: @escaping @Sendable (ClientRequestKey) -> Int = { $0.storedHash }) {
        self.hash = hash
    }

    private var mask: Int { slots.count - 1 }

    /// The slot holding `filed`, or the empty slot where it would go.
    private func position(of filed: Int) -> (index: Int, found: Bool) {
        var index = filed & mask
        while let slot = slots[index] {
            if slot.hash == filed { return (index, true) }
            index = (index + 1) & mask
        }
        return (index, false)
    }

    /// The request that holds `key`; `keyMatches(ticket)` says whether the request with
    /// `ticket` holds it.
    func ticket(for key: ClientRequestKey, keyMatches: (TicketNumber) -> Bool) -> TicketNumber? {
        let (index, found) = position(of: hash(key))
        guard found, let slot = slots[index] else { return nil }
        switch slot.tickets {
        case .one(let ticket): return keyMatches(ticket) ? ticket : nil
        case .several(let list): return list.first(where: keyMatches)
        }
    }

    /// Files `ticket` under `key`, in place of any request that held it (`keyMatches` as for
    /// ``ticket(for:keyMatches:)``), as assigning to a dictionary would.
    mutating func file(_ ticket: TicketNumber, under key: ClientRequestKey, keyMatches: (TicketNumber) -> Bool) {
        let filed = hash(key)
        let (index, found) = position(of: filed)
        guard found, let slot = slots[index] else {
            slots[index] = Slot(hash: filed, tickets: .one(ticket))
            occupied += 1
            if occupied * 2 > slots.count { grow() }
            return
        }
        var held: [TicketNumber]
        switch slot.tickets {
        case .one(let other): held = [other]
        case .several(let list): held = list
        }
        held.removeAll(where: keyMatches)
        held.append(ticket)
        slots[index] = Slot(hash: filed, tickets: held.count == 1 ? .one(held[0]) : .several(held))
    }

    /// Takes `ticket` out from under `key`, the one key it is filed under (a request holds one
    /// key at a time); a ticket not filed at all changes nothing.
    mutating func remove(_ ticket: TicketNumber, under key: ClientRequestKey) {
        let (index, found) = position(of: hash(key))
        guard found, let slot = slots[index] else { return }
        let held: [TicketNumber]
        switch slot.tickets {
        case .one(let other): held = [other]
        case .several(let list): held = list
        }
        let kept = held.filter { $0 != ticket }
        if kept.isEmpty {
            vacate(index)
        } else {
            slots[index] = Slot(hash: slot.hash, tickets: kept.count == 1 ? .one(kept[0]) : .several(kept))
        }
    }

    /// Empties `index` and moves later slots of its run back, so that every slot stays reachable
    /// from its home without tombstones.
    private mutating func vacate(_ index: Int) {
        var hole = index
        var next = (index + 1) & mask
        while let slot = slots[next] {
            let home = slot.hash & mask
            // Move the slot into the hole unless its home lies after the hole, up to it.
            if (next - home) & mask >= (next - hole) & mask {
                slots[hole] = slot
                hole = next
            }
            next = (next + 1) & mask
        }
        slots[hole] = nil
        occupied -= 1
    }

    private mutating func grow() {
        let old = slots
        slots = Array(repeating: nil, count: old.count * 2)
        for case let slot? in old {
            var index = slot.hash & mask
            while slots[index] != nil { index = (index + 1) & mask }
            slots[index] = slot
        }
    }
}
