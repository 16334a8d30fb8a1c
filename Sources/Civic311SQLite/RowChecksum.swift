/// A CRC-32C (Castagnoli) over one stored row: its key, every other column and its body.
///
/// Each row's body ends with this checksum (see ``RowSeal``), so a byte changed anywhere in
/// the row, key and indexed columns included, is found when the row is read. A row moved to
/// another key (a damaged ticket or sequence number) no longer matches either, because the key
/// is part of the sum. CRC-32C finds every change of up to three bits in a row and every burst
/// of up to 32 bits; any other damage goes unnoticed with a chance of one in 2³².
///
/// Values go in by type, each in a fixed form: integers as 8 little-endian bytes, text as its
/// byte count then its UTF-8 bytes, a missing text as the count −1. The same values must go in,
/// in the same order, when a row is written and when it is read.
struct RowChecksum {
    private var state: UInt32 = 0xFFFF_FFFF

    /// The checksum of everything added so far.
    var value: UInt32 { ~state }

    /// A checksum that starts with `tag`, the kind of row (one per table).
    init(tag: UInt8) {
        add(byte: tag)
    }

    mutating func add(byte: UInt8) {
        state = Self.table.withUnsafeBufferPointer { table in
            table[Int((state ^ UInt32(byte)) & 0xff)] ^ (state >> 8)
        }
    }

    mutating func add(_ value: Int64) {
        withUnsafeBytes(of: value.littleEndian) { add($0) }
    }

    mutating func add(_ value: Int) {
        add(Int64(value))
    }

    mutating func add(_ text: String) {
        var text = text
        text.withUTF8 { utf8 in
            add(Int64(utf8.count))
            add(UnsafeRawBufferPointer(utf8))
        }
    }

    mutating func add(_ text: String?) {
        if let text { add(text) } else { add(Int64(-1)) }
    }

    /// Adds `bytes`, eight at a time (slicing-by-8), then one at a time.
    mutating func add(_ bytes: UnsafeRawBufferPointer) {
        var crc = state
        Self.table.withUnsafeBufferPointer { table in
            var index = 0
            let count = bytes.count
            while count - index >= 8 {
                let low = crc ^ UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: index, as: UInt32.self))
                let high = UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: index + 4, as: UInt32.self))
                crc =
                    table[7 * 256 + Int(low & 0xff)] ^ table[6 * 256 + Int((low >> 8) & 0xff)]
                    ^ table[5 * 256 + Int((low >> 16) & 0xff)] ^ table[4 * 256 + Int(low >> 24)]
                    ^ table[3 * 256 + Int(high & 0xff)] ^ table[2 * 256 + Int((high >> 8) & 0xff)]
                    ^ table[256 + Int((high >> 16) & 0xff)] ^ table[Int(high >> 24)]
                index += 8
            }
            while index < count {
                crc = table[Int((crc ^ UInt32(bytes[index])) & 0xff)] ^ (crc >> 8)
                index += 1
            }
        }
        state = crc
    }

    /// Eight tables of 256 entries: entry `b` of table `k` is the CRC of byte `b` followed by
    /// `k` zero bytes (reflected polynomial 0x82F63B78).
    private static let table: [UInt32] = {
        var table = [UInt32](repeating: 0, count: 8 * 256)
        for byte in 0..<256 {
            var crc = UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0x82F6_3B78 : crc >> 1 }
            table[byte] = crc
        }
        for slice in 1..<8 {
            for byte in 0..<256 {
                let previous = table[(slice - 1) * 256 + byte]
                table[slice * 256 + byte] = (previous >> 8) ^ table[Int(previous & 0xff)]
            }
        }
        return table
    }()
}
