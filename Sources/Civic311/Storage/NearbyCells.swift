/// One service type's cells of the nearby grid: for each cell a request was ever filed in, the
/// head of its chain (see ``NearbyIndex``), 0 once the cell is empty again.
///
/// An open-addressing table over the cells' 64-bit keys. `Dictionary` hashed each key with
/// SipHash, most of the cost of filing a request in the grid; here a key is multiplied by a random
/// odd number and its high bits pick the slot (multiply-shift hashing). Coordinates come from
/// residents, so the multiplier is drawn per table, and no one can choose points whose cells
/// collide. It decides only where a cell sits, never what a search returns (searches sort what
/// they find by ticket), so stores and simulations still replay exactly.
/// A cell is not removed when its chain empties, only left out when the table is next rebuilt
/// (see ``rebuild()``), so the table needs neither tombstones nor shifting on removal, and its
/// size follows the cells in use, not every cell ever used.
struct NearbyCells: Sendable {
    /// Cell keys, or ``vacant``; a power of two of them.
    private var keys: [Int64]
    /// The head of each key's chain, parallel to ``keys``.
    private var heads: [UInt32]
    /// How many slots hold a cell, emptied ones included.
    private var cellCount = 0
    private let multiplier: UInt64
    private var shift: UInt64

    /// No cell key is this: a row index of −2³¹ is beyond any latitude.
    private static var vacant: Int64 { .min }

    init() {
        keys = Array(repeating: Self.vacant, count: 16)
        heads = Array(repeating: 0, count: 16)
        shift = 64 - 4
        var random = SystemRandomNumberGenerator()
        multiplier = random.next() | 1
    }

    /// The head of `cell`'s chain; 0 when it is empty or was never used.
    subscript(cell: Int64) -> UInt32 {
        let (slot, found) = place(of: cell)
        return found ? heads[slot] : 0
    }

    /// Makes `head` the head of `cell`'s chain and returns the head it had (0 for none).
    mutating func replaceHead(of cell: Int64, with head: UInt32) -> UInt32 {
        let (slot, found) = place(of: cell)
        if found {
            let previous = heads[slot]
            heads[slot] = head
            return previous
        }
        keys[slot] = cell
        heads[slot] = head
        cellCount += 1
        // At most half full, so a probe rarely passes more than a slot or two.
        if cellCount * 2 > keys.count { rebuild() }
        return 0
    }

    /// The slot holding `cell`, or the vacant slot where it would go.
    private func place(of cell: Int64) -> (slot: Int, found: Bool) {
        var slot = self.slot(cell)
        let mask = keys.count - 1
        while true {
            let key = keys[slot]
            if key == cell { return (slot, true) }
            if key == Self.vacant { return (slot, false) }
            slot = (slot + 1) & mask
        }
    }

    /// How many slots ``forEachCell(_:)`` reads.
    var capacity: Int { keys.count }

    /// Every cell with a non-empty chain, and its head, in no particular order.
    func forEachCell(_ body: (Int64, UInt32) -> Void) {
        // A vacant slot's head is 0, so a head alone tells a live cell.
        for index in heads.indices where heads[index] != 0 {
            body(keys[index], heads[index])
        }
    }

    private func slot(_ cell: Int64) -> Int {
        Int(truncatingIfNeeded: (UInt64(bitPattern: cell) &* multiplier) >> shift)
    }

    /// Rebuilds the table without its emptied cells: at the same size when at most a quarter of
    /// it would be left (so cells once used and emptied do not make it grow), else at twice it.
    private mutating func rebuild() {
        let oldKeys = keys
        let oldHeads = heads
        var live = 0
        for head in oldHeads where head != 0 { live += 1 }
        if live * 4 > oldKeys.count {
            keys = Array(repeating: Self.vacant, count: oldKeys.count * 2)
            heads = Array(repeating: 0, count: oldKeys.count * 2)
            shift -= 1
        } else {
            keys = Array(repeating: Self.vacant, count: oldKeys.count)
            heads = Array(repeating: 0, count: oldKeys.count)
        }
        let mask = keys.count - 1
        cellCount = live
        for index in oldHeads.indices where oldHeads[index] != 0 {
            var slot = self.slot(oldKeys[index])
            while keys[slot] != Self.vacant { slot = (slot + 1) & mask }
            keys[slot] = oldKeys[index]
            heads[slot] = oldHeads[index]
        }
    }
}
