import Foundation

/// Reads GeoReport JSON straight from its bytes, without building a tree: lists of 100,000
/// requests are read at the speed of the bytes, not of allocations.
struct JSONSource: GeoReportSource {
    private let bytes: UnsafeBufferPointer<UInt8>
    private var index: Int
    /// Objects and arrays open around the cursor; deeper documents are refused rather than read
    /// with a recursion that could exhaust the stack.
    private var depth = 0
    static let maximumDepth = 200

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
        index = 0
        // A byte-order mark (Helsinki's discovery document starts with one).
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { index = 3 }
    }

    // MARK: Structure

    mutating func readObject(_ body: (inout JSONSource, GeoReportFieldName) throws -> Void) throws {
        skipSpace()
        if try takeNull() { return }
        try expect(UInt8(ascii: "{"), what: "an object")
        try enter()
        defer { depth -= 1 }
        skipSpace()
        if take(UInt8(ascii: "}")) { return }
        while true {
            skipSpace()
            let (name, raw) = try readKey()
            skipSpace()
            try expect(UInt8(ascii: ":"), what: "':' after a field name")
            do {
                try body(&self, name)
            } catch let error as GeoReportDecodingError {
                throw error.within(raw())
            }
            skipSpace()
            if take(UInt8(ascii: ",")) { continue }
            try expect(UInt8(ascii: "}"), what: "',' or '}'")
            return
        }
    }

    mutating func readList(_ body: (inout JSONSource) throws -> Void) throws {
        skipSpace()
        if try takeNull() { return }
        guard peek() == UInt8(ascii: "[") else {
            guard peek() == UInt8(ascii: "{") else {
                throw GeoReportDecodingError(.unexpectedShape, path: "", reason: "expected a list, found \(found())")
            }
            try body(&self)  // one object where a list belongs
            return
        }
        index += 1
        try enter()
        defer { depth -= 1 }
        skipSpace()
        if take(UInt8(ascii: "]")) { return }
        var position = 0
        while true {
            do {
                try body(&self)
            } catch let error as GeoReportDecodingError {
                throw error.within("[\(position)]")
            }
            position += 1
            skipSpace()
            if take(UInt8(ascii: ",")) { continue }
            try expect(UInt8(ascii: "]"), what: "',' or ']'")
            return
        }
    }

    /// Reads a whole document that lists `item`s: an array, a single bare object, or a wrapper
    /// object (`{"service_requests": […]}`, FixMyStreet's `{"requests": [{"request": […]}]}`).
    mutating func readDocumentList(
        containers: Set<GeoReportKey>,
        item: GeoReportKey,
        _ body: (inout JSONSource) throws -> Void
    ) throws {
        try readListUnwrapping(containers: containers.union([item]), body)
        try finish()
    }

    private mutating func readListUnwrapping(
        containers: Set<GeoReportKey>,
        _ body: (inout JSONSource) throws -> Void
    ) throws {
        skipSpace()
        if peek() == UInt8(ascii: "{"), let wrapper = try peekFirstKey(), containers.contains(wrapper) {
            // A wrapper object: read the list inside it, and skip any other fields (counts…).
            try readObject { source, name in
                if case .known(let key) = name, containers.contains(key) {
                    try source.readListUnwrapping(containers: containers, body)
                } else {
                    try source.skipValue()
                }
            }
            return
        }
        try readList { source in
            if source.peek() == UInt8(ascii: "{"), let wrapper = try source.peekFirstKey(), containers.contains(wrapper)
            {
                try source.readListUnwrapping(containers: containers, body)
            } else {
                try body(&source)
            }
        }
    }

    /// Reads a whole document holding one object.
    mutating func readDocument(_ body: (inout JSONSource) throws -> Void) throws {
        try body(&self)
        try finish()
    }

    private mutating func finish() throws {
        skipSpace()
        guard index == bytes.count else {
            throw GeoReportDecodingError(
                .malformedDocument,
                path: "",
                reason: "unexpected \(found()) after the document"
            )
        }
    }

    // MARK: Values

    mutating func readText() throws -> String? {
        skipSpace()
        switch peek() ?? 0 {
        case UInt8(ascii: "\""):
            let text = try readString()
            return text.isEmpty ? nil : text
        case UInt8(ascii: "n"):
            _ = try takeNull()
            return nil
        case UInt8(ascii: "t"), UInt8(ascii: "f"):
            return try readLiteralBool() ? "true" : "false"
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            let range = try scanNumber()
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
        default:
            throw GeoReportDecodingError(.unexpectedShape, path: "", reason: "expected text, found \(found())")
        }
    }

    mutating func readNumber() throws -> Double? {
        skipSpace()
        switch peek() ?? 0 {
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            let range = try scanNumber()
            return JSONNumber.parse(UnsafeBufferPointer(rebasing: bytes[range]))
        case UInt8(ascii: "n"):
            _ = try takeNull()
            return nil
        case UInt8(ascii: "\""):
            let text = try readString().trimmedWhitespace
            if text.isEmpty { return nil }
            guard let value = Double(text), value.isFinite else {
                throw GeoReportDecodingError(.invalidValue, path: "", reason: "'\(text)' is not a number")
            }
            return value
        default:
            throw GeoReportDecodingError(.unexpectedShape, path: "", reason: "expected a number, found \(found())")
        }
    }

    mutating func readBool() throws -> Bool? {
        skipSpace()
        switch peek() ?? 0 {
        case UInt8(ascii: "t"), UInt8(ascii: "f"):
            return try readLiteralBool()
        case UInt8(ascii: "n"):
            _ = try takeNull()
            return nil
        case UInt8(ascii: "\""), UInt8(ascii: "0")...UInt8(ascii: "9"):
            guard let text = try readText()?.trimmedWhitespace, !text.isEmpty else { return nil }
            return try GeoReportBoolean.parse(text)
        default:
            throw GeoReportDecodingError(.unexpectedShape, path: "", reason: "expected true or false, found \(found())")
        }
    }

    mutating func readDate() throws -> Date? {
        skipSpace()
        switch peek() ?? 0 {
        case UInt8(ascii: "n"):
            _ = try takeNull()
            return nil
        case UInt8(ascii: "\""):
            // Dates never need escapes; read them from the bytes without making a string.
            let start = index + 1
            var end = start
            while end < bytes.count, bytes[end] != UInt8(ascii: "\""), bytes[end] != UInt8(ascii: "\\") { end += 1 }
            if end < bytes.count, bytes[end] == UInt8(ascii: "\"") {
                index = end + 1
                let slice = UnsafeBufferPointer(rebasing: bytes[start..<end])
                if slice.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) { return nil }
                guard let date = GeoReportDateTime.parse(slice) else {
                    throw GeoReportDecodingError(
                        .invalidValue,
                        path: "",
                        reason: "'\(String(decoding: slice, as: UTF8.self))' is not a date"
                    )
                }
                return date
            }
            let text = try readString()
            if text.trimmedWhitespace.isEmpty { return nil }
            guard let date = GeoReportDateTime.parse(text) else {
                throw GeoReportDecodingError(.invalidValue, path: "", reason: "'\(text)' is not a date")
            }
            return date
        default:
            throw GeoReportDecodingError(.unexpectedShape, path: "", reason: "expected a date, found \(found())")
        }
    }

    mutating func readValue() throws -> GeoReportValue {
        skipSpace()
        switch peek() ?? 0 {
        case UInt8(ascii: "\""):
            return .string(try readString())
        case UInt8(ascii: "n"):
            _ = try takeNull()
            return .null
        case UInt8(ascii: "t"), UInt8(ascii: "f"):
            return .bool(try readLiteralBool())
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            let range = try scanNumber()
            return .number(String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self))
        case UInt8(ascii: "["):
            var items: [GeoReportValue] = []
            try readList { source in items.append(try source.readValue()) }
            return .array(items)
        case UInt8(ascii: "{"):
            var fields: [GeoReportField] = []
            try readObject { source, name in
                fields.append(GeoReportField(name: name.text, value: try source.readValue()))
            }
            return .object(fields)
        default:
            throw GeoReportDecodingError(.malformedDocument, path: "", reason: "expected a value, found \(found())")
        }
    }

    mutating func skipValue() throws { _ = try readValue() }

    mutating func holdsList() throws -> Bool {
        skipSpace()
        return peek() == UInt8(ascii: "[")
    }

    mutating func holdsScalar() throws -> Bool {
        skipSpace()
        return peek() != UInt8(ascii: "{") && peek() != UInt8(ascii: "[")
    }

    private mutating func enter() throws {
        depth += 1
        guard depth <= Self.maximumDepth else {
            throw GeoReportDecodingError(
                .malformedDocument,
                path: "",
                reason: "nested more than \(Self.maximumDepth) levels deep"
            )
        }
    }

    // MARK: Tokens

    private func peek() -> UInt8? { index < bytes.count ? bytes[index] : nil }

    private mutating func take(_ byte: UInt8) -> Bool {
        guard index < bytes.count, bytes[index] == byte else { return false }
        index += 1
        return true
    }

    private mutating func expect(_ byte: UInt8, what: String) throws {
        guard take(byte) else {
            throw GeoReportDecodingError(.malformedDocument, path: "", reason: "expected \(what), found \(found())")
        }
    }

    private mutating func skipSpace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default: return
            }
        }
    }

    /// What is at the cursor, for error messages.
    private func found() -> String {
        guard index < bytes.count else { return "the end of the document" }
        let end = min(bytes.count, index + 16)
        return
            "'\(String(decoding: UnsafeBufferPointer(rebasing: bytes[index..<end]), as: UTF8.self))' at byte \(index)"
    }

    private mutating func takeNull() throws -> Bool {
        guard peek() == UInt8(ascii: "n") else { return false }
        try literal("null")
        return true
    }

    private mutating func readLiteralBool() throws -> Bool {
        if peek() == UInt8(ascii: "t") {
            try literal("true")
            return true
        }
        try literal("false")
        return false
    }

    private mutating func literal(_ word: StaticString) throws {
        let count = word.utf8CodeUnitCount
        guard index + count <= bytes.count else {
            throw GeoReportDecodingError(.malformedDocument, path: "", reason: "expected \(word), found \(found())")
        }
        let start = word.utf8Start
        for offset in 0..<count where bytes[index + offset] != start[offset] {
            throw GeoReportDecodingError(.malformedDocument, path: "", reason: "expected \(word), found \(found())")
        }
        index += count
    }

    /// The byte range of a number literal, checked against JSON's grammar.
    private mutating func scanNumber() throws -> Range<Int> {
        let start = index
        _ = take(UInt8(ascii: "-"))
        var digits = 0
        while let byte = peek(), byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") {
            index += 1
            digits += 1
        }
        if take(UInt8(ascii: ".")) {
            while let byte = peek(), byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") {
                index += 1
                digits += 1
            }
        }
        if take(UInt8(ascii: "e")) || take(UInt8(ascii: "E")) {
            if !take(UInt8(ascii: "+")) { _ = take(UInt8(ascii: "-")) }
            var exponentDigits = 0
            while let byte = peek(), byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") {
                index += 1
                exponentDigits += 1
            }
            guard exponentDigits > 0 else {
                throw GeoReportDecodingError(.malformedDocument, path: "", reason: "number without exponent digits")
            }
        }
        guard digits > 0 else {
            index = start
            throw GeoReportDecodingError(.malformedDocument, path: "", reason: "expected a number, found \(found())")
        }
        return start..<index
    }

    /// A field name, matched against the known names from its bytes; `raw` spells it for errors.
    private mutating func readKey() throws -> (GeoReportFieldName, () -> String) {
        guard peek() == UInt8(ascii: "\"") else {
            throw GeoReportDecodingError(
                .malformedDocument,
                path: "",
                reason: "expected a field name, found \(found())"
            )
        }
        let start = index + 1
        var end = start
        while end < bytes.count, bytes[end] != UInt8(ascii: "\""), bytes[end] != UInt8(ascii: "\\") { end += 1 }
        if end < bytes.count, bytes[end] == UInt8(ascii: "\"") {
            index = end + 1
            let slice = UnsafeBufferPointer(rebasing: bytes[start..<end])
            if let key = GeoReportKey.matching(slice) { return (.known(key), { key.spelling }) }
            let name = String(decoding: slice, as: UTF8.self)
            return (.other(name), { name })
        }
        let name = try readString()
        if let key = GeoReportKey.matching(name) { return (.known(key), { key.spelling }) }
        return (.other(name), { name })
    }

    /// The first field name of the object at the cursor, without moving it.
    private mutating func peekFirstKey() throws -> GeoReportKey? {
        let saved = index
        defer { index = saved }
        guard take(UInt8(ascii: "{")) else { return nil }
        skipSpace()
        guard peek() == UInt8(ascii: "\"") else { return nil }
        if case .known(let key) = try readKey().0 { return key }
        return nil
    }

    /// A string literal, unescaped.
    private mutating func readString() throws -> String {
        try expect(UInt8(ascii: "\""), what: "a string")
        let start = index
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
                index += 1
                return text
            }
            if byte == UInt8(ascii: "\\") { return try readEscapedString(from: start) }
            if byte < 0x20 {
                throw GeoReportDecodingError(
                    .malformedDocument,
                    path: "",
                    reason: "control character in a string at byte \(index)"
                )
            }
            index += 1
        }
        throw GeoReportDecodingError(.malformedDocument, path: "", reason: "unterminated string")
    }

    private mutating func readEscapedString(from start: Int) throws -> String {
        var output = Array(UnsafeBufferPointer(rebasing: bytes[start..<index]))
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            switch byte {
            case UInt8(ascii: "\""):
                return String(decoding: output, as: UTF8.self)
            case UInt8(ascii: "\\"):
                guard index < bytes.count else { break }
                let escape = bytes[index]
                index += 1
                switch escape {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): output.append(escape)
                case UInt8(ascii: "b"): output.append(0x08)
                case UInt8(ascii: "f"): output.append(0x0C)
                case UInt8(ascii: "n"): output.append(0x0A)
                case UInt8(ascii: "r"): output.append(0x0D)
                case UInt8(ascii: "t"): output.append(0x09)
                case UInt8(ascii: "u"):
                    var scalar = try hex4()
                    if (0xD800...0xDBFF).contains(scalar), take(UInt8(ascii: "\\")), take(UInt8(ascii: "u")) {
                        let low = try hex4()
                        guard (0xDC00...0xDFFF).contains(low) else {
                            throw GeoReportDecodingError(
                                .malformedDocument,
                                path: "",
                                reason: "unpaired surrogate escape"
                            )
                        }
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    }
                    let character = Unicode.Scalar(scalar) ?? "\u{FFFD}"
                    output.append(contentsOf: Array(String(character).utf8))
                default:
                    throw GeoReportDecodingError(
                        .malformedDocument,
                        path: "",
                        reason: "unknown escape at byte \(index - 1)"
                    )
                }
            case 0..<0x20:
                throw GeoReportDecodingError(
                    .malformedDocument,
                    path: "",
                    reason: "control character in a string at byte \(index - 1)"
                )
            default:
                output.append(byte)
            }
        }
        throw GeoReportDecodingError(.malformedDocument, path: "", reason: "unterminated string")
    }

    private mutating func hex4() throws -> UInt32 {
        guard index + 4 <= bytes.count else {
            throw GeoReportDecodingError(.malformedDocument, path: "", reason: "short \\u escape")
        }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[index]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default:
                throw GeoReportDecodingError(.malformedDocument, path: "", reason: "bad \\u escape at byte \(index)")
            }
            value = value << 4 | UInt32(digit)
            index += 1
        }
        return value
    }
}

/// Booleans as servers write them in text.
enum GeoReportBoolean {
    static func parse(_ text: String) throws -> Bool {
        switch text.lowercased() {
        case "true", "1", "yes": return true
        case "false", "0", "no": return false
        default: throw GeoReportDecodingError(.invalidValue, path: "", reason: "'\(text)' is not true or false")
        }
    }
}
