import Foundation
import Testing

@_spi(Benchmarks) @testable import Civic311

/// Pieces of the compiled router that the golden explanations reach only at a few values.
@Suite struct RoutingProgramTests {
    /// The ambiguity line's distances are written as `String(format: "%.0f")` wrote them: halves
    /// to even, and every value the formatter might meet, not only the metres a map produces.
    @Test func wholeMetresAreWrittenAsTheFormatterWritesThem() {
        var values: [Double] = [
            0, -0.0, 0.4, 0.5, 1.5, 2.5, 3.5, 24.5, 25, 25.49999, 25.5, 0.49999999999999994, 1e15, 0x1p53, 0x1p53 + 2,
            1e300, -0.3, -2.5, -1e16, .infinity, -.infinity, .nan, .leastNonzeroMagnitude, .greatestFiniteMagnitude,
        ]
        var random = SplitMix64(seed: 311)
        for _ in 0..<2_000 { values.append(Double.random(in: 0..<10_000, using: &random)) }
        for _ in 0..<200 { values.append(Double(Int.random(in: 0..<2_000, using: &random)) / 2) }
        for value in values {
            #expect(RoutingProgram.wholeMetres(value) == String(format: "%.0f", value), "\(value)")
        }
    }
}
