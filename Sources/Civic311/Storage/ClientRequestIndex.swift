/// The in-memory store's requests by client request key: for each key, the slot of the request
/// that holds it in the store's ticket table.
///
/// A `Dictionary` keyed by ``ClientRequestKey`` compares keys at every occupied slot it probes,
/// and each comparison of two long IDs reads both strings from the heap. Here an entry is one
/// 8-byte word: 32 bits of the key's hash and the request's slot. Probing compares the hash
/// bits, and only a request whose key has the same bits is checked against the key itself,
/// through the store's own record of that request's key (`keyMatches`).
///
/// The table is open-addressed on the hash the key took once when it was made
/// (``ClientRequestKey/storedHash``): a `Dictionary<Int, _>` would hash that integer again with
/// SipHash at each of intake's three probes (the retry lookup, the uniqueness check, the filing).
/// The key's hash is already seeded per process, as a dictionary's is, so a submitter cannot
/// choose IDs that pile up in one run of entries.
///
/// Every new submission's retry lookup reads one entry at a random place, almost always a cache
/// miss: at a million requests a table of 24-byte entries (hash, and one ticket or a list) took
/// 48 MB, beyond the cache and the reach of the address translation cache, and that one read
/// was a sixteenth of intake's time. One word an entry keeps the table at a third of that.
struct ClientRequestIndex: Sendable {
    /// Linear probing over a power-of-two table at most half full, so a key that is not there
    /// (every new submission's) is found missing after a probe or two. An entry is 0 when empty,
    /// else the key's hash bits (``bits(_:)``) in the high half and the request's slot plus one
    /// in the low half.
    private var entries: [UInt64] = Array(repeating: 0, count: 16)
    private var occupied = 0
    /// The hash a key is filed under: its stored hash, or for tests a weaker one that collides.
    private let hash: @Sendable (ClientRequestKey) -> Int

    init(hash: @escaping @Sendable (ClientRequestKey) -> Int = { $0.storedHash }) {
        self.hash = hash
    }

    private var mask: Int { entries.count - 1 }

    /// The 32 bits of a key's hash an entry keeps; their low bits are the entry's home.
    private func bits(_ key: ClientRequestKey) -> UInt32 {
        let hash = hash(key)
        return UInt32(truncatingIfNeeded: hash ^ hash >> 32)
    }

    private func home(_ bits: UInt32) -> Int { Int(bits) & mask }

    private static func bits(of entry: UInt64) -> UInt32 { UInt32(truncatingIfNeeded: entry >> 32) }

    private static func slot(of entry: UInt64) -> UInt32 { UInt32(truncatingIfNeeded: entry) &- 1 }

    private static func entry(_ bits: UInt32, _ slot: UInt32) -> UInt64 { UInt64(bits) << 32 | (UInt64(slot) + 1) }

    /// The slot of the request that holds `key`; `keyMatches(slot)` says whether the request in
    /// `slot` holds it.
    func slot(for key: ClientRequestKey, keyMatches: (UInt32) -> Bool) -> UInt32? {
        let bits = bits(key)
        var index = home(bits)
        while case let entry = entries[index], entry != 0 {
            if Self.bits(of: entry) == bits, keyMatches(Self.slot(of: entry)) { return Self.slot(of: entry) }
            index = (index + 1) & mask
        }
        return nil
    }

    /// Files the request in `slot` under `key`, in place of any request that held it
    /// (`keyMatches` as for ``slot(for:keyMatches:)``), as assigning to a dictionary would.
    mutating func file(_ slot: UInt32, under key: ClientRequestKey, keyMatches: (UInt32) -> Bool) {
        // A slot of all ones would make the entry's low half 0 (a ticket table never holds 2³² values).
        precondition(slot < UInt32.max, "ticket table slot out of range")
        let bits = bits(key)
        let filed = Self.entry(bits, slot)
        var index = home(bits)
        while case let entry = entries[index], entry != 0 {
            if Self.bits(of: entry) == bits, keyMatches(Self.slot(of: entry)) {
                entries[index] = filed
                return
            }
            index = (index + 1) & mask
        }
        entries[index] = filed
        occupied += 1
        if occupied * 2 > entries.count { grow() }
    }

    /// Takes the request in `slot` out from under `key`, the one key it is filed under (a request
    /// holds one key at a time); a request not filed there changes nothing.
    mutating func remove(_ slot: UInt32, under key: ClientRequestKey) {
        let bits = bits(key)
        let filed = Self.entry(bits, slot)
        var index = home(bits)
        while case let entry = entries[index], entry != 0 {
            if entry == filed {
                vacate(index)
                return
            }
            index = (index + 1) & mask
        }
    }

    /// Empties `index` and moves later entries of its run back, so that every entry stays
    /// reachable from its home without tombstones.
    private mutating func vacate(_ index: Int) {
        var hole = index
        var next = (index + 1) & mask
        while case let entry = entries[next], entry != 0 {
            let home = home(Self.bits(of: entry))
            // Move the entry into the hole unless its home lies after the hole, up to it.
            if (next - home) & mask >= (next - hole) & mask {
                entries[hole] = entry
                hole = next
            }
            next = (next + 1) & mask
        }
        entries[hole] = 0
        occupied -= 1
    }

    private mutating func grow() {
        let old = entries
        entries = Array(repeating: 0, count: old.count * 2)
        for entry in old where entry != 0 {
            var index = home(Self.bits(of: entry))
            while entries[index] != 0 { index = (index + 1) & mask }
            entries[index] = entry
        }
    }
}
