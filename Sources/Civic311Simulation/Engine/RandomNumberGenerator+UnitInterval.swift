import Civic311

// Uniform variates built from the raw 64-bit output with integer operations only, so they do not
// depend on any platform's floating-point library.
extension RandomNumberGenerator {
    /// A uniform value in `[0, 1)` with 53 random bits.
    @inline(__always)
    mutating func nextUnit() -> Double {
        Double(next() >> 11) * 0x1p-53
    }

    /// A uniform value in `(0, 1]` with 53 random bits, safe to take the logarithm of.
    @inline(__always)
    mutating func nextPositiveUnit() -> Double {
        Double((next() >> 11) + 1) * 0x1p-53
    }
}
