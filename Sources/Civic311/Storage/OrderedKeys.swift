/// Distinct keys kept in ascending order, in chunks: the ordered index behind the in-memory store's
/// work queues.
///
/// A sorted array would make every insertion into the middle move every later key, a few
/// milliseconds at a million keys. Here keys sit in sorted chunks of at most ``chunkCapacity``,
/// and the chunks themselves are in order, so with `n` keys in `c` chunks:
///
/// - finding a key's place is a binary search over the chunks' last keys, then within one chunk:
///   O(log n);
/// - inserting or removing moves at most one chunk's keys, plus the chunk list when a chunk splits,
///   empties or merges (`c` references): O(log n + chunkCapacity + c). Chunks split in halves
///   and a chunk under a quarter full merges with the next when both fit, so `c` stays under
///   about `n / 190` (some five thousand at a million keys); keys added above every key held
///   (intake's, in due order) fill a chunk before starting the next, so `c` is near `n / 512`
///   when keys come in order;
/// - walking keys in order from a place costs O(1) per key;
/// - counting the keys before a place adds up the chunks before it: O(c + log n), without
///   touching a key.
///
/// A value type (its chunks are copied on write), with no reference-counted fields of its own.
struct OrderedKeys<Key: Comparable> {
    /// The keys, ascending; no chunk is empty, and every key of a chunk is less than every key of
    /// the next.
    private var chunks: [[Key]] = []
    /// The number of keys held.
    private(set) var count = 0

    /// The most keys a chunk holds before it splits in two.
    static var chunkCapacity: Int { 512 }
    /// A chunk this small merges with the next when both fit in one.
    private static var mergeThreshold: Int { chunkCapacity / 4 }

    var isEmpty: Bool { count == 0 }

    /// How many chunks hold the keys, for tests of how full they are kept.
    var chunkCount: Int { chunks.count }

    /// Adds `key`; returns `false` and changes nothing when it is already held.
    @discardableResult
    mutating func insert(_ key: Key) -> Bool {
        guard !chunks.isEmpty else {
            chunks.append([key])
            count = 1
            return true
        }
        let last = chunks.count - 1
        let chunk: Int
        if chunks[last][chunks[last].count - 1] < key {
            // Above every key held: the common case at intake, whose clock moves forward, taken
            // without a search.
            if chunks[last].count == Self.chunkCapacity {
                // A full last chunk stays full and the key starts the next, reserved whole: keys
                // that come in order fill their chunks rather than leaving each half empty (split
                // in two, every chunk but the last was half full: 40 bytes a 16-byte key).
                var next: [Key] = []
                next.reserveCapacity(Self.chunkCapacity)
                next.append(key)
                chunks.append(next)
                count += 1
                return true
            }
            chunk = last
            chunks[last].append(key)
        } else {
            // The first chunk whose last key is not below `key` (there is one: the last).
            chunk = firstChunk(notEndingBefore: key)
            let offset = Self.firstOffset(in: chunks[chunk], notBefore: key)
            if offset < chunks[chunk].count, chunks[chunk][offset] == key { return false }
            chunks[chunk].insert(key, at: offset)
        }
        count += 1
        if chunks[chunk].count > Self.chunkCapacity {
            let half = chunks[chunk].count / 2
            let upper = Array(chunks[chunk][half...])
            chunks[chunk].removeSubrange(half...)
            chunks.insert(upper, at: chunk + 1)
        }
        return true
    }

    /// Removes `key`; returns `false` and changes nothing when it is not held.
    @discardableResult
    mutating func remove(_ key: Key) -> Bool {
        let chunk = firstChunk(notEndingBefore: key)
        guard chunk < chunks.count else { return false }
        let offset = Self.firstOffset(in: chunks[chunk], notBefore: key)
        guard offset < chunks[chunk].count, chunks[chunk][offset] == key else { return false }
        chunks[chunk].remove(at: offset)
        count -= 1
        if chunks[chunk].isEmpty {
            chunks.remove(at: chunk)
        } else if chunks[chunk].count < Self.mergeThreshold, chunk + 1 < chunks.count,
            chunks[chunk].count + chunks[chunk + 1].count <= Self.chunkCapacity
        {
            // Keeps chunks from thinning out after many removals, so walks and counts stay short.
            chunks[chunk].append(contentsOf: chunks[chunk + 1])
            chunks.remove(at: chunk + 1)
        }
        return true
    }

    func contains(_ key: Key) -> Bool {
        let chunk = firstChunk(notEndingBefore: key)
        guard chunk < chunks.count else { return false }
        let offset = Self.firstOffset(in: chunks[chunk], notBefore: key)
        return offset < chunks[chunk].count && chunks[chunk][offset] == key
    }

    /// How many keys satisfy `isBefore`, which must hold for a prefix of the order and for no key
    /// after it (`{ $0 < bound }`, or `{ $0.dueAt < instant }` on a compound key).
    func countPrefix(while isBefore: (Key) -> Bool) -> Int {
        let chunk = Self.partition(chunks.count) { !isBefore(chunks[$0][chunks[$0].count - 1]) }
        guard chunk < chunks.count else { return count }
        let before = chunks[..<chunk].reduce(0) { $0 + $1.count }
        return before + Self.partition(chunks[chunk].count) { !isBefore(chunks[chunk][$0]) }
    }

    /// The keys greater than `key` (every key when `nil`), ascending.
    func keys(after key: Key?) -> Walk {
        guard let key else { return Walk(chunks: chunks, chunk: 0, offset: 0) }
        let chunk = Self.partition(chunks.count) { chunks[$0][chunks[$0].count - 1] > key }
        guard chunk < chunks.count else { return Walk(chunks: chunks, chunk: chunks.count, offset: 0) }
        let offset = Self.partition(chunks[chunk].count) { chunks[chunk][$0] > key }
        return Walk(chunks: chunks, chunk: chunk, offset: offset)
    }

    /// The keys from the first for which `isBefore` is false, ascending; `isBefore` must hold for
    /// a prefix of the keys and for no key after it.
    func keys(from isBefore: (Key) -> Bool) -> Walk {
        let chunk = Self.partition(chunks.count) { !isBefore(chunks[$0][chunks[$0].count - 1]) }
        guard chunk < chunks.count else { return Walk(chunks: chunks, chunk: chunks.count, offset: 0) }
        let offset = Self.partition(chunks[chunk].count) { !isBefore(chunks[chunk][$0]) }
        return Walk(chunks: chunks, chunk: chunk, offset: offset)
    }

    /// Every key, ascending.
    var all: Walk { keys(after: nil) }

    /// A walk over the keys in order from a place, one at a time. It holds the chunks as they were
    /// when it was made (copy on write), so it stays valid whatever happens to the index after.
    struct Walk: IteratorProtocol, Sequence {
        fileprivate let chunks: [[Key]]
        fileprivate var chunk: Int
        fileprivate var offset: Int

        /// The next key, without moving past it.
        func peek() -> Key? {
            chunk < chunks.count ? chunks[chunk][offset] : nil
        }

        mutating func next() -> Key? {
            guard chunk < chunks.count else { return nil }
            let key = chunks[chunk][offset]
            offset += 1
            if offset == chunks[chunk].count {
                chunk += 1
                offset = 0
            }
            return key
        }
    }

    // MARK: Internals

    /// The first chunk whose last key is not less than `key` (`chunks.count` when none).
    private func firstChunk(notEndingBefore key: Key) -> Int {
        Self.partition(chunks.count) { chunks[$0][chunks[$0].count - 1] >= key }
    }

    private static func firstOffset(in chunk: [Key], notBefore key: Key) -> Int {
        partition(chunk.count) { chunk[$0] >= key }
    }

    /// The first index in `0..<count` for which `isAfter` holds, given that it holds for a suffix.
    private static func partition(_ count: Int, _ isAfter: (Int) -> Bool) -> Int {
        var low = 0
        var high = count
        while low < high {
            let middle = low + (high - low) / 2
            if isAfter(middle) { high = middle } else { low = middle + 1 }
        }
        return low
    }
}

extension OrderedKeys: Sendable where Key: Sendable {}
extension OrderedKeys.Walk: Sendable where Key: Sendable {}
