/// Reads an XML document into ``XMLElementNode``s for the GeoReport readers.
///
/// Written here rather than taken from FoundationXML: libxml2 hands FoundationXML's callbacks
/// pointers they trust, and twice a document a server could send trapped the process there (an
/// element name that is not UTF-8; a processing instruction without data, whose data pointer is
/// null). A city's reply must never take a client down, so the module reads XML itself.
///
/// It reads XML 1.0 as GeoReport documents use it: elements (attributes are checked for form and
/// not kept), character data, the five predefined entities and numeric character references,
/// CDATA sections, comments, processing instructions (skipped) and a document type declaration
/// without an internal subset (skipped). An internal subset is refused: no GeoReport document
/// needs one, and its entity declarations are the classic expansion attack. Every other
/// well-formedness rule it checks is refused with the place it broke. The work is linear in the
/// document's length.
struct XMLDocumentReader {
    /// A rule the document breaks, at a byte offset of the UTF-8 text.
    struct SyntaxError: Error {
        var reason: String
        var offset: Int
    }

    private let bytes: UnsafeBufferPointer<UInt8>
    private var index = 0

    /// `bytes` must be UTF-8 holding only characters XML 1.0 allows (``XMLDocumentText`` makes it
    /// so), starting at the document's first `<`.
    init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    /// The document's root element.
    mutating func read() throws(SyntaxError) -> XMLElementNode {
        if starts(with: "<?xml"), index + 5 < bytes.count, Self.isWhitespace(bytes[index + 5]) {
            try skip(past: "?>", what: "the XML declaration")
        }
        try skipMisc()
        if starts(with: "<!DOCTYPE") { try skipDocumentType() }
        try skipMisc()
        guard index < bytes.count else { throw failure("the document has no root element") }
        let root = try element()
        try skipMisc()
        guard index == bytes.count else { throw failure("content after the root element") }
        return root
    }

    /// An open element and the bytes of its character data so far.
    private struct OpenElement {
        var node: XMLElementNode
        var name: Range<Int>
        var text: [UInt8] = []
    }

    /// The element that starts at `index`, with everything inside it. Iterative, so that depth
    /// costs heap rather than stack; ``XMLElementNode/maximumDepth`` bounds it anyway.
    private mutating func element() throws(SyntaxError) -> XMLElementNode {
        var open: [OpenElement] = []
        while true {
            guard index < bytes.count else {
                guard let innermost = open.last else { throw failure("the document has no root element") }
                throw failure("the document ends before </\(string(innermost.name))> closes it")
            }
            guard bytes[index] == UInt8(ascii: "<") else {
                guard !open.isEmpty else { throw failure("character data outside the root element") }
                try characterData(into: &open[open.count - 1].text)
                continue
            }
            if starts(with: "</") {
                let tag = index
                guard let closing = open.popLast() else { throw failure("an end tag with no element open") }
                index += 2
                let name = try self.name()
                guard bytes[name].elementsEqual(bytes[closing.name]) else {
                    throw SyntaxError(reason: "</\(string(name))> closes <\(string(closing.name))>", offset: tag)
                }
                skipWhitespace()
                try expect(">", "'>' to end the tag </\(string(name))>")
                closing.node.text = String(decoding: closing.text, as: UTF8.self)
                guard let parent = open.last else { return closing.node }
                parent.node.children.append(closing.node)
                continue
            }
            if starts(with: "<!--") {
                try skipComment()
            } else if starts(with: "<![CDATA[") {
                guard !open.isEmpty else { throw failure("a CDATA section outside the root element") }
                try cdata(into: &open[open.count - 1].text)
            } else if starts(with: "<?") {
                try skipProcessingInstruction()
            } else if starts(with: "<!") {
                throw failure("a declaration inside an element")
            } else {
                guard open.count < XMLElementNode.maximumDepth else {
                    throw failure("elements nested more than \(XMLElementNode.maximumDepth) levels deep")
                }
                index += 1
                let name = try self.name()
                let node = XMLElementNode(name: localName(name))
                let isEmpty = try attributes(of: name)
                if isEmpty {
                    guard let parent = open.last else { return node }
                    parent.node.children.append(node)
                } else {
                    open.append(OpenElement(node: node, name: name))
                }
            }
        }
    }

    /// Reads a tag's attributes up to its end; whether it was an empty-element tag (`/>`).
    private mutating func attributes(of element: Range<Int>) throws(SyntaxError) -> Bool {
        var seen: Set<ArraySlice<UInt8>> = []
        while true {
            let spaced = skipWhitespace()
            if starts(with: "/>") {
                index += 2
                return true
            }
            if starts(with: ">") {
                index += 1
                return false
            }
            guard spaced else { throw failure("expected whitespace, '>' or '/>' in the tag <\(string(element))>") }
            let name = try self.name()
            guard seen.insert(ArraySlice(bytes[name])).inserted else {
                throw failure("the attribute \(string(name)) appears twice in <\(string(element))>")
            }
            skipWhitespace()
            try expect("=", "'=' after the attribute \(string(name))")
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") || bytes[index] == UInt8(ascii: "'")
            else { throw failure("a quoted value for the attribute \(string(name))") }
            let quote = bytes[index]
            index += 1
            var ignored: [UInt8] = []
            while true {
                guard index < bytes.count else { throw failure("the value of \(string(name)) is not closed") }
                let byte = bytes[index]
                if byte == quote { break }
                if byte == UInt8(ascii: "<") { throw failure("'<' inside the value of \(string(name))") }
                if byte == UInt8(ascii: "&") {
                    try reference(into: &ignored)
                    ignored.removeAll(keepingCapacity: true)
                } else {
                    index += 1
                }
            }
            index += 1
        }
    }

    /// Character data up to the next `<`, with references replaced and line breaks normalised.
    private mutating func characterData(into text: inout [UInt8]) throws(SyntaxError) {
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "<"): return
            case UInt8(ascii: "&"): try reference(into: &text)
            case UInt8(ascii: "]") where starts(with: "]]>"): throw failure("']]>' in character data")
            case UInt8(ascii: "\r"): appendLineBreak(into: &text)
            default:
                text.append(byte)
                index += 1
            }
        }
    }

    /// A CDATA section's text, as it stands but for line breaks.
    private mutating func cdata(into text: inout [UInt8]) throws(SyntaxError) {
        let start = index
        index += 9
        while index < bytes.count {
            if starts(with: "]]>") {
                index += 3
                return
            }
            if bytes[index] == UInt8(ascii: "\r") {
                appendLineBreak(into: &text)
            } else {
                text.append(bytes[index])
                index += 1
            }
        }
        index = start
        throw failure("a CDATA section that is not closed")
    }

    /// XML reads a carriage return, alone or before a line feed, as one line feed.
    private mutating func appendLineBreak(into text: inout [UInt8]) {
        text.append(UInt8(ascii: "\n"))
        index += 1
        if index < bytes.count, bytes[index] == UInt8(ascii: "\n") { index += 1 }
    }

    /// The entity or character reference at `index`, appended as UTF-8.
    private mutating func reference(into text: inout [UInt8]) throws(SyntaxError) {
        let start = index
        index += 1
        guard let end = bytes[index...].prefix(12).firstIndex(of: UInt8(ascii: ";")) else {
            index = start
            throw failure("'&' that starts no reference (write &amp;)")
        }
        let body = bytes[index..<end]
        let scalar: Unicode.Scalar?
        if body.first == UInt8(ascii: "#") {
            let hex = body.dropFirst().first == UInt8(ascii: "x")
            let digits = body.dropFirst(hex ? 2 : 1)
            scalar = Self.number(digits, radix: hex ? 16 : 10).flatMap(Unicode.Scalar.init(_:))
                .flatMap { XMLDocumentText.isCharacter($0.value) ? $0 : nil }
        } else {
            scalar = Self.predefined[Array(body)]
        }
        guard let scalar else {
            index = start
            throw failure(
                "'&\(String(decoding: body, as: UTF8.self));' is neither a predefined entity nor a character XML allows"
            )
        }
        text.append(contentsOf: String(Character(scalar)).utf8)
        index = end + 1
    }

    private static let predefined: [[UInt8]: Unicode.Scalar] = [
        Array("amp".utf8): "&", Array("lt".utf8): "<", Array("gt".utf8): ">",
        Array("quot".utf8): "\"", Array("apos".utf8): "'",
    ]

    /// `digits` as a number in `radix`, or nil when empty, not digits, or past Unicode.
    private static func number(_ digits: Slice<UnsafeBufferPointer<UInt8>>, radix: UInt32) -> UInt32? {
        guard !digits.isEmpty else { return nil }
        var value: UInt32 = 0
        for byte in digits {
            let digit: UInt32
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f") where radix == 16: digit = UInt32(byte - UInt8(ascii: "a")) + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F") where radix == 16: digit = UInt32(byte - UInt8(ascii: "A")) + 10
            default: return nil
            }
            value = value * radix + digit
            if value > 0x10FFFF { return nil }
        }
        return value
    }

    /// A name at `index`: XML's name characters, approximated by ASCII's plus every non-ASCII
    /// character (the document is already known to be UTF-8).
    private mutating func name() throws(SyntaxError) -> Range<Int> {
        let start = index
        guard index < bytes.count, Self.startsName(bytes[index]) else { throw failure("expected a name") }
        index += 1
        while index < bytes.count, Self.continuesName(bytes[index]) { index += 1 }
        return start..<index
    }

    private static func startsName(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "_"),
            UInt8(ascii: ":"), 0x80...:
            true
        default: false
        }
    }

    private static func continuesName(_ byte: UInt8) -> Bool {
        startsName(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "-")
            || byte == UInt8(ascii: ".")
    }

    /// The name without its namespace prefix: what follows its last colon, unless nothing does
    /// (as FoundationXML's reader gave it before).
    private func localName(_ name: Range<Int>) -> String {
        var start = name.upperBound
        while start > name.lowerBound, bytes[start - 1] != UInt8(ascii: ":") { start -= 1 }
        if start == name.upperBound {
            // Nothing after the last colon: the last part that is not empty, if any.
            let parts = string(name).split(separator: ":")
            return parts.last.map(String.init) ?? string(name)
        }
        return string(start..<name.upperBound)
    }

    /// Whitespace, comments and processing instructions, which may stand around the root element.
    private mutating func skipMisc() throws(SyntaxError) {
        while true {
            skipWhitespace()
            if starts(with: "<!--") {
                try skipComment()
            } else if starts(with: "<?") {
                try skipProcessingInstruction()
            } else {
                return
            }
        }
    }

    private mutating func skipComment() throws(SyntaxError) {
        let start = index
        index += 4
        while index < bytes.count {
            if starts(with: "--") {
                guard starts(with: "-->") else { throw failure("'--' inside a comment") }
                index += 3
                return
            }
            index += 1
        }
        index = start
        throw failure("a comment that is not closed")
    }

    private mutating func skipProcessingInstruction() throws(SyntaxError) {
        index += 2
        let target = try name()
        guard string(target).lowercased() != "xml" else {
            throw failure("an XML declaration anywhere but at the start of the document")
        }
        guard starts(with: "?>") || (index < bytes.count && Self.isWhitespace(bytes[index])) else {
            throw failure("expected whitespace or '?>' after the processing instruction's target")
        }
        try skip(past: "?>", what: "the processing instruction \(string(target))")
    }

    /// A document type declaration that names only the root element and an external identifier,
    /// which is not fetched.
    private mutating func skipDocumentType() throws(SyntaxError) {
        let start = index
        var quote: UInt8?
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            if let open = quote {
                if byte == open { quote = nil }
            } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                quote = byte
            } else if byte == UInt8(ascii: ">") {
                return
            } else if byte == UInt8(ascii: "[") {
                index -= 1
                throw failure("a document type declaration with an internal subset (GeoReport needs none)")
            }
        }
        index = start
        throw failure("a document type declaration that is not closed")
    }

    private mutating func skip(past terminator: StaticString, what: String) throws(SyntaxError) {
        let start = index
        while index < bytes.count {
            if starts(with: terminator) {
                index += terminator.utf8CodeUnitCount
                return
            }
            index += 1
        }
        index = start
        throw failure("\(what) is not closed")
    }

    @discardableResult
    private mutating func skipWhitespace() -> Bool {
        let start = index
        while index < bytes.count, Self.isWhitespace(bytes[index]) { index += 1 }
        return index > start
    }

    private mutating func expect(_ byte: Unicode.Scalar, _ what: String) throws(SyntaxError) {
        guard index < bytes.count, bytes[index] == UInt8(ascii: byte) else { throw failure("expected \(what)") }
        index += 1
    }

    private func starts(with prefix: StaticString) -> Bool {
        let count = prefix.utf8CodeUnitCount
        guard bytes.count - index >= count else { return false }
        return prefix.withUTF8Buffer { bytes[index..<index + count].elementsEqual($0) }
    }

    private static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    private func string(_ range: Range<Int>) -> String { String(decoding: bytes[range], as: UTF8.self) }

    private func failure(_ reason: String) -> SyntaxError { SyntaxError(reason: reason, offset: index) }
}
