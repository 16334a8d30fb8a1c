import Testing

@_spi(Benchmarks) @testable import Civic311

/// The chunked ordered index, against a sorted array, across chunk splits, removals that empty
/// and merge chunks, and prefix counts.
@Suite struct OrderedKeysTests {
    @Test(arguments: [1, 2, 3] as [UInt64])
    func randomInsertsAndRemovalsMatchASortedArray(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        var keys = OrderedKeys<Int>()
        var oracle: [Int] = []
        // A key range a few chunks wide, so inserts land inside chunks and split them, and
        // removals empty and merge them.
        let range = 0..<(OrderedKeys<Int>.chunkCapacity * 6)
        for step in 0..<12_000 {
            let key = Int.random(in: range, using: &random)
            // Mostly inserts at first, mostly removals later.
            let removing = Int.random(in: 0..<100, using: &random) < (step < 6_000 ? 25 : 75)
            if removing {
                let held = oracle.firstIndex(of: key)
                let removed = keys.remove(key)
                #expect(removed == (held != nil))
                if let held { oracle.remove(at: held) }
            } else {
                let held = oracle.contains(key)
                let inserted = keys.insert(key)
                #expect(inserted == !held)
                if !held { oracle.insert(key, at: oracle.firstIndex { $0 > key } ?? oracle.count) }
            }
            if step % 500 == 0 || step == 11_999 {
                #expect(keys.count == oracle.count)
                #expect(Array(keys.all) == oracle)
                let probe = Int.random(in: range, using: &random)
                #expect(Array(keys.keys(after: probe)) == oracle.filter { $0 > probe })
                #expect(keys.countPrefix { $0 < probe } == oracle.filter { $0 < probe }.count)
                #expect(Array(keys.keys(from: { $0 < probe })) == oracle.filter { $0 >= probe })
                #expect(keys.contains(probe) == oracle.contains(probe))
            }
        }
    }

    /// Keys that come in order (intake's due instants) fill each chunk before the next starts,
    /// and keys inserted among them afterwards still split chunks where they land.
    @Test func keysInOrderFillTheirChunks() {
        let capacity = OrderedKeys<Int>.chunkCapacity
        var keys = OrderedKeys<Int>()
        for key in 0..<(5 * capacity + 1) { keys.insert(key * 2) }
        #expect(keys.chunkCount == 6)
        #expect(Array(keys.all) == (0..<(5 * capacity + 1)).map { $0 * 2 })
        // Odd keys between them: every full chunk splits as they arrive, and order holds.
        for key in stride(from: 1, to: 2 * capacity, by: 2) { keys.insert(key) }
        #expect(Array(keys.all) == Array(0..<(2 * capacity)) + (capacity..<(5 * capacity + 1)).map { $0 * 2 })
        #expect(keys.countPrefix { $0 < 2 * capacity } == 2 * capacity)
        #expect(keys.chunkCount > 6)
    }

    @Test func emptyAndBoundaryWalks() {
        var keys = OrderedKeys<Int>()
        #expect(Array(keys.all).isEmpty)
        #expect(Array(keys.keys(after: 5)).isEmpty)
        #expect(keys.countPrefix { $0 < 10 } == 0)
        let removed = keys.remove(3)
        #expect(!removed)
        for key in stride(from: 0, to: 3_000, by: 3) { keys.insert(key) }
        #expect(Array(keys.keys(after: 2_997)).isEmpty)
        #expect(keys.keys(after: -1).peek() == 0)
        #expect(keys.keys(after: 1_500).peek() == 1_503)
        #expect(keys.countPrefix { _ in true } == 1_000)
        #expect(keys.countPrefix { _ in false } == 0)
        // A walk keeps the keys it was made over, whatever happens to the index after.
        var walk = keys.keys(after: 2_990)
        keys.remove(2_994)
        #expect(walk.next() == 2_991)
        #expect(walk.next() == 2_994)
    }
}
