import Foundation

/// Reads the form ``RowWriter`` writes, checking every length and tag: a damaged row gives a
/// ``RowFormatError``, never a crash or a silently wrong value.
/// Only valid while the buffer it reads is: use it inside the closure that lends the bytes.
struct RowReader {
    private let bytes: UnsafeRawBufferPointer
    private var offset: Int

    /// The row's format byte.
    let format: UInt8

    /// Reads `bytes`, which must start with a format byte this library knows.
    init(_ bytes: UnsafeRawBufferPointer, expecting format: UInt8) throws(RowFormatError) {
        try self.init(bytes, accepting: format...format)
    }

    /// Reads `bytes`, which must start with one of the format bytes `formats`.
    init(_ bytes: UnsafeRawBufferPointer, accepting formats: ClosedRange<UInt8>) throws(RowFormatError) {
        self.bytes = bytes
        offset = 0
        guard let first = bytes.first else { throw RowFormatError("the row is empty") }
        guard formats.contains(first) else {
            throw RowFormatError(
                "row format \(first), expected \(formats.upperBound)",
                kind: first > formats.upperBound ? .newer : .malformed
            )
        }
        format = first
        offset = 1
    }

    var isAtEnd: Bool { offset == bytes.count }

    /// Throws unless every byte was read: trailing bytes mean the row is not what it claims.
    func finish() throws(RowFormatError) {
        guard isAtEnd else { throw RowFormatError("\(bytes.count - offset) unexpected bytes after the row") }
    }

    mutating func readByte() throws(RowFormatError) -> UInt8 {
        guard offset < bytes.count else { throw RowFormatError("the row ends early") }
        defer { offset += 1 }
        return bytes[offset]
    }

    mutating func readVarint() throws(RowFormatError) -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let byte = try readByte()
            guard shift < 64, shift < 63 || byte <= 1 else { throw RowFormatError("an integer is too long") }
            result |= UInt64(byte & 0x7f) << shift
            if byte < 0x80 { return result }
            shift += 7
        }
    }

    mutating func readInt64() throws(RowFormatError) -> Int64 {
        let raw = try readVarint()
        return Int64(bitPattern: (raw >> 1) ^ (0 &- (raw & 1)))
    }

    mutating func readInt() throws(RowFormatError) -> Int {
        let value = try readInt64()
        guard let int = Int(exactly: value) else { throw RowFormatError("integer \(value) out of range") }
        return int
    }

    /// A count of elements or bytes: never more than the bytes left, so a damaged count cannot
    /// make the reader reserve huge arrays.
    mutating func readCount() throws(RowFormatError) -> Int {
        let count = try readVarint()
        guard count <= UInt64(bytes.count - offset) else {
            throw RowFormatError("a length of \(count) runs past the row")
        }
        return Int(count)
    }

    mutating func readBool() throws(RowFormatError) -> Bool {
        switch try readByte() {
        case 0: false
        case 1: true
        case let other: throw RowFormatError("\(other) is not a boolean")
        }
    }

    mutating func readDouble() throws(RowFormatError) -> Double {
        guard bytes.count - offset >= 8 else { throw RowFormatError("the row ends inside a number") }
        var bits: UInt64 = 0
        for index in (0..<8).reversed() { bits = bits << 8 | UInt64(bytes[offset + index]) }
        offset += 8
        return Double(bitPattern: bits)
    }

    mutating func readString() throws(RowFormatError) -> String {
        let count = try readCount()
        let slice = UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + count])
        offset += count
        // Decoding is specialised and fast but repairs invalid UTF-8 instead of refusing it, so
        // the text must come out byte for byte as stored. (`String(validating:as:)` is generic at
        // run time, and was most of the cost of reading a request's opening.)
        var string = slice.withMemoryRebound(to: UInt8.self) { String(decoding: $0, as: UTF8.self) }
        let unchanged = string.withUTF8 { utf8 in
            guard utf8.count == count else { return false }
            // Both are empty when either has no address.
            guard let decoded = utf8.baseAddress, let stored = slice.baseAddress else { return true }
            return memcmp(decoded, stored, count) == 0
        }
        guard unchanged else { throw RowFormatError("a text is not valid UTF-8") }
        return string
    }

    mutating func readDate() throws(RowFormatError) -> Date {
        Date(storedMilliseconds: try readInt64())
    }

    mutating func read<Value: RawRepresentable<String>>(raw type: Value.Type) throws(RowFormatError) -> Value {
        let raw = try readString()
        guard let value = Value(rawValue: raw) else { throw RowFormatError("'\(raw)' is not a \(Value.self)") }
        return value
    }

    mutating func readTag(below count: UInt8, of what: String) throws(RowFormatError) -> UInt8 {
        let tag = try readByte()
        guard tag < count else { throw RowFormatError("unknown \(what) tag \(tag)") }
        return tag
    }

    mutating func readOptional<Value>(
        _ element: (inout RowReader) throws(RowFormatError) -> Value
    ) throws(RowFormatError) -> Value? {
        try readBool() ? try element(&self) : nil
    }

    mutating func readArray<Value>(
        _ element: (inout RowReader) throws(RowFormatError) -> Value
    ) throws(RowFormatError) -> [Value] {
        let count = try readCount()
        var values: [Value] = []
        values.reserveCapacity(count)
        for _ in 0..<count { values.append(try element(&self)) }
        return values
    }
}

/// A stored row could not be read.
package struct RowFormatError: Error {
    /// Why a row could not be read.
    package enum Kind {
        /// The bytes are damaged.
        case malformed
        /// The row was written by a newer library.
        case newer
    }

    package let kind: Kind
    package let reason: String

    init(_ reason: String, kind: Kind = .malformed) {
        self.kind = kind
        self.reason = reason
    }
}
