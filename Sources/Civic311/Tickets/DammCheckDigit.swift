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
    @inline(__always)
    static func step(_ interim: UInt8, _ digit: UInt8) -> UInt8 {
        table[Int(interim) &* 10 &+ Int(digit)]
    }

    /// Runs `body` with the table as a raw pointer: hot loops fetch the global once rather than
    /// once per digit.
    @inline(__always)
    static func withTable<Value>(
        _ body: (UnsafePointer<UInt8>) throws(TicketNumberError) -> Value
    ) throws(TicketNumberError) -> Value {
        let outcome = table.withUnsafeBufferPointer { buffer in
            Swift.Result { () throws(TicketNumberError) in try body(buffer.baseAddress!) }
        }
        return try outcome.get()
    }

    /// The check digit for a digit sequence; appending it makes the sequence fold to zero.
    static func checkDigit<Digits: Sequence<UInt8>>(for digits: Digits) -> UInt8 {
        var interim: UInt8 = 0
        for digit in digits { interim = step(interim, digit) }
        return interim
    }
}
