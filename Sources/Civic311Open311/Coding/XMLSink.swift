import Foundation

/// Writes GeoReport XML into a byte buffer: UTF-8, no namespace, no white space between elements.
struct XMLSink: GeoReportSink {
    private(set) var bytes: [UInt8] = []

    init(reservingCapacity: Int) { bytes.reserveCapacity(reservingCapacity) }

    private static let declaration = Array("<?xml version=\"1.0\" encoding=\"utf-8\"?>".utf8)

    mutating func beginDocumentList(_ container: GeoReportKey) {
        bytes.append(contentsOf: Self.declaration)
        openTag(container)
    }

    mutating func endDocumentList(_ container: GeoReportKey) { closeTag(container) }

    mutating func beginDocumentObject(_ root: GeoReportKey) {
        bytes.append(contentsOf: Self.declaration)
        openTag(root)
    }

    mutating func endDocumentObject(_ root: GeoReportKey) { closeTag(root) }
    mutating func beginItem(_ item: GeoReportKey) { openTag(item) }
    mutating func endItem(_ item: GeoReportKey) { closeTag(item) }

    mutating func endDocumentItem(_ item: GeoReportKey) {
        closeTag(item)
        // One line per item: libxml2, which many clients read XML with, refuses a line longer
        // than ten million bytes, which a list of 20,000 requests on one line would be.
        bytes.append(0x0A)
    }
    mutating func beginListField(_ name: GeoReportKey) { openTag(name) }
    mutating func endListField(_ name: GeoReportKey) { closeTag(name) }
    mutating func beginObjectField(_ name: GeoReportKey) { openTag(name) }
    mutating func endObjectField(_ name: GeoReportKey) { closeTag(name) }

    mutating func text(_ name: GeoReportKey, _ value: String?) {
        guard let value, !value.isEmpty else { return emptyTag(name) }
        openTag(name)
        escaped(value)
        closeTag(name)
    }

    mutating func textItem(_ item: GeoReportKey, _ value: String) { text(item, value) }

    mutating func number(_ name: GeoReportKey, _ value: Double?) {
        guard let value, value.isFinite else { return emptyTag(name) }
        openTag(name)
        GeoReportNumberText.append(value, to: &bytes)
        closeTag(name)
    }

    mutating func integer(_ name: GeoReportKey, _ value: Int) {
        openTag(name)
        bytes.append(contentsOf: String(value).utf8)
        closeTag(name)
    }

    mutating func bool(_ name: GeoReportKey, _ value: Bool) {
        openTag(name)
        bytes.append(contentsOf: value ? Self.trueBytes : Self.falseBytes)
        closeTag(name)
    }

    mutating func date(_ name: GeoReportKey, _ value: Date?) {
        guard let value else { return emptyTag(name) }
        openTag(name)
        GeoReportDateTime.append(value, to: &bytes)
        closeTag(name)
    }

    private static let trueBytes = Array("true".utf8)
    private static let falseBytes = Array("false".utf8)

    private mutating func openTag(_ name: GeoReportKey) {
        bytes.append(contentsOf: GeoReportKeyBytes.xmlOpenTags[name.rawValue])
    }

    private mutating func closeTag(_ name: GeoReportKey) {
        bytes.append(contentsOf: GeoReportKeyBytes.xmlCloseTags[name.rawValue])
    }

    private mutating func emptyTag(_ name: GeoReportKey) {
        bytes.append(contentsOf: GeoReportKeyBytes.xmlEmptyTags[name.rawValue])
    }

    /// Character data: markup characters as entities, a carriage return as `&#13;` (a parser
    /// would otherwise turn it into a line feed), and the characters XML 1.0 cannot carry at all
    /// (C0 controls but tab and line breaks, U+FFFE, U+FFFF) as U+FFFD.
    mutating func escaped(_ value: String) {
        var value = value
        value.withUTF8 { utf8 in
            var runStart = 0
            var index = 0
            while index < utf8.count {
                let byte = utf8[index]
                let replacement: [UInt8]?
                var width = 1
                switch byte {
                case UInt8(ascii: "&"): replacement = Self.ampersand
                case UInt8(ascii: "<"): replacement = Self.lessThan
                case UInt8(ascii: ">"): replacement = Self.greaterThan
                case 0x0D: replacement = Self.carriageReturn
                case 0x09, 0x0A: replacement = nil
                case 0..<0x20: replacement = Self.replacementCharacter
                case 0xEF where index + 2 < utf8.count && utf8[index + 1] == 0xBF && utf8[index + 2] >= 0xBE:
                    replacement = Self.replacementCharacter
                    width = 3
                default: replacement = nil
                }
                if let replacement {
                    bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index]))
                    bytes.append(contentsOf: replacement)
                    runStart = index + width
                }
                index += width
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<utf8.count]))
        }
    }

    private static let ampersand = Array("&amp;".utf8)
    private static let lessThan = Array("&lt;".utf8)
    private static let greaterThan = Array("&gt;".utf8)
    private static let carriageReturn = Array("&#13;".utf8)
    private static let replacementCharacter = Array("\u{FFFD}".utf8)
}
