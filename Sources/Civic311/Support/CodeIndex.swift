/// The positions of a list of codes, looked up by a hash much cheaper than `Hasher`'s.
///
/// Intake looks a service type's code up twice a request (the catalog, then the store's
/// numbering), and `Dictionary` spent most of each lookup seeding and finalising SipHash for a
/// ten-byte code. Codes are configured, not typed by residents: a caller can only probe this
/// table, never fill it with colliding keys, so a plain FNV-1a hash with linear probing is safe.
///
/// `String` equality is canonical equivalence (`"\u{212A}"`, the Kelvin sign, equals `"K"`), which
/// a byte hash cannot see. Two ASCII strings are equal exactly when their bytes are, so the byte
/// table answers for ASCII codes while every code is ASCII; a code with other bytes, or any code
/// once the index holds one, is also looked up in a `Dictionary` of all the codes. Every answer is
/// the one that `Dictionary` alone would give.
struct CodeIndex<Tag>: Sendable {
    /// Open addressing over the ASCII codes: a power of two of slots, each a position or -1.
    private var slots: [Int32]
    /// Parallel to the positions: each position's code.
    private(set) var codes: [Identifier<Tag>] = []
    /// Every code's position, for the lookups the byte table cannot answer.
    private var positions: [Identifier<Tag>: Int32] = [:]
    /// Whether a code has a byte beyond ASCII.
    private var hasCodesBeyondASCII = false

    init() {
        slots = Array(repeating: -1, count: 8)
    }

    /// The positions of `codes`, which must be distinct as `Dictionary` keys.
    init(_ codes: [Identifier<Tag>]) {
        self.init()
        for code in codes { _ = insert(code) }
    }

    var count: Int { codes.count }

    /// The position of `code`, or `nil`.
    subscript(code: Identifier<Tag>) -> Int? { position(of: code, probed: probe(code)) }

    /// The position of `code`, given the next one when it is new.
    mutating func insert(_ code: Identifier<Tag>) -> Int {
        let found = probe(code)
        if let position = position(of: code, probed: found) { return position }
        let position = Int32(codes.count)
        codes.append(code)
        positions[code] = position
        if case .absent(let slot) = found {
            slots[slot] = position
            if codes.count * 2 > slots.count { rehash() }
        } else {
            hasCodesBeyondASCII = true
        }
        return Int(position)
    }

    private func position(of code: Identifier<Tag>, probed found: Probe) -> Int? {
        switch found {
        case .found(let position): Int(position)
        // No ASCII code has its bytes, and no code beyond ASCII could equal it.
        case .absent where !hasCodesBeyondASCII: nil
        case .absent, .beyondASCII: positions[code].map(Int.init)
        }
    }

    private enum Probe {
        case found(Int32)
        /// Not in the byte table; `slot` is the empty slot where it would go.
        case absent(slot: Int)
        case beyondASCII
    }

    private func probe(_ code: Identifier<Tag>) -> Probe {
        guard let hash = Self.hash(code.rawValue) else { return .beyondASCII }
        let mask = slots.count - 1
        var slot = hash & mask
        while true {
            let position = slots[slot]
            if position < 0 { return .absent(slot: slot) }
            if codes[Int(position)] == code { return .found(position) }
            slot = (slot + 1) & mask
        }
    }

    private mutating func rehash() {
        slots = Array(repeating: -1, count: slots.count * 2)
        let mask = slots.count - 1
        for (position, code) in codes.enumerated() {
            guard let hash = Self.hash(code.rawValue) else { continue }
            var slot = hash & mask
            while slots[slot] >= 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(position)
        }
    }

    /// FNV-1a over the UTF-8 bytes, folded so the low bits mix the high; `nil` beyond ASCII.
    private static func hash(_ text: String) -> Int? {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        var high: UInt8 = 0
        let contiguous: Void? = text.utf8.withContiguousStorageIfAvailable { bytes in
            for byte in bytes {
                high |= byte
                hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
            }
        }
        if contiguous == nil {
            // A string bridged from elsewhere: its view reads the bytes one at a time.
            for byte in text.utf8 {
                high |= byte
                hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
            }
        }
        guard high < 0x80 else { return nil }
        return Int(truncatingIfNeeded: hash ^ hash >> 29)
    }
}
