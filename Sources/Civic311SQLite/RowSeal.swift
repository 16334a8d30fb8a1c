/// The checksum trailer that ends every stored body (schema version 3 on).
///
/// A sealed body is the row's payload (its format byte and fields, see ``RowFormat``) followed
/// by four bytes: the ``RowChecksum`` of the row's other columns and the payload, little-endian.
/// The trailer lives in the body rather than in a column of its own so that reading a request
/// with its opening event stays one lookup per row.
enum RowSeal {
    static let trailerSize = 4

    /// `payload` followed by the checksum of `columns` (the row's other stored values) and
    /// `payload`.
    static func seal(_ payload: [UInt8], columns: RowChecksum) -> [UInt8] {
        var checksum = columns
        payload.withUnsafeBytes { checksum.add($0) }
        var sealed = payload
        sealed.reserveCapacity(payload.count + trailerSize)
        withUnsafeBytes(of: checksum.value.littleEndian) { sealed.append(contentsOf: $0) }
        return sealed
    }

    /// The payload of the sealed `bytes`, or `nil` when their trailer does not match `columns`
    /// and the payload: the row was damaged after it was written.
    static func payload(of bytes: UnsafeRawBufferPointer, columns: RowChecksum) -> UnsafeRawBufferPointer? {
        guard bytes.count > trailerSize else { return nil }
        let payload = UnsafeRawBufferPointer(rebasing: bytes[..<(bytes.count - trailerSize)])
        var checksum = columns
        checksum.add(payload)
        let stored = UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: payload.count, as: UInt32.self))
        return stored == checksum.value ? payload : nil
    }

    /// What an event row's checksum covers besides its body: its ticket and sequence number.
    static func event(ticket: Int64, sequence: Int64) -> RowChecksum {
        var checksum = RowChecksum(tag: UInt8(ascii: "E"))
        checksum.add(ticket)
        checksum.add(sequence)
        return checksum
    }
}
