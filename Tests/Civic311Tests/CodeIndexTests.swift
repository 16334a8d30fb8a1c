import Testing

@testable import Civic311

/// The code index answers every lookup and insert as a `Dictionary` keyed by the same codes:
/// through growth, and for codes that are equal as strings without sharing their bytes.
@Suite struct CodeIndexTests {
    /// Codes whose `String` equality differs from byte equality: the Kelvin sign equals `K`, the
    /// ångström sign `Å`, a precomposed `é` its decomposed form, and the Greek question mark `;`.
    static let equivalents: [(String, String)] = [
        ("K", "\u{212A}"), ("PARK", "PAR\u{212A}"), ("\u{C5}", "\u{212B}"), ("CAF\u{C9}", "CAFE\u{301}"),
        ("A;B", "A\u{37E}B"),
    ]

    @Test(arguments: [UInt64(1), 2, 3])
    func insertsAndLookupsMatchADictionary(seed: UInt64) {
        var random = RoutingExplanationTests.Generator(state: seed)
        let pieces = ["POT", "HOLE", "K", "\u{212A}", "_", "É", "E\u{301}", "LIGHT", "A", "B", "\u{37E}", ";"]
        var index = CodeIndex<ServiceType>()
        var reference: [ServiceTypeCode: Int] = [:]
        var order: [ServiceTypeCode] = []
        for _ in 0..<3_000 {
            let code = ServiceTypeCode((0...random.below(3)).map { _ in pieces[random.below(pieces.count)] }.joined())
            if random.below(3) == 0 {
                let expected = reference[code] ?? order.count
                if reference[code] == nil {
                    reference[code] = order.count
                    order.append(code)
                }
                #expect(index.insert(code) == expected, "\(code.rawValue.unicodeScalars.map(\.value))")
            } else {
                #expect(index[code] == reference[code], "\(code.rawValue.unicodeScalars.map(\.value))")
            }
        }
        #expect(index.count == order.count)
        #expect(index.codes == order)
    }

    @Test(arguments: equivalents)
    func equalCodesWithDifferentBytesAreOneCode(stored: String, asked: String) {
        for (first, second) in [(stored, asked), (asked, stored)] {
            var index = CodeIndex<ServiceType>(["OTHER", ServiceTypeCode(first)])
            #expect(index[ServiceTypeCode(second)] == 1)
            #expect(index.insert(ServiceTypeCode(second)) == 1)
            #expect(index.count == 2)
            #expect(index[ServiceTypeCode("\(second)X")] == nil)
        }
    }

    @Test func aCatalogOfThousandsFindsEveryCode() {
        let codes = (0..<5_000).map { ServiceTypeCode("TYPE_\($0)") }
        let index = CodeIndex(codes)
        for (position, code) in codes.enumerated() { #expect(index[code] == position) }
        #expect(index[ServiceTypeCode("TYPE_5000")] == nil)
        #expect(index[ServiceTypeCode("")] == nil)
    }
}
