/// Working memory for routing decisions, reused across calls so a hot loop allocates nothing.
///
/// One per task: pass the same value to ``RoutingRuleSet/decide(_:using:)`` for every decision.
@_spi(Benchmarks) public struct RoutingScratch: Sendable {
    var lookup = DistrictLookup(reservingCapacity: 8)
    /// For each rule tried before the match: the rule (low 16 bits) and the first condition that
    /// failed (high 16 bits), or ``returned`` there when the rule matched but its department had
    /// returned the request. Packed in one word so that a walk can be compared and hashed whole.
    ///
    /// When ``plan`` is set, only the misses of the rules the plan leaves to evaluate.
    var misses: [UInt32] { withMisses { Array($0) } }
    /// The first ``missCount`` entries of ``missBuffer`` hold the misses.
    private var missBuffer = RoutingMissBuffer(capacity: 64)
    private(set) var missCount = 0
    static let returned: UInt32 = 0xFFFF
    /// The misses hashed as they were recorded (see ``RoutingExplanationCache/mixing(_:_:)``),
    /// and whether one of them was a department's return.
    private(set) var walkHash = RoutingExplanationCache.seed
    private(set) var walkReturned = false
    /// The index of the decided request's service type in the program's catalog, or -1.
    var typeIndex = -1
    /// The walk plan (see ``RoutingWalkPlan/plan(type:channel:)``) whose planned misses the
    /// walk left out of ``misses``, or -1 when ``misses`` holds every miss.
    var plan = -1
    /// The district tests this decision evaluated, as (rule, condition).
    var districtTests: [(rule: UInt16, condition: UInt16)] = []
    /// The description's bytes with ASCII letters lowered, once ``description`` is `.ascii`.
    var loweredBytes: [UInt8] = []
    /// The pairs of adjacent bytes in ``loweredBytes``, as a 1,024-bit set by ``pairBit(_:_:)``:
    /// a keyword one of whose pairs is missing cannot occur, and is not searched for.
    var pairs: [UInt64] = Array(repeating: 0, count: 16)
    /// Whether ``pairs`` holds the pairs of the description read last.
    private var hasPairSet = false
    /// The description lowered by `String.lowercased()`, for text beyond ASCII.
    var loweredDescription: String?
    /// Bit sets over the program's keywords: searched in this decision, and found.
    var keywordsSearched: [UInt64] = []
    var keywordsFound: [UInt64] = []
    /// How far the description has been read for keyword tests in this decision.
    var description = DescriptionForm.unread
    /// Whether to record the misses an explanation needs; the fast path skips them.
    var isExplaining = false
    /// Whether an explained walk tests every rule and writes every line, without the walk plan
    /// or kept explanations: the reference the tests hold those shortcuts to.
    var isExhaustive = false

    /// Keyword tests read the description once per decision: scanned for every keyword at once
    /// (``KeywordScan``) or as lowered bytes when it is all ASCII (searched without Foundation),
    /// else as a lowered `String`.
    enum DescriptionForm: UInt8, Sendable {
        case unread
        case ascii
        case unicode
        /// All ASCII, and ``RoutingProgram/keywordScan`` settled every keyword a byte search
        /// answers; the bytes were not kept.
        case scanned
    }

    public init() {
        districtTests.reserveCapacity(16)
        loweredBytes.reserveCapacity(256)
    }

    /// Forgets the previous decision, keeping every buffer's capacity.
    mutating func reset() {
        // Checked once per walk, so that recording a miss is a plain store (see RoutingMissBuffer).
        if !isKnownUniquelyReferenced(&missBuffer) { missBuffer = RoutingMissBuffer(capacity: missBuffer.capacity) }
        missCount = 0
        plan = -1
        walkHash = RoutingExplanationCache.seed
        walkReturned = false
        if !districtTests.isEmpty { districtTests.removeAll(keepingCapacity: true) }
        loweredDescription = nil
        description = .unread
    }

    /// Records a miss of the explained walk (see ``misses``).
    @inline(__always)
    mutating func recordMiss(_ miss: UInt32) {
        if missCount == missBuffer.capacity { missBuffer = missBuffer.doubled(keeping: missCount) }
        missBuffer.base[missCount] = miss
        missCount += 1
        walkHash = RoutingExplanationCache.mixing(walkHash, miss)
        if miss >> 16 == Self.returned { walkReturned = true }
    }

    /// Calls `body` with the misses recorded so far.
    func withMisses<Result>(_ body: (UnsafeBufferPointer<UInt32>) throws -> Result) rethrows -> Result {
        try withExtendedLifetime(missBuffer) {
            try body(UnsafeBufferPointer(start: missBuffer.base, count: missCount))
        }
    }

    /// The key the kept explanations know this walk by, deciding on `rule`; `nil` when the walk
    /// passed a department that had returned the request (see ``RoutingExplanationCache``).
    func walkKey(rule: Int) -> Int? {
        walkReturned ? nil : RoutingExplanationCache.key(walkHash: walkHash, rule: rule, plan: plan)
    }

    /// Marks every one of `count` keywords as not yet searched in this decision.
    mutating func forgetKeywords(count: Int) {
        let words = (count + 63) / 64
        if keywordsSearched.count != words {
            keywordsSearched = Array(repeating: 0, count: words)
            keywordsFound = Array(repeating: 0, count: words)
            return
        }
        for index in 0..<words {
            keywordsSearched[index] = 0
            keywordsFound[index] = 0
        }
    }

    /// Reads `text` for keyword tests: lowered ASCII bytes when it is all ASCII. The bytes are
    /// copied whole and lowered in place (a byte-at-a-time append checked capacity and
    /// uniqueness on every byte: an eighth of a routing decision).
    mutating func read(_ text: String) {
        var text = text
        loweredBytes.removeAll(keepingCapacity: true)
        text.withUTF8 { loweredBytes.append(contentsOf: $0) }
        let isASCII = loweredBytes.withUnsafeMutableBufferPointer { bytes in
            var high: UInt8 = 0
            for index in bytes.indices {
                let byte = bytes[index]
                high |= byte
                // `String.lowercased()` maps exactly A–Z to a–z within ASCII.
                bytes[index] = byte &- UInt8(ascii: "A") < 26 ? byte | 0x20 : byte
            }
            return high < 0x80
        }
        description = isASCII ? .ascii : .unicode
        hasPairSet = false
    }

    /// Settles every keyword `keywordScan` holds in one pass over `text`, when it is all ASCII
    /// (``keywordsSearched`` and ``keywordsFound`` must be sized and cleared for this decision).
    mutating func scan(_ text: String, with keywordScan: KeywordScan) -> Bool {
        var text = text
        let scanned = text.withUTF8 { keywordScan.scan($0, found: &keywordsFound) }
        guard scanned else { return false }
        for index in keywordScan.settled.indices { keywordsSearched[index] = keywordScan.settled[index] }
        description = .scanned
        return true
    }

    /// Fills ``pairs`` from ``loweredBytes``: on the first pair check of a decision, so that a rule
    /// set with one or two keywords does not pay a pass over the text for a filter it hardly uses.
    private mutating func fillPairs() {
        loweredBytes.withUnsafeBufferPointer { bytes in
            pairs.withUnsafeMutableBufferPointer { pairs in
                for index in pairs.indices { pairs[index] = 0 }
                guard var previous = bytes.first, let base = pairs.baseAddress else { return }
                for byte in bytes.dropFirst() {
                    let bit = Self.pairBit(previous, byte)
                    base[bit >> 6] |= 1 << UInt64(bit & 63)
                    previous = byte
                }
            }
        }
        hasPairSet = true
    }

    /// The bit for two adjacent lowered bytes in ``pairs``.
    @inline(__always)
    static func pairBit(_ first: UInt8, _ second: UInt8) -> Int {
        (Int(first) &* 67 ^ Int(second)) & 1023
    }

    /// Whether every pair bit in `bits` (up to three 10-bit indices, as
    /// ``RoutingProgram/Code/keywordPairs`` packs them) is set.
    @inline(__always)
    mutating func hasPairs(_ bits: UInt32) -> Bool {
        if !hasPairSet { fillPairs() }
        var remaining = bits
        for _ in 0..<3 {
            let bit = Int(remaining & 1023)
            if pairs[bit >> 6] & (1 << UInt64(bit & 63)) == 0 { return false }
            remaining >>= 10
        }
        return true
    }
}

/// The compact result of ``RoutingRuleSet/decide(_:using:)``: which rule decided, and whether the
/// location was too close to a boundary to trust. ``RoutingRuleSet/route(_:)`` turns it into a
/// ``RoutingDecision`` with a full explanation.
@_spi(Benchmarks) public struct RoutingOutcome: Hashable, Sendable {
    /// The index of the deciding rule, or `nil` when every matching rule's department had
    /// returned the request (the request goes to triage).
    public let rule: Int?
    /// The index of the district whose boundary made the location ambiguous, and its distance.
    public let ambiguity: BoundaryProximity?
}
