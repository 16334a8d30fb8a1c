import Foundation

/// Writes GeoReport JSON into a byte buffer.
struct JSONSink: GeoReportSink {
    private(set) var bytes: [UInt8] = []
    /// Whether the next value in the current object or array needs a comma before it.
    private var needsComma = false

    init(reservingCapacity: Int) { bytes.reserveCapacity(reservingCapacity) }

    mutating func beginDocumentList(_ container: GeoReportKey) { open(UInt8(ascii: "[")) }
    mutating func endDocumentList(_ container: GeoReportKey) { close(UInt8(ascii: "]")) }
    mutating func beginDocumentObject(_ root: GeoReportKey) { open(UInt8(ascii: "{")) }
    mutating func endDocumentObject(_ root: GeoReportKey) { close(UInt8(ascii: "}")) }

    mutating func beginItem(_ item: GeoReportKey) {
        separate()
        open(UInt8(ascii: "{"))
    }

    mutating func endItem(_ item: GeoReportKey) { close(UInt8(ascii: "}")) }
    mutating func endDocumentItem(_ item: GeoReportKey) { endItem(item) }

    mutating func beginListField(_ name: GeoReportKey) {
        key(name)
        open(UInt8(ascii: "["))
    }

    mutating func endListField(_ name: GeoReportKey) { close(UInt8(ascii: "]")) }

    mutating func beginObjectField(_ name: GeoReportKey) {
        key(name)
        open(UInt8(ascii: "{"))
    }

    mutating func endObjectField(_ name: GeoReportKey) { close(UInt8(ascii: "}")) }

    mutating func text(_ name: GeoReportKey, _ value: String?) {
        key(name)
        if let value { string(value) } else { null() }
    }

    mutating func textItem(_ item: GeoReportKey, _ value: String) {
        separate()
        string(value)
    }

    mutating func number(_ name: GeoReportKey, _ value: Double?) {
        key(name)
        if let value, value.isFinite { GeoReportNumberText.append(value, to: &bytes) } else { null() }
    }

    mutating func integer(_ name: GeoReportKey, _ value: Int) {
        key(name)
        bytes.append(contentsOf: String(value).utf8)
    }

    mutating func bool(_ name: GeoReportKey, _ value: Bool) {
        key(name)
        bytes.append(contentsOf: value ? Self.trueBytes : Self.falseBytes)
    }

    mutating func date(_ name: GeoReportKey, _ value: Date?) {
        key(name)
        guard let value else { return null() }
        bytes.append(UInt8(ascii: "\""))
        GeoReportDateTime.append(value, to: &bytes)
        bytes.append(UInt8(ascii: "\""))
    }

    /// A number field written from a numeric code (an error's `code`).
    mutating func rawNumber(_ name: GeoReportKey, _ literal: String) {
        key(name)
        bytes.append(contentsOf: literal.utf8)
    }

    // MARK: Pieces

    private static let trueBytes = Array("true".utf8)
    private static let falseBytes = Array("false".utf8)
    private static let nullBytes = Array("null".utf8)

    private mutating func separate() {
        if needsComma { bytes.append(UInt8(ascii: ",")) }
        needsComma = true
    }

    private mutating func open(_ bracket: UInt8) {
        bytes.append(bracket)
        needsComma = false
    }

    private mutating func close(_ bracket: UInt8) {
        bytes.append(bracket)
        needsComma = true
    }

    private mutating func key(_ name: GeoReportKey) {
        separate()
        bytes.append(contentsOf: GeoReportKeyBytes.jsonFieldPrefixes[name.rawValue])
    }

    private mutating func null() { bytes.append(contentsOf: Self.nullBytes) }

    /// A string literal: quotes, backslashes and control characters escaped, everything else as
    /// UTF-8.
    mutating func string(_ value: String) {
        bytes.append(UInt8(ascii: "\""))
        var value = value
        value.withUTF8 { utf8 in
            var runStart = 0
            for index in 0..<utf8.count {
                let byte = utf8[index]
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index]))
                runStart = index + 1
                bytes.append(UInt8(ascii: "\\"))
                switch byte {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"): bytes.append(byte)
                case 0x0A: bytes.append(UInt8(ascii: "n"))
                case 0x0D: bytes.append(UInt8(ascii: "r"))
                case 0x09: bytes.append(UInt8(ascii: "t"))
                case 0x08: bytes.append(UInt8(ascii: "b"))
                case 0x0C: bytes.append(UInt8(ascii: "f"))
                default:
                    let hex = Array("0123456789abcdef".utf8)
                    bytes.append(contentsOf: [UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0")])
                    bytes.append(hex[Int(byte >> 4)])
                    bytes.append(hex[Int(byte & 0x0F)])
                }
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<utf8.count]))
        }
        bytes.append(UInt8(ascii: "\""))
    }
}
