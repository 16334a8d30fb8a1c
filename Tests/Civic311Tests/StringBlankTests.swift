import Testing

@testable import Civic311

/// `isBlank` answers as `allSatisfy(\.isWhitespace)` does, for strings and substrings, whichever
/// way it reads their bytes.
@Suite struct StringBlankTests {
    @Test func blankIsWhiteSpaceThroughout() {
        var random = RoutingExplanationTests.Generator(state: 17)
        let pieces = [
            " ", "\t", "\n", "\r\n", "\u{0B}", "\u{0C}", "\u{A0}", "\u{3000}", "\u{2028}", "a", "é", "\u{301}", "🚌", "",
        ]
        for _ in 0..<3_000 {
            let text = (0..<random.below(5)).map { _ in pieces[random.below(pieces.count)] }.joined()
            #expect(text.isBlank == text.allSatisfy(\.isWhitespace), "\(text.unicodeScalars.map(\.value))")
            let sliced = text.dropFirst(random.below(2))
            #expect(sliced.isBlank == sliced.allSatisfy(\.isWhitespace), "\(sliced.unicodeScalars.map(\.value))")
        }
    }
}
