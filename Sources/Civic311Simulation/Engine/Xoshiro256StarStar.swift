@_spi(Benchmarks) import Civic311

/// xoshiro256** (Blackman and Vigna): the simulator's random number generator.
///
/// Fast (a few shifts and multiplies per draw), 256 bits of state, period 2^256 − 1, and written in
/// plain Swift integer arithmetic, so the same seed gives bit-identical draws on every platform.
/// ``jump()`` advances the state by 2^128 draws, which splits one seed into non-overlapping streams.
public struct Xoshiro256StarStar: RandomNumberGenerator, Sendable, Hashable {
    @usableFromInline var s0: UInt64
    @usableFromInline var s1: UInt64
    @usableFromInline var s2: UInt64
    @usableFromInline var s3: UInt64

    /// Seeds the generator by running SplitMix64 from `seed`, as the algorithm's authors recommend.
    public init(seed: UInt64) {
        var mixer = SplitMix64(seed: seed)
        s0 = mixer.next()
        s1 = mixer.next()
        s2 = mixer.next()
        s3 = mixer.next()
        // SplitMix64 is a bijection of its counter, so four consecutive outputs are never all zero.
    }

    /// Starts from an explicit state (for reproducing published test vectors).
    ///
    /// - Throws: ``SimulationError`` (`invalidValue`, field `"state"`) for the all-zero state, from which
    ///   the generator would only ever return zero.
    public init(state: (UInt64, UInt64, UInt64, UInt64)) throws(SimulationError) {
        guard state != (0, 0, 0, 0) else {
            throw SimulationError(.invalidValue, field: "state", reason: "must not be all zero")
        }
        (s0, s1, s2, s3) = state
    }

    /// The next 64 random bits.
    @inlinable @inline(__always)
    public mutating func next() -> UInt64 {
        let result = rotateLeft(s1 &* 5, 7) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = rotateLeft(s3, 45)
        return result
    }

    /// Advances the state as if 2^128 numbers had been drawn.
    public mutating func jump() {
        let polynomial: [UInt64] = [
            0x180E_C6D3_3CFD_0ABA, 0xD5A6_1266_F0C9_392C, 0xA958_2618_E03F_C9AA, 0x39AB_DC45_29B1_661C,
        ]
        var (t0, t1, t2, t3): (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        for word in polynomial {
            for bit in 0..<UInt64(64) {
                if word & (1 << bit) != 0 {
                    t0 ^= s0
                    t1 ^= s1
                    t2 ^= s2
                    t3 ^= s3
                }
                _ = next()
            }
        }
        (s0, s1, s2, s3) = (t0, t1, t2, t3)
    }

    /// A copy advanced by 2^128 draws: an independent stream that never overlaps this one.
    public func jumped() -> Self {
        var copy = self
        copy.jump()
        return copy
    }

    @inlinable @inline(__always)
    func rotateLeft(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }
}
