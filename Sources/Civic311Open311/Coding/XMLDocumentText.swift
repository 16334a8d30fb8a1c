import Foundation

/// A document's bytes as the UTF-8 text ``XMLDocumentReader`` reads: converted from the encoding
/// its byte-order mark or XML declaration names, and checked to hold only characters XML 1.0
/// allows.
///
/// It reads UTF-8 (the specification's encoding, and the default), US-ASCII, UTF-16 with a
/// byte-order mark, ISO-8859-1, ISO-8859-15 and windows-1252, which between them cover what city
/// servers send. Another declared encoding is refused by name rather than guessed at.
enum XMLDocumentText {
    /// Why the bytes are not a document's text.
    struct Refusal: Error {
        var reason: String

        var decodingError: GeoReportDecodingError {
            GeoReportDecodingError(.malformedDocument, path: "", reason: reason)
        }
    }

    /// Calls `body` with the document's UTF-8 text, from its first `<` on (a byte-order mark and
    /// anything before it, such as one server's HTTP status line, are skipped).
    static func withText<Result>(
        of bytes: UnsafeBufferPointer<UInt8>,
        _ body: (UnsafeBufferPointer<UInt8>) throws(GeoReportDecodingError) -> Result
    ) throws(GeoReportDecodingError) -> Result {
        let converted: [UInt8]?
        do throws(Refusal) {
            converted = try self.converted(bytes)
        } catch {
            throw error.decodingError
        }
        guard let converted else { return try body(try checked(fromFirstElement(bytes))) }
        return try converted.withUnsafeBufferPointer { text throws(GeoReportDecodingError) in
            try body(try checked(fromFirstElement(text)))
        }
    }

    /// The document converted to UTF-8 from the encoding it is in; nil when it is in UTF-8.
    private static func converted(_ bytes: UnsafeBufferPointer<UInt8>) throws(Refusal) -> [UInt8]? {
        if let text = try utf16(bytes) { return text }
        let document = fromFirstElement(bytes)
        switch try encoding(declaredBy: document) {
        case .utf8: return nil
        case .singleByte(let table): return convert(document, table)
        }
    }

    /// Whether XML 1.0 allows the character `value` in a document.
    static func isCharacter(_ value: UInt32) -> Bool {
        switch value {
        case 0x09, 0x0A, 0x0D, 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: true
        default: false
        }
    }

    private static func fromFirstElement(_ bytes: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        let start = bytes.firstIndex(of: UInt8(ascii: "<")) ?? bytes.count
        return UnsafeBufferPointer(rebasing: bytes[start...])
    }

    /// `text`, once it is known to be UTF-8 holding only characters XML allows.
    private static func checked(
        _ text: UnsafeBufferPointer<UInt8>
    ) throws(GeoReportDecodingError) -> UnsafeBufferPointer<UInt8> {
        guard !text.isEmpty else { throw Refusal(reason: "no XML element in the document").decodingError }
        // One pass over the bytes for the characters XML does not allow (C0 controls but tab and
        // line breaks; U+FFFE and U+FFFF, which are EF BF BE and EF BF BF), and a second, only for
        // text that is not ASCII, to check it is UTF-8.
        var line = 1
        var isASCII = true
        for index in text.indices {
            let byte = text[index]
            if byte == 0x0A { line += 1 }
            if byte < 0x20, byte != 0x09, byte != 0x0A, byte != 0x0D {
                throw notAllowed(UInt32(byte), line: line)
            }
            if byte >= 0x80 {
                isASCII = false
                if byte == 0xEF, index + 2 < text.count, text[index + 1] == 0xBF, text[index + 2] & 0xFE == 0xBE {
                    throw notAllowed(0xFFFE + UInt32(text[index + 2] & 1), line: line)
                }
            }
        }
        guard isASCII || isUTF8(text) else {
            throw Refusal(
                reason:
                    "the document is not UTF-8 text, and declares no encoding that can read it "
                    + "(ISO-8859-1, ISO-8859-15 or windows-1252)"
            ).decodingError
        }
        return text
    }

    private static func notAllowed(_ value: UInt32, line: Int) -> GeoReportDecodingError {
        Refusal(
            reason: "line \(line) holds U+\(String(value, radix: 16, uppercase: true)), a character XML does not allow"
        ).decodingError
    }

    private static func isUTF8(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        var iterator = text.makeIterator()
        var decoder = UTF8()
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue: continue
            case .emptyInput: return true
            case .error: return false
            }
        }
    }

    // MARK: Encodings

    private enum Encoding {
        case utf8
        /// The character of each byte from 0x80 up.
        case singleByte([UInt32?])
    }

    /// The encoding the XML declaration at the start of `document` names; UTF-8 without one.
    private static func encoding(declaredBy document: UnsafeBufferPointer<UInt8>) throws(Refusal) -> Encoding {
        guard let name = declaredEncoding(document) else { return .utf8 }
        switch name.lowercased() {
        case "utf-8", "utf8", "us-ascii", "ascii": return .utf8
        case "iso-8859-1", "iso_8859-1", "latin1", "l1": return .singleByte(latin1)
        case "iso-8859-15", "iso_8859-15", "latin-9", "latin9": return .singleByte(latin9)
        case "windows-1252", "cp1252": return .singleByte(windows1252)
        default:
            throw Refusal(
                reason:
                    "the document declares the encoding '\(name)'; XML is read in UTF-8, UTF-16, "
                    + "ISO-8859-1, ISO-8859-15 or windows-1252"
            )
        }
    }

    /// The `encoding` of the XML declaration that `document` starts with, if it has one.
    static func declaredEncoding(_ document: UnsafeBufferPointer<UInt8>) -> String? {
        let prefix = document.prefix(256)
        guard prefix.starts(with: "<?xml".utf8),
            let end = prefix.firstIndex(of: UInt8(ascii: ">"))
        else { return nil }
        let declaration = String(decoding: prefix[..<end], as: UTF8.self)
        guard let name = declaration.range(of: "encoding") else { return nil }
        let rest = declaration[name.upperBound...].drop { $0 == " " || $0 == "=" || $0 == "\t" }
        guard let quote = rest.first, quote == "\"" || quote == "'" else { return nil }
        return String(rest.dropFirst().prefix { $0 != quote })
    }

    private static func convert(_ bytes: UnsafeBufferPointer<UInt8>, _ table: [UInt32?]) -> [UInt8] {
        var text: [UInt8] = []
        text.reserveCapacity(bytes.count)
        for byte in bytes {
            guard byte >= 0x80 else {
                text.append(byte)
                continue
            }
            // A byte the encoding leaves undefined becomes U+FFFD, as a reader must show something.
            let scalar = table[Int(byte - 0x80)].flatMap(Unicode.Scalar.init(_:)) ?? "\u{FFFD}"
            text.append(contentsOf: String(Character(scalar)).utf8)
        }
        return text
    }

    private static let latin1: [UInt32?] = (0x80...0xFF).map { UInt32($0) }

    private static let latin9: [UInt32?] = {
        var table = latin1
        let changes: [Int: UInt32] = [
            0xA4: 0x20AC, 0xA6: 0x0160, 0xA8: 0x0161, 0xB4: 0x017D, 0xB8: 0x017E, 0xBC: 0x0152, 0xBD: 0x0153,
            0xBE: 0x0178,
        ]
        for (byte, scalar) in changes { table[byte - 0x80] = scalar }
        return table
    }()

    /// windows-1252 differs from ISO-8859-1 in 0x80–0x9F, where it has printable characters and
    /// five bytes it leaves undefined.
    private static let windows1252: [UInt32?] = {
        var table = latin1
        // 0 stands for a byte the encoding leaves undefined.
        let high: [UInt32] = [
            0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0,
            0x017D, 0, 0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A,
            0x0153, 0, 0x017E, 0x0178,
        ]
        table.replaceSubrange(0..<32, with: high.map { $0 == 0 ? nil : $0 })
        return table
    }()

    /// The document converted to UTF-8 when it starts with a UTF-16 byte-order mark; nil when it
    /// does not.
    private static func utf16(_ bytes: UnsafeBufferPointer<UInt8>) throws(Refusal) -> [UInt8]? {
        guard bytes.count >= 2 else { return nil }
        let bigEndian: Bool
        switch (bytes[0], bytes[1]) {
        case (0xFE, 0xFF): bigEndian = true
        case (0xFF, 0xFE): bigEndian = false
        default: return nil
        }
        guard bytes.count % 2 == 0 else { throw Refusal(reason: "a UTF-16 document with an odd number of bytes") }
        let units = stride(from: 2, to: bytes.count, by: 2).map { offset -> UInt16 in
            let (high, low) = bigEndian ? (bytes[offset], bytes[offset + 1]) : (bytes[offset + 1], bytes[offset])
            return UInt16(high) << 8 | UInt16(low)
        }
        guard let string = String(validating: units, as: UTF16.self) else {
            throw Refusal(reason: "the document starts as UTF-16 but is not UTF-16 text")
        }
        return Array(string.utf8)
    }
}
