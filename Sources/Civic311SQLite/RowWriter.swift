import Foundation

/// Writes the compact binary form the store keeps contacts, events and snapshots in.
///
/// The form is positional and versioned by a leading format byte (see ``RowFormat``). It exists
/// because JSON costs 30–40 µs to encode or decode one event or request (measured), several times
/// the cost of the SQLite insert itself; this form costs about a microsecond.
///
/// - Integers: LEB128 varints, signed ones zigzag-encoded first.
/// - Dates: signed whole milliseconds since 1970, the precision every store keeps.
/// - Doubles: the 8 bytes of the IEEE bit pattern, little-endian, so every value round-trips.
/// - Strings: a varint byte count, then UTF-8.
/// - Optionals: a 0 or 1 byte, then the value when 1. Arrays: a varint count, then the elements.
struct RowWriter {
    private(set) var bytes: [UInt8]

    init(format: UInt8, capacity: Int = 256) {
        bytes = []
        bytes.reserveCapacity(capacity)
        bytes.append(format)
    }

    mutating func write(byte: UInt8) {
        bytes.append(byte)
    }

    mutating func write(varint value: UInt64) {
        var value = value
        while value >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: value) | 0x80)
            value >>= 7
        }
        bytes.append(UInt8(value))
    }

    mutating func write(_ value: Int64) {
        write(varint: UInt64(bitPattern: (value << 1) ^ (value >> 63)))
    }

    mutating func write(_ value: Int) {
        write(Int64(value))
    }

    mutating func write(_ value: Bool) {
        bytes.append(value ? 1 : 0)
    }

    mutating func write(_ value: Double) {
        var bits = value.bitPattern
        for _ in 0..<8 {
            bytes.append(UInt8(truncatingIfNeeded: bits))
            bits >>= 8
        }
    }

    mutating func write(_ value: String) {
        let utf8 = value.utf8
        write(varint: UInt64(utf8.count))
        bytes.append(contentsOf: utf8)
    }

    mutating func write(_ value: Date) {
        write(value.storedMilliseconds)
    }

    /// Writes an enumeration by its raw string, so reordering cases never changes stored rows.
    mutating func write<Value: RawRepresentable<String>>(raw value: Value) {
        write(value.rawValue)
    }

    mutating func write<Value>(optional value: Value?, _ element: (inout RowWriter, Value) -> Void) {
        if let value {
            bytes.append(1)
            element(&self, value)
        } else {
            bytes.append(0)
        }
    }

    mutating func write<Value>(array values: [Value], _ element: (inout RowWriter, Value) -> Void) {
        write(varint: UInt64(values.count))
        for value in values { element(&self, value) }
    }
}
