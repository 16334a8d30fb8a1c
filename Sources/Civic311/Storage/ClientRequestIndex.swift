/// The in-memory store's requests by client request key.
///
/// A `Dictionary` keyed by ``ClientRequestKey`` compares keys at every occupied slot it probes,
/// and each comparison of two long IDs reads both strings from the heap: at intake, several cache
/// misses per request. Here tickets are filed by the key's hash value, so probing compares
/// integers, and only a ticket whose key has the same hash is checked against the key itself,
/// through the store's own record of that request's key (`keyMatches`). Nearly every hash value
/// holds one ticket; different keys with the same hash value share a list.
struct ClientRequestIndex: Sendable {
    /// The tickets of the requests whose key has one hash value.
    private enum Tickets: Sendable {
        case one(TicketNumber)
        case several([TicketNumber])
    }

    private var tickets: [Int: Tickets] = [:]
    /// The hash a key is filed under: its `hashValue`, or for tests a weaker one that collides.
    private let hash: @Sendable (ClientRequestKey) -> Int

    init(hash: @escaping @Sendable (ClientRequestKey) -> Int = { $0.hashValue }) {
        self.hash = hash
    }

    /// The request that holds `key`; `keyMatches(ticket)` says whether the request with
    /// `ticket` holds it.
    func ticket(for key: ClientRequestKey, keyMatches: (TicketNumber) -> Bool) -> TicketNumber? {
        switch tickets[hash(key)] {
        case nil: nil
        case .one(let ticket): keyMatches(ticket) ? ticket : nil
        case .several(let list): list.first(where: keyMatches)
        }
    }

    /// Files `ticket` under `key`, in place of any request that held it (`keyMatches` as for
    /// ``ticket(for:keyMatches:)``), as assigning to a dictionary would.
    mutating func file(_ ticket: TicketNumber, under key: ClientRequestKey, keyMatches: (TicketNumber) -> Bool) {
        let filed = hash(key)
        var held: [TicketNumber]
        switch tickets[filed] {
        case nil:
            tickets[filed] = .one(ticket)
            return
        case .one(let other): held = [other]
        case .several(let list): held = list
        }
        held.removeAll(where: keyMatches)
        held.append(ticket)
        tickets[filed] = held.count == 1 ? .one(held[0]) : .several(held)
    }

    /// Takes `ticket` out from under `key`, the one key it is filed under (a request holds one
    /// key at a time); a ticket not filed at all changes nothing.
    mutating func remove(_ ticket: TicketNumber, under key: ClientRequestKey) {
        let filed = hash(key)
        let held: [TicketNumber]
        switch tickets[filed] {
        case nil: return
        case .one(let other): held = [other]
        case .several(let list): held = list
        }
        let kept = held.filter { $0 != ticket }
        tickets[filed] = kept.isEmpty ? nil : kept.count == 1 ? .one(kept[0]) : .several(kept)
    }
}
