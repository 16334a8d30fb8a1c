/// The Damm check digit: a quasigroup of order 10 that detects every single-digit error and every
/// adjacent transposition, which Luhn does not (Luhn misses 09 ↔ 90).
enum DammCheckDigit {
    // The standard weakly totally anti-symmetric quasigroup of order 10 (Damm, 2004), row-major.
    private static let table: [UInt8] = [
        0, 3, 1, 7, 5, 9, 8, 6, 4, 2,
        7, 0, 9, 2, 1, 5, 4, 8, 6, 3,
        4, 2, 0, 6, 8, 7, 1, 3, 5, 9,
        1, 7, 5, 0, 9, 8, 3, 4, 2, 6,
        6, 1, 2, 3, 0, 4, 5, 9, 7, 8,
        3, 6, 7, 4, 2, 0, 9, 5, 8, 1,
        5, 8, 6, 9, 7, 2, 0, 1, 3, 4,
        8, 9, 4, 5, 3, 6, 2, 0, 1, 7,
        9, 4, 3, 8, 6, 1, 7, 2, 0, 5,
        2, 5, 8, 1, 4, 3, 6, 7, 9, 0,
    ]

    /// Folds one digit into the interim digit.
    /// Two Damm steps at once for a two-digit `pair`: the entry at `100 * interim + pair` is
    /// `100 * next`, already the offset of the next lookup. A ticket's fourteen digits then take a
    /// chain of seven dependent loads, with no multiplication between them.
    private static let pairTable: [UInt16] = (0..<1_000).map { (index: Int) -> UInt16 in
        let interim = UInt8(index / 100)
        let first = UInt8(index / 10 % 10)
        let second = UInt8(index % 10)
        return UInt16(step(step(interim, first), second)) * 100
    }

    private static func step(_ interim: UInt8, _ digit: UInt8) -> UInt8 {
        table[Int(interim) &* 10 &+ Int(digit)]
    }

    /// Folds two digits, as the number 0–99, into the interim kept as `100 * interim` (start at 0).
    @inline(__always)
    static func fold(_ interim: Int, pair: UInt64) -> Int {
        pairTable.withUnsafeBufferPointer { Int($0[interim &+ Int(truncatingIfNeeded: pair)]) }
    }

    /// The check digit once all seven pairs are folded.
    @inline(__always)
    static func digit(after interim: Int) -> UInt8 { UInt8(truncatingIfNeeded: interim / 100) }

    /// The check digit of a ticket's fourteen payload digits.
    static func checkDigit(ofPayload payload: UInt64) -> UInt8 {
        var interim = 0
        // Constant divisors compile to multiplications, and the seven pairs are independent.
        for pairIndex in 0..<7 { interim = fold(interim, pair: TicketNumber.digitPair(payload, pairIndex)) }
        return digit(after: interim)
    }
}
