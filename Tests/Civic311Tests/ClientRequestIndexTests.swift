import Testing

@_spi(Benchmarks) @testable import Civic311

/// The in-memory store's client request index, against a dictionary, with hashes that collide so
/// that keys share a list and only the check against each request's own key tells them apart.
@Suite struct ClientRequestIndexTests {
    @Test(arguments: [0, 1, 3])
    func findsFilesReplacesAndRemovesAsADictionaryWould(buckets: Int) throws {
        // 0 buckets: every key hashes alike; otherwise keys collide within a bucket.
        let hash: @Sendable (ClientRequestKey) -> Int = { buckets == 0 ? 7 : $0.id.count % buckets }
        var index = ClientRequestIndex(hash: hash)
        var oracle: [ClientRequestKey: UInt32] = [:]
        // What the request in each slot holds, as the store reads it from the request's opening.
        var held: [UInt32: ClientRequestKey] = [:]
        func matches(_ key: ClientRequestKey) -> (UInt32) -> Bool { { held[$0] == key } }

        let submitters: [Participant] = [.system, .callTaker("agent-1")]
        var keys: [ClientRequestKey] = []
        for id in ["a", "bb", "ccc", "dddd", "a-1"] {
            for submitter in submitters { keys.append(ClientRequestKey(id: id, submittedBy: submitter)) }
        }
        for (slot, key) in zip(UInt32(0)..., keys) {
            #expect(index.slot(for: key, keyMatches: matches(key)) == nil)
            held[slot] = key
            index.file(slot, under: key, keyMatches: matches(key))
            oracle[key] = slot
        }
        for key in keys { #expect(index.slot(for: key, keyMatches: matches(key)) == oracle[key]) }

        // A request re-keyed (as a redaction does): out from under its former key, filed under
        // a key another request holds, which it takes over.
        let moved = try #require(oracle[keys[0]])
        let former = keys[0]
        let taken = keys[3]
        index.remove(moved, under: former)
        oracle[former] = nil
        held[moved] = taken
        index.file(moved, under: taken, keyMatches: matches(taken))
        oracle[taken] = moved
        for key in keys { #expect(index.slot(for: key, keyMatches: matches(key)) == oracle[key]) }

        // Removing a request that is not filed changes nothing.
        index.remove(1_000, under: keys[5])
        for key in keys { #expect(index.slot(for: key, keyMatches: matches(key)) == oracle[key]) }
    }

    /// Thousands of files and removals in a seeded random order, against a dictionary, with
    /// hashes that gather into a few long runs of the open-addressed table: growth, probing past
    /// other hashes, and the backward shift that closes the gap a removal leaves.
    @Test(arguments: [UInt64(1), 2, 3])
    func keepsEveryKeyReachableThroughGrowthAndRemovals(seed: UInt64) throws {
        var random = SplitMix64(seed: seed)
        // Every key its own hash value, but values that share their low bits, so keys gather in
        // long runs from a few homes: a removal empties a slot inside a run (every key removed
        // empties its slot) and must move later slots of the run back.
        let hash: @Sendable (ClientRequestKey) -> Int = {
            let number = Int($0.id.dropFirst()) ?? 0
            return number << 6 | number % 3
        }
        var index = ClientRequestIndex(hash: hash)
        var oracle: [ClientRequestKey: UInt32] = [:]
        var held: [UInt32: ClientRequestKey] = [:]
        func matches(_ key: ClientRequestKey) -> (UInt32) -> Bool { { held[$0] == key } }
        let keys = (0..<3_000).map { ClientRequestKey(id: "k\($0)", submittedBy: .system) }
        for step in 0..<12_000 {
            let key = keys[Int(random.next() % UInt64(keys.count))]
            if let slot = oracle[key], random.next() % 3 == 0 {
                index.remove(slot, under: key)
                oracle[key] = nil
                held[slot] = nil
            } else {
                let slot = UInt32(step)
                held[slot] = key
                // The request that held the key still holds it while the new one is filed, as in
                // the store, so the filing takes the key from it.
                index.file(slot, under: key, keyMatches: { $0 != slot && held[$0] == key })
                if let former = oracle[key] { held[former] = nil }
                oracle[key] = slot
            }
            if step % 1_000 == 999 {
                for key in keys { #expect(index.slot(for: key, keyMatches: matches(key)) == oracle[key]) }
            }
        }
        // Every key out: the table holds nothing, and nothing is found.
        for (key, slot) in oracle { index.remove(slot, under: key) }
        for key in keys { #expect(index.slot(for: key, keyMatches: { _ in true }) == nil) }
    }
}
