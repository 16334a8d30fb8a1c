/// Where an explained walk writes its misses (see ``RoutingScratch/misses``).
///
/// An `Array` append checks that its storage is unique and large enough on every call: about a
/// sixth of a 200-rule walk that records a miss per rule. The walk instead checks once, when the
/// scratch is reset for a decision (``RoutingScratch/reset()``), that it holds the only
/// reference to this buffer, and then writes through the pointer.
// @unchecked: the memory behind `base` is written only by the scratch holding the sole reference
// (checked with `isKnownUniquelyReferenced` before each walk, and a full buffer is replaced, not
// grown in place); a scratch that shares it, after being copied, only reads it until its own
// reset replaces it.
final class RoutingMissBuffer: @unchecked Sendable {
    let base: UnsafeMutablePointer<UInt32>
    let capacity: Int

    init(capacity: Int) {
        self.capacity = max(1, capacity)
        base = .allocate(capacity: self.capacity)
    }

    /// A buffer of twice the capacity holding this one's first `count` misses.
    func doubled(keeping count: Int) -> RoutingMissBuffer {
        let larger = RoutingMissBuffer(capacity: capacity * 2)
        larger.base.update(from: base, count: count)
        return larger
    }

    deinit { base.deallocate() }
}
