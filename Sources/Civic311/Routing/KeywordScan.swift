/// Every ASCII keyword of a rule set searched in one pass over an ASCII description, ignoring
/// case: the bit-parallel shift-and algorithm over keywords packed into 64-bit words.
///
/// Keyword `k` of a group holds bits `s..<s + n` of the group's word (`n` its length). After a
/// text byte `b`, bit `s + i` is set when the last `i + 1` bytes read equal the keyword's first
/// `i + 1` bytes: the state shifts up one bit, every keyword's first bit is set (a keyword may
/// start at any byte), and `masks[b]` keeps the bits whose keyword byte is `b` (or `b` lowered,
/// so `A`–`Z` match as `String.lowercased()` lowers them). A keyword occurs when its last bit was
/// ever set. A bit shifted out of one keyword's last position lands on the next keyword's first,
/// which is set anyway, so keywords share a word without mixing.
///
/// The scan reads each byte once whatever the number of keywords, so it replaces one `memchr`
/// pass a keyword (and the copy of the lowered text they search) when a rule set's keywords fit
/// in a few words: for the sample county's four, the keyword tests of a decision went from about
/// 2,400 instructions to 650 (`Documentation/Performance.md`).
/// Text with a byte above ASCII is not answered here (its lowering may change lengths, and
/// `K`, the Kelvin sign, lowers to ASCII `k`): such a description takes the `String` path.
struct KeywordScan: Sendable {
    /// Word `g` of a keyword bit set: `masks[g * 256 + byte]`.
    private let masks: [UInt64]
    /// Per group, the first bit of every keyword in it.
    private let firsts: [UInt64]
    /// Per group, the last bit of every keyword in it.
    private let lasts: [UInt64]
    /// Per group, the keyword (index into the program's keywords) whose last bit is bit `i`:
    /// `keywordEndingAt[g * 64 + i]`, or -1.
    private let keywordEndingAt: [Int32]
    /// The keywords this scan settles, as a bit set over the program's keyword indices.
    let settled: [UInt64]

    /// Rule sets whose ASCII keywords need more words than this search each keyword on its own
    /// (with ``RoutingScratch/pairs`` ruling most out): the scan's cost grows with every word.
    static let maximumGroups = 4

    /// A scan for every keyword `k` where `isASCII[k]` (already lowered, not empty); `nil` when
    /// there is none, when one is longer than 64 bytes, or when they need more than
    /// ``maximumGroups`` words.
    init?(keywords: [String], isASCII: [Bool]) {
        var masks: [UInt64] = []
        var firsts: [UInt64] = []
        var lasts: [UInt64] = []
        var keywordEndingAt: [Int32] = []
        var settled = [UInt64](repeating: 0, count: (keywords.count + 63) / 64)
        var used = 64
        for (index, keyword) in keywords.enumerated() where isASCII[index] {
            let bytes = Array(keyword.utf8)
            guard !bytes.isEmpty, bytes.count <= 64 else { return nil }
            if used + bytes.count > 64 {
                guard firsts.count < Self.maximumGroups else { return nil }
                masks.append(contentsOf: repeatElement(0, count: 256))
                firsts.append(0)
                lasts.append(0)
                keywordEndingAt.append(contentsOf: repeatElement(-1, count: 64))
                used = 0
            }
            let group = firsts.count - 1
            for (offset, byte) in bytes.enumerated() {
                let bit = UInt64(1) << UInt64(used + offset)
                masks[group * 256 + Int(byte)] |= bit
                if byte &- UInt8(ascii: "a") < 26 { masks[group * 256 + Int(byte - 0x20)] |= bit }
            }
            firsts[group] |= 1 << UInt64(used)
            lasts[group] |= 1 << UInt64(used + bytes.count - 1)
            keywordEndingAt[group * 64 + used + bytes.count - 1] = Int32(index)
            settled[index >> 6] |= 1 << UInt64(index & 63)
            used += bytes.count
        }
        guard !firsts.isEmpty else { return nil }
        self.masks = masks
        self.firsts = firsts
        self.lasts = lasts
        self.keywordEndingAt = keywordEndingAt
        self.settled = settled
    }

    /// Scans `text`: when it is all ASCII, sets in `found` the bit of every settled keyword it
    /// contains and returns `true`; returns `false` (leaving `found` alone) otherwise. `found` is
    /// as long as ``settled``.
    func scan(_ text: UnsafeBufferPointer<UInt8>, found: inout [UInt64]) -> Bool {
        var high: UInt8 = 0
        if firsts.count == 1 {
            // One word: the common case of a county's handful of keywords, kept in registers.
            let first = firsts[0]
            var state: UInt64 = 0
            var seen: UInt64 = 0
            masks.withUnsafeBufferPointer { masks in
                for byte in text {
                    high |= byte
                    state = (state &<< 1 | first) & masks[Int(byte)]
                    seen |= state
                }
            }
            guard high < 0x80 else { return false }
            record(seen & lasts[0], group: 0, into: &found)
            return true
        }
        let groups = firsts.count
        return withUnsafeTemporaryAllocation(of: UInt64.self, capacity: 2 * groups) { words in
            words.initialize(repeating: 0)
            masks.withUnsafeBufferPointer { masks in
                firsts.withUnsafeBufferPointer { firsts in
                    for byte in text {
                        high |= byte
                        for group in 0..<groups {
                            let state = (words[group] &<< 1 | firsts[group]) & masks[group &* 256 &+ Int(byte)]
                            words[group] = state
                            words[groups &+ group] |= state
                        }
                    }
                }
            }
            guard high < 0x80 else { return false }
            for group in 0..<groups { record(words[groups + group] & lasts[group], group: group, into: &found) }
            return true
        }
    }

    /// Sets in `found` the keyword of every bit in `ends`, the last bits group `group` reached.
    @inline(__always)
    private func record(_ ends: UInt64, group: Int, into found: inout [UInt64]) {
        var ends = ends
        while ends != 0 {
            let keyword = Int(keywordEndingAt[group * 64 + ends.trailingZeroBitCount])
            found[keyword >> 6] |= 1 << UInt64(keyword & 63)
            ends &= ends &- 1
        }
    }
}
