import Foundation

/// Reads a JSON document into a ``JSONValue`` in one pass over its bytes.
///
/// Each value's kind is decided from its first byte, so no part of the document is read twice.
/// (Trying each kind in turn through `Decodable`, as this code once did, re-reads nested values at
/// every level: a 61 KB nested document took 24 s.) Nesting is capped at
/// ``JSONValue/maximumNestingDepth``, which also bounds the recursion.
struct JSONReader {
    struct Failure: Error {
        var reason: String
        var offset: Int
    }

    private let bytes: [UInt8]
    private var offset = 0
    /// Bytes looked at so far, the unit of work tests count.
    private(set) var steps = 0

    init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// The whole document: one value, surrounded only by whitespace.
    mutating func document() throws(Failure) -> JSONValue {
        // A UTF-8 byte-order mark is tolerated, as editors on some systems write one.
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { offset = 3 }
        let value = try value(depth: 0)
        skipWhitespace()
        guard offset == bytes.count else { throw fail("unexpected text after the document") }
        return value
    }

    // MARK: Values

    private mutating func value(depth: Int) throws(Failure) -> JSONValue {
        skipWhitespace()
        guard let byte = peek() else { throw fail("unexpected end of the document, expected a value") }
        switch byte {
        case UInt8(ascii: "{"):
            return try object(depth: depth + 1)
        case UInt8(ascii: "["):
            return try array(depth: depth + 1)
        case UInt8(ascii: "\""):
            return .string(try string())
        case UInt8(ascii: "t"):
            try literal("true")
            return .bool(true)
        case UInt8(ascii: "f"):
            try literal("false")
            return .bool(false)
        case UInt8(ascii: "n"):
            try literal("null")
            return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return .number(try number())
        default:
            throw fail("unexpected character \(Self.describe(byte)), expected a value")
        }
    }

    private mutating func object(depth: Int) throws(Failure) -> JSONValue {
        try checkDepth(depth)
        advance()
        var members: [String: JSONValue] = [:]
        skipWhitespace()
        if peek() == UInt8(ascii: "}") {
            advance()
            return .object(members)
        }
        while true {
            skipWhitespace()
            guard peek() == UInt8(ascii: "\"") else { throw fail("expected a key in double quotes") }
            let keyOffset = offset
            let key = try string()
            skipWhitespace()
            guard peek() == UInt8(ascii: ":") else { throw fail("expected ':' after a key") }
            advance()
            let member = try value(depth: depth)
            // A repeated key would let one of two conflicting values win silently.
            guard members.updateValue(member, forKey: key) == nil else {
                throw Failure(reason: "the key \"\(key)\" appears twice in one object", offset: keyOffset)
            }
            skipWhitespace()
            switch next() {
            case UInt8(ascii: ","): continue
            case UInt8(ascii: "}"): return .object(members)
            default: throw fail("expected ',' or '}' in an object", back: 1)
            }
        }
    }

    private mutating func array(depth: Int) throws(Failure) -> JSONValue {
        try checkDepth(depth)
        advance()
        var elements: [JSONValue] = []
        skipWhitespace()
        if peek() == UInt8(ascii: "]") {
            advance()
            return .array(elements)
        }
        while true {
            elements.append(try value(depth: depth))
            skipWhitespace()
            switch next() {
            case UInt8(ascii: ","): continue
            case UInt8(ascii: "]"): return .array(elements)
            default: throw fail("expected ',' or ']' in an array", back: 1)
            }
        }
    }

    private func checkDepth(_ depth: Int) throws(Failure) {
        guard depth <= JSONValue.maximumNestingDepth else {
            throw fail(
                "arrays and objects nest deeper than the limit of \(JSONValue.maximumNestingDepth) levels "
                    + "(JSONValue.maximumNestingDepth)"
            )
        }
    }

    private mutating func literal(_ word: String) throws(Failure) {
        let expected = word.utf8
        let count = expected.count
        guard offset + count <= bytes.count, bytes[offset..<offset + count].elementsEqual(expected) else {
            throw fail("unexpected character \(Self.describe(bytes[offset])), expected a value")
        }
        offset += count
        steps += count
    }

    // MARK: Numbers

    /// RFC 8259's grammar exactly: `-? (0 | [1-9][0-9]*) (.[0-9]+)? ([eE][+-]?[0-9]+)?`.
    private mutating func number() throws(Failure) -> Double {
        let start = offset
        if peek() == UInt8(ascii: "-") { offset += 1 }
        guard let first = peek(), Self.isDigit(first) else { throw fail("expected a digit") }
        offset += 1
        if first != UInt8(ascii: "0") { skipDigits() }
        if peek() == UInt8(ascii: ".") {
            offset += 1
            guard let digit = peek(), Self.isDigit(digit) else { throw fail("expected a digit after '.'") }
            skipDigits()
        }
        if peek() == UInt8(ascii: "e") || peek() == UInt8(ascii: "E") {
            offset += 1
            if peek() == UInt8(ascii: "+") || peek() == UInt8(ascii: "-") { offset += 1 }
            guard let digit = peek(), Self.isDigit(digit) else { throw fail("expected a digit in the exponent") }
            skipDigits()
        }
        steps += offset - start
        let text = String(decoding: bytes[start..<offset], as: UTF8.self)
        guard let number = Double(text), number.isFinite else {
            throw Failure(reason: "the number \(text) is outside the range of a Double", offset: start)
        }
        return number
    }

    private mutating func skipDigits() {
        while let byte = peek(), Self.isDigit(byte) { offset += 1 }
    }

    private static func isDigit(_ byte: UInt8) -> Bool { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) }

    // MARK: Strings

    private mutating func string() throws(Failure) -> String {
        let start = offset
        offset += 1
        var utf8: [UInt8] = []
        while true {
            guard let byte = next() else {
                throw Failure(reason: "a string is not closed", offset: start)
            }
            switch byte {
            case UInt8(ascii: "\""):
                guard let text = String(validating: utf8, as: UTF8.self) else {
                    throw Failure(reason: "a string is not valid UTF-8", offset: start)
                }
                return text
            case UInt8(ascii: "\\"):
                try escape(into: &utf8)
            case 0..<0x20:
                throw fail("a control character must be escaped in a string", back: 1)
            default:
                utf8.append(byte)
            }
        }
    }

    private mutating func escape(into utf8: inout [UInt8]) throws(Failure) {
        guard let byte = next() else { throw fail("a string is not closed") }
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): utf8.append(byte)
        case UInt8(ascii: "b"): utf8.append(0x08)
        case UInt8(ascii: "f"): utf8.append(0x0C)
        case UInt8(ascii: "n"): utf8.append(0x0A)
        case UInt8(ascii: "r"): utf8.append(0x0D)
        case UInt8(ascii: "t"): utf8.append(0x09)
        case UInt8(ascii: "u"):
            var scalar = UInt32(try hexQuad())
            if (0xD800..<0xDC00).contains(scalar) {
                // A high surrogate must be followed by an escaped low one.
                guard next() == UInt8(ascii: "\\"), next() == UInt8(ascii: "u") else {
                    throw fail("an unpaired UTF-16 surrogate in a \\u escape")
                }
                let low = UInt32(try hexQuad())
                guard (0xDC00..<0xE000).contains(low) else {
                    throw fail("an unpaired UTF-16 surrogate in a \\u escape")
                }
                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
            }
            guard let unicode = Unicode.Scalar(scalar) else {
                throw fail("an unpaired UTF-16 surrogate in a \\u escape")
            }
            utf8.append(contentsOf: String(Character(unicode)).utf8)
        default:
            throw fail("unknown escape \\\(Self.describe(byte)) in a string", back: 2)
        }
    }

    private mutating func hexQuad() throws(Failure) -> UInt16 {
        var value: UInt16 = 0
        for _ in 0..<4 {
            guard let byte = next(), let digit = Self.hexDigit(byte) else {
                throw fail("expected 4 hex digits after \\u")
            }
            value = value << 4 | UInt16(digit)
        }
        return value
    }

    private static func hexDigit(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    // MARK: Bytes

    private func peek() -> UInt8? { offset < bytes.count ? bytes[offset] : nil }

    /// Steps past a byte already looked at, counting it.
    private mutating func advance() {
        offset += 1
        steps += 1
    }

    private mutating func next() -> UInt8? {
        guard offset < bytes.count else { return nil }
        defer {
            offset += 1
            steps += 1
        }
        return bytes[offset]
    }

    private mutating func skipWhitespace() {
        while let byte = peek(),
            byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r")
                || byte == UInt8(ascii: "\t")
        {
            offset += 1
            steps += 1
        }
    }

    private func fail(_ reason: String, back: Int = 0) -> Failure {
        Failure(reason: reason, offset: max(offset - back, 0))
    }

    private static func describe(_ byte: UInt8) -> String {
        (0x21..<0x7F).contains(byte) ? "'\(Character(Unicode.Scalar(byte)))'" : "byte 0x\(String(byte, radix: 16))"
    }
}
