@_spi(Benchmarks) import Civic311
import Testing

@testable import Civic311Simulation

@Suite struct RandomNumberGeneratorTests {
    @Test func splitMix64MatchesTheReferenceSequence() {
        var generator = SplitMix64(seed: 0)
        #expect(generator.next() == 0xE220_A839_7B1D_CDAF)
        #expect(generator.next() == 0x6E78_9E6A_A1B9_65F4)
        #expect(generator.next() == 0x06C4_5D18_8009_454F)
    }

    @Test func xoshiroMatchesTheReferenceSequence() throws {
        var generator = try Xoshiro256StarStar(state: (1, 2, 3, 4))
        #expect(generator.next() == 11_520)
        #expect(generator.next() == 0)
        #expect(generator.next() == 1_509_978_240)
        #expect(generator.next() == 1_215_971_899_390_074_240)
    }

    @Test func jumpMatchesTheReferenceAlgorithm() throws {
        var generator = try Xoshiro256StarStar(state: (1, 2, 3, 4))
        generator.jump()
        #expect(generator.next() == 13_534_147_089_533_256_664)
        #expect(generator.next() == 7_126_240_192_422_241_655)
        let fresh = try Xoshiro256StarStar(state: (1, 2, 3, 4))
        var jumped = fresh.jumped()
        #expect(jumped.next() == 13_534_147_089_533_256_664)
    }

    @Test func sameSeedSameStreamDifferentSeedDifferentStream() {
        var first = Xoshiro256StarStar(seed: 42)
        var second = Xoshiro256StarStar(seed: 42)
        var other = Xoshiro256StarStar(seed: 43)
        let a = (0..<100).map { _ in first.next() }
        let b = (0..<100).map { _ in second.next() }
        let c = (0..<100).map { _ in other.next() }
        #expect(a == b)
        #expect(a != c)
    }

    @Test func rejectsTheAllZeroState() {
        let error = #expect(throws: SimulationError.self) { try Xoshiro256StarStar(state: (0, 0, 0, 0)) }
        #expect(error?.field == "state")
    }

    @Test func bitsLookUniform() {
        // Each of the 64 output bits should be set about half the time.
        var generator = Xoshiro256StarStar(seed: 7)
        var counts = Array(repeating: 0, count: 64)
        let draws = 20_000
        for _ in 0..<draws {
            let value = generator.next()
            for bit in 0..<64 where value & (1 << UInt64(bit)) != 0 { counts[bit] += 1 }
        }
        // 5 standard deviations of a binomial(20000, 0.5) is about 354.
        #expect(counts.allSatisfy { abs($0 - draws / 2) < 354 })
    }
}
