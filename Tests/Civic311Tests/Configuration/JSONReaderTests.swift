@_spi(Fuzzing) import Civic311
import Foundation
import Testing

private func parse(_ text: String) throws(ConfigurationError) -> JSONValue {
    try JSONValue.parse(Data(text.utf8))
}

private func refusal(_ text: String) -> String? {
    do {
        _ = try parse(text)
        return nil
    } catch {
        #expect(error.code == .malformedDocument)
        return error.issues.first?.reason
    }
}

/// The configuration reader: one pass over the bytes, every kind decided from its first byte,
/// nesting capped so hostile documents get an error instead of a deep recursion.
@Suite struct JSONReaderTests {
    @Test func readsEveryKindOfValue() throws {
        let value = try parse(
            #"""
            {"a": [1, -2.5e3, 0, -0.25, 1E+2], "b": true, "c": false, "d": null,
             "e": "tab\tquote\" slash\/ \u00e9 \ud83d\ude00 é", "f": {}, "g": []}
            """#
        )
        #expect(
            value
                == .object([
                    "a": .array([.number(1), .number(-2500), .number(0), .number(-0.25), .number(100)]),
                    "b": .bool(true), "c": .bool(false), "d": .null,
                    "e": .string("tab\tquote\" slash/ é 😀 é"), "f": .object([:]), "g": .array([]),
                ])
        )
        #expect(try parse("\u{FEFF} 42 \n") == .number(42))
    }

    @Test func refusesWhatRFC8259Refuses() {
        let malformed = [
            "", "[1,]", "{\"a\":1,}", "01", "-", "1.", "1e", ".5", "+1", "[1 2]", "{\"a\" 1}", "{a:1}", "tru",
            "\"unterminated", "\"bad \\x escape\"", "\"\u{01}\"", "\"\\ud800\"", "\"\\udc00\"", "1 2", "nul",
        ]
        for text in malformed {
            #expect(refusal(text) != nil, "\(text.debugDescription) must be refused")
        }
        #expect(refusal("1e400")?.contains("outside the range of a Double") == true)
        #expect(refusal(#"{"a": 1, "a": 2}"#)?.contains(#"the key "a" appears twice"#) == true)
        #expect(throws: ConfigurationError.self) { try JSONValue.parse(Data([0x22, 0xFF, 0xFE, 0x22])) }
    }

    @Test func nestingAtTheLimitIsReadAndOneLevelMoreIsRefused() throws {
        let limit = JSONValue.maximumNestingDepth
        #expect(limit == 64)
        var deepest = JSONValue.number(1)
        for _ in 0..<limit { deepest = .array([deepest]) }
        let atLimit = String(repeating: "[", count: limit) + "1" + String(repeating: "]", count: limit)
        #expect(try parse(atLimit) == deepest)
        let objects = String(repeating: #"{"a":"#, count: limit) + "1" + String(repeating: "}", count: limit)
        _ = try parse(objects)

        for past in [
            String(repeating: "[", count: limit + 1) + String(repeating: "]", count: limit + 1),
            String(repeating: #"{"a":"#, count: limit + 1) + "1" + String(repeating: "}", count: limit + 1),
        ] {
            let reason = refusal(past)
            #expect(reason?.contains("deeper than the limit of 64 levels") == true)
            #expect(reason?.contains("JSONValue.maximumNestingDepth") == true)
        }
    }

    /// The audit's 61 KB nested document took 24 s (depth³); a million brackets must neither
    /// overflow the stack nor be read past the limit.
    @Test func hostileNestingStopsAtTheLimit() {
        let brackets = Data(String(repeating: "[", count: 1_000_000).utf8)
        var steps = 0
        let error = #expect(throws: ConfigurationError.self) { try JSONValue.parse(brackets, steps: &steps) }
        // One step per bracket read: the 64 levels the limit allows; the next one is refused unread.
        #expect(steps == JSONValue.maximumNestingDepth)
        #expect(error?.description.contains("nest deeper than the limit") == true)
    }

    /// Each byte is looked at once, whatever the nesting: the work counted is at most the size,
    /// and at least half of it (so the counter counts).
    @Test func workIsLinearInTheDocumentSize() throws {
        for width in [10, 100, 400] {
            // Nested to the limit, with `width` members at every level.
            var text = "1"
            for level in 0..<(JSONValue.maximumNestingDepth - 1) {
                let siblings = (0..<width).map { #""k\#($0)": [true, null, "s\#(level)", -1.5e2]"# }
                text = #"{"next": \#(text), \#(siblings.joined(separator: ", "))}"#
            }
            let data = Data(text.utf8)
            var steps = 0
            _ = try JSONValue.parse(data, steps: &steps)
            #expect(steps <= data.count)
            #expect(steps * 2 >= data.count)
        }
    }
}
