import Testing

@testable import Civic311

/// The one-pass keyword scan against `lowercased().contains`: keywords over a small alphabet, so
/// that they overlap, repeat and share prefixes and suffixes, in texts of mixed case.
@Suite struct KeywordScanTests {
    @Test(arguments: [1, 3, 9, 24])
    func scanFindsExactlyWhatTextSearchFinds(keywordCount: Int) throws {
        var random = RoutingExplanationTests.Generator(state: UInt64(keywordCount))
        let alphabet = Array("abAB ")
        for _ in 0..<300 {
            var keywords: [String] = []
            while keywords.count < keywordCount {
                let word = String((0...random.below(6)).map { _ in alphabet[random.below(2)] })
                if !keywords.contains(word) || random.below(4) == 0 { keywords.append(word) }
            }
            let scan = try #require(KeywordScan(keywords: keywords, isASCII: keywords.map { _ in true }))
            for _ in 0..<20 {
                let text = String((0..<random.below(40)).map { _ in alphabet[random.below(alphabet.count)] })
                var found = [UInt64](repeating: 0, count: (keywords.count + 63) / 64)
                var bytes = text
                #expect(bytes.withUTF8 { scan.scan($0, found: &found) })
                for (index, keyword) in keywords.enumerated() {
                    let expected = text.lowercased().contains(keyword)
                    #expect((found[index >> 6] & 1 << UInt64(index & 63) != 0) == expected, "\(keyword) in \(text)")
                }
                #expect(
                    scan.settled
                        == found.indices.map { word in
                            let count = min(64, keywords.count - word * 64)
                            return count == 64 ? UInt64.max : (1 << UInt64(count)) - 1
                        }
                )
            }
        }
    }

    /// More keywords than one word of a bit set: short ones, so they still fit the scan's four
    /// words, and settle keywords past index 64.
    @Test func manyShortKeywordsAreAllSettled() throws {
        var random = RoutingExplanationTests.Generator(state: 64)
        // Every pair of 11 letters but one: 120 keywords of two bytes, 240 bits in four words.
        let letters = Array("abcdefghijk")
        let keywords = (0..<120).map { String([letters[$0 % 11], letters[$0 / 11]]) }
        let scan = try #require(KeywordScan(keywords: keywords, isASCII: keywords.map { _ in true }))
        #expect(scan.settled == [UInt64.max, (1 << 56) - 1])
        let alphabet = Array("abcdefghijkABK x")
        for _ in 0..<500 {
            let text = String((0..<random.below(12)).map { _ in alphabet[random.below(alphabet.count)] })
            var found: [UInt64] = [0, 0]
            var bytes = text
            #expect(bytes.withUTF8 { scan.scan($0, found: &found) })
            for (index, keyword) in keywords.enumerated() {
                let expected = text.lowercased().contains(keyword)
                #expect((found[index >> 6] & 1 << UInt64(index & 63) != 0) == expected, "\(keyword) in \(text)")
            }
        }
    }

    @Test func textBeyondASCIIIsLeftToTheStringPath() throws {
        let scan = try #require(KeywordScan(keywords: ["k", "cafe"], isASCII: [true, true]))
        for text in ["\u{212A}", "café k", "k 🚌"] {
            var found: [UInt64] = [0]
            var bytes = text
            #expect(!bytes.withUTF8 { scan.scan($0, found: &found) })
            #expect(found == [0])
        }
    }

    @Test func onlyKeywordsAByteSearchAnswersAreSettled() throws {
        let scan = try #require(KeywordScan(keywords: ["ω", "bus", "s\r\n"], isASCII: [false, true, false]))
        #expect(scan.settled == [0b010])
    }

    @Test func keywordsBeyondWhatTheScanHoldsAreSearchedOneByOne() {
        let long = String(repeating: "a", count: 65)
        #expect(KeywordScan(keywords: [long], isASCII: [true]) == nil)
        #expect(KeywordScan(keywords: [String(repeating: "a", count: 64)], isASCII: [true]) != nil)
        // Five words of keywords: one more than the scan takes.
        let words = (0..<5).map { String(repeating: Character(UnicodeScalar(UInt8(97 + $0))), count: 64) }
        #expect(KeywordScan(keywords: words, isASCII: words.map { _ in true }) == nil)
        #expect(KeywordScan(keywords: Array(words.prefix(4)), isASCII: [true, true, true, true]) != nil)
        #expect(KeywordScan(keywords: ["ω"], isASCII: [false]) == nil)
        // The lists the routing tests run over take the path each one is meant for.
        let lists = RoutingExplanationTests.keywordLists.map { $0.map { $0.lowercased() } }
        let scans = lists.map { list in
            KeywordScan(keywords: list, isASCII: list.map { $0.utf8.allSatisfy { $0 < 0x80 && $0 != 13 && $0 != 10 } })
        }
        #expect(scans.map { $0 != nil } == [true, true, false, false, true])
    }
}
