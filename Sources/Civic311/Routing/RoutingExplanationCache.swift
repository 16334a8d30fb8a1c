import Foundation

/// Explanations already written, by the walk that produced them.
///
/// An explanation's lines follow from the rules the walk missed (and where) and the rule that
/// decided: requests with the same walk get the same lines. There are few distinct walks (they
/// depend on the rules, not on the requests), so writing each once and handing out the same
/// array saves building a line per rule for every request, and the stores that keep the
/// decision share one copy. Walks in which a department had returned the request are not kept:
/// their lines name the request's own department.
struct RoutingExplanationCache: Sendable {
    private struct Entry: Sendable {
        let key: Int
        let misses: [UInt32]
        let rule: Int
        let plan: Int
        let lines: [String]
    }

    /// Entries by the low bits of their key (``key(walkHash:rule:plan:)``), a well-mixed hash: a
    /// `Dictionary` would hash it again, which cost more than the rest of a lookup.
    private var slots: [[Entry]]
    /// Entries held; at `capacity` entries, or `lineCapacity` lines over all entries, the cache
    /// starts over, so a rule set with more distinct walks holds only recent ones rather than
    /// growing without bound. The line bound matters for large sets: a walk over 60,000 rules
    /// holds 60,000 lines (20 bytes each with its miss), and 1,024 of them would be over 1 GB.
    private(set) var count = 0
    /// Lines held over all entries.
    private(set) var lineCount = 0
    let capacity: Int
    let lineCapacity: Int

    /// The default bounds hold at most about 20 MB (a million lines with their misses).
    init(capacity: Int = 1_024, lineCapacity: Int = 1 << 20) {
        self.capacity = max(1, capacity)
        self.lineCapacity = max(1, lineCapacity)
        // At least two slots per entry, a power of two so that the slot is a mask of the key.
        var slotCount = 2
        while slotCount < 2 * self.capacity { slotCount *= 2 }
        slots = Array(repeating: [], count: slotCount)
    }

    /// The hash of a walk with no misses yet.
    static let seed: UInt64 = 0x9E37_79B9_7F4A_7C15

    /// `hash` with one more miss.
    @inline(__always)
    static func mixing(_ hash: UInt64, _ miss: UInt32) -> UInt64 {
        let mixed = (hash ^ UInt64(miss)) &* 0x0000_0100_0000_01B3
        return mixed ^ mixed >> 29
    }

    /// The key of a walk whose recorded misses (see ``RoutingScratch/misses``) hash to
    /// `walkHash`, with the walk plan that holds the rest (-1 for none) and the deciding rule.
    /// The walk hashes its misses as it records them (``RoutingScratch/recordMiss(_:)``).
    static func key(walkHash: UInt64, rule: Int, plan: Int) -> Int {
        let ruled = mixing(walkHash, UInt32(truncatingIfNeeded: rule))
        let planned = mixing(ruled ^ UInt64(truncatingIfNeeded: plan) << 32, UInt32(truncatingIfNeeded: plan >> 32))
        return Int(truncatingIfNeeded: planned)
    }

    /// The lines written for this walk, if kept.
    func lines(key: Int, misses: UnsafeBufferPointer<UInt32>, rule: Int, plan: Int) -> [String]? {
        for entry in slots[key & (slots.count - 1)]
        where entry.key == key && entry.rule == rule && entry.plan == plan && entry.misses.count == misses.count {
            let same = entry.misses.withUnsafeBytes { kept in
                misses.isEmpty || memcmp(kept.baseAddress!, misses.baseAddress!, kept.count) == 0
            }
            if same { return entry.lines }
        }
        return nil
    }

    /// Keeps `lines` for this walk; a walk longer than the line bound alone is not kept.
    mutating func insert(key: Int, misses: UnsafeBufferPointer<UInt32>, rule: Int, plan: Int, lines: [String]) {
        guard lines.count <= lineCapacity else { return }
        if count >= capacity || lineCount + lines.count > lineCapacity {
            for slot in slots.indices { slots[slot].removeAll() }
            count = 0
            lineCount = 0
        }
        slots[key & (slots.count - 1)].append(
            Entry(key: key, misses: Array(misses), rule: rule, plan: plan, lines: lines)
        )
        count += 1
        lineCount += lines.count
    }
}
