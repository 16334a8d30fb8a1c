/// SplitMix64 (Steele, Lea and Flood): a tiny seeded generator whose outputs are well mixed even
/// from consecutive seeds.
///
/// Civic311 takes every source of randomness as an injected `RandomNumberGenerator`; this one
/// makes runs replay exactly from a seed (tests, dry runs, synthetic inputs). The simulation uses it
/// to expand one seed into the state of its main generator.
@_spi(Benchmarks) public struct SplitMix64: RandomNumberGenerator, Sendable, Hashable {
    private var state: UInt64

    /// Starts the sequence at `seed`.
    public init(seed: UInt64) { state = seed }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var mixed = state
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return mixed ^ (mixed >> 31)
    }
}
