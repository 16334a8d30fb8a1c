import Foundation

/// Reads RFC 4180 CSV one record at a time, in constant memory, over UTF-8 bytes.
///
/// The reader holds one chunk of input (64 KiB by default) plus the record being read, never the
/// whole file. It understands quoted fields, doubled quotes inside them, commas and line breaks
/// inside quotes, CRLF and LF line ends and a UTF-8 byte-order mark, and it tells the line on
/// which each record starts (the first line is 1), counting the line breaks inside quoted fields.
///
/// It is lenient where real exports are sloppy and says so where it cannot be: a quote inside an
/// unquoted field is kept as text; text after a closing quote, and a quoted field still open at
/// the end of the input, mark the record ``malformation`` (the record is still returned, so the
/// caller reports it and goes on). Lines that are entirely empty are skipped. A record longer than
/// ``maximumRecordBytes`` throws ``CSVError``, since no later record could be found reliably.
///
/// Fields are read in place: ``field(_:)`` makes a `String`, ``withField(_:_:)`` lends the bytes.
public struct CSVReader {
    /// Where the bytes come from.
    private enum Source {
        case bytes([UInt8], offset: Int)
        case file(FileHandle)
        case finished
    }

    /// Parsing states within a record.
    private enum State {
        case fieldStart, unquoted, quoted, quoteInQuoted
        /// Text after a closing quote: kept, up to the next comma or line break.
        case trailing
    }

    /// The longest record the reader accepts, in bytes.
    public let maximumRecordBytes: Int
    private let chunkSize: Int
    private var source: Source
    private var buffer: [UInt8] = []
    /// Where the next record starts in ``buffer``.
    private var position = 0
    /// The line the next record starts on.
    private var nextLine = 1
    /// Start and end offsets in ``buffer`` of each field of the current record, two per field.
    private var bounds: [Int] = []

    /// The line on which the current record starts.
    public private(set) var line = 0
    /// Why the current record is not well-formed CSV, or `nil`.
    public private(set) var malformation: String?

    /// A reader over bytes already in memory.
    public init(bytes: [UInt8], maximumRecordBytes: Int = 1 << 20) {
        self.maximumRecordBytes = maximumRecordBytes
        chunkSize = 1 << 16
        source = .bytes(bytes, offset: 0)
        skipByteOrderMark()
    }

    /// A reader over a file, read in chunks of `chunkSize` bytes.
    ///
    /// - Throws: ``CSVError`` with code `unreadable` when the file cannot be opened.
    public init(fileAt url: URL, chunkSize: Int = 1 << 16, maximumRecordBytes: Int = 1 << 20) throws(CSVError) {
        self.maximumRecordBytes = maximumRecordBytes
        self.chunkSize = max(1, chunkSize)
        do {
            source = .file(try FileHandle(forReadingFrom: url))
        } catch {
            throw CSVError(.unreadable, line: 0, reason: "cannot open \(url.path): \(error.localizedDescription)")
        }
        skipByteOrderMark()
    }

    /// The number of fields in the current record.
    public var fieldCount: Int { bounds.count / 2 }

    /// Field `index` of the current record as text (invalid UTF-8 is repaired), or `""` past the
    /// last field.
    public func field(_ index: Int) -> String {
        withField(index) { String(decoding: $0, as: UTF8.self) }
    }

    /// Lends the bytes of field `index` of the current record (empty past the last field).
    public func withField<Result>(
        _ index: Int,
        _ body: (UnsafeBufferPointer<UInt8>) throws -> Result
    ) rethrows
        -> Result
    {
        guard index >= 0, index < fieldCount else { return try body(UnsafeBufferPointer(start: nil, count: 0)) }
        let start = bounds[2 * index]
        let end = bounds[2 * index + 1]
        return try buffer.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[start..<end])) }
    }

    /// Every field of the current record as text.
    public var fields: [String] { (0..<fieldCount).map(field) }

    /// Moves to the next record; `false` at the end of the input.
    ///
    /// - Throws: ``CSVError`` when the input cannot be read or a record is longer than
    ///   ``maximumRecordBytes``.
    public mutating func next() throws(CSVError) -> Bool {
        while true {
            guard try parseRecord() else { return false }
            // An empty line is no record.
            if bounds.count == 2, bounds[0] == bounds[1], malformation == nil, !lastRecordWasQuoted { continue }
            return true
        }
    }

    private var lastRecordWasQuoted = false

    /// Parses one record from ``position``, refilling the buffer as needed.
    private mutating func parseRecord() throws(CSVError) -> Bool {
        bounds.removeAll(keepingCapacity: true)
        malformation = nil
        lastRecordWasQuoted = false
        if position >= buffer.count, !(try refill()) { return false }
        line = nextLine
        var state = State.fieldStart
        var fieldStart = position
        var write = position
        var cursor = position
        var lines = 0
        var openedOnLine = line
        while true {
            if cursor >= buffer.count {
                // Keep offsets valid across the refill: they are rebased with the record.
                let base = position
                let filled = try refillKeeping(from: base)
                cursor -= base
                fieldStart -= base
                write -= base
                for index in bounds.indices { bounds[index] -= base }
                position = 0
                if !filled {
                    // The input ended inside the record.
                    switch state {
                    case .quoted:
                        malformation = "a quoted field opened on line \(openedOnLine) is never closed"
                        bounds.append(fieldStart)
                        bounds.append(write)
                    case .quoteInQuoted, .trailing:
                        bounds.append(fieldStart)
                        bounds.append(write)
                    case .fieldStart, .unquoted:
                        bounds.append(fieldStart)
                        bounds.append(cursor)
                    }
                    position = cursor
                    nextLine = line + lines
                    return true
                }
                if cursor - position > maximumRecordBytes {
                    throw CSVError(
                        .recordTooLong,
                        line: line,
                        reason: "the record is longer than \(maximumRecordBytes) bytes"
                    )
                }
            }
            let byte = buffer[cursor]
            switch state {
            case .fieldStart, .unquoted:
                switch byte {
                case UInt8(ascii: ","):
                    bounds.append(fieldStart)
                    bounds.append(cursor)
                    cursor += 1
                    fieldStart = cursor
                    state = .fieldStart
                case UInt8(ascii: "\n"), UInt8(ascii: "\r"):
                    bounds.append(fieldStart)
                    bounds.append(cursor)
                    return try finishLine(at: cursor, lines: lines)
                case UInt8(ascii: "\"") where state == .fieldStart:
                    state = .quoted
                    lastRecordWasQuoted = true
                    openedOnLine = line + lines
                    cursor += 1
                    fieldStart = cursor
                    write = cursor
                default:
                    state = .unquoted
                    cursor += 1
                }
            case .quoted:
                if byte == UInt8(ascii: "\"") {
                    state = .quoteInQuoted
                } else {
                    if byte == UInt8(ascii: "\n") { lines += 1 }
                    buffer[write] = byte
                    write += 1
                }
                cursor += 1
            case .quoteInQuoted:
                switch byte {
                case UInt8(ascii: "\""):
                    // A doubled quote is one quote in the text.
                    buffer[write] = byte
                    write += 1
                    cursor += 1
                    state = .quoted
                case UInt8(ascii: ","):
                    bounds.append(fieldStart)
                    bounds.append(write)
                    cursor += 1
                    fieldStart = cursor
                    state = .fieldStart
                case UInt8(ascii: "\n"), UInt8(ascii: "\r"):
                    bounds.append(fieldStart)
                    bounds.append(write)
                    return try finishLine(at: cursor, lines: lines)
                default:
                    // Text after the closing quote: kept, so nothing is lost, and reported.
                    if malformation == nil {
                        malformation = "text follows the closing quote of field \(bounds.count / 2 + 1)"
                    }
                    state = .trailing
                }
            case .trailing:
                switch byte {
                case UInt8(ascii: ","):
                    bounds.append(fieldStart)
                    bounds.append(write)
                    cursor += 1
                    fieldStart = cursor
                    state = .fieldStart
                case UInt8(ascii: "\n"), UInt8(ascii: "\r"):
                    bounds.append(fieldStart)
                    bounds.append(write)
                    return try finishLine(at: cursor, lines: lines)
                default:
                    buffer[write] = byte
                    write += 1
                    cursor += 1
                }
            }
        }
    }

    /// Ends the record at the line break at `cursor` (LF, CRLF or a lone CR).
    private mutating func finishLine(at cursor: Int, lines: Int) throws(CSVError) -> Bool {
        var next = cursor + 1
        if buffer[cursor] == UInt8(ascii: "\r") {
            // A CR may be the last byte of a chunk: look at the next one before deciding.
            if next >= buffer.count {
                let base = position
                _ = try refillKeeping(from: base)
                for index in bounds.indices { bounds[index] -= base }
                next -= base
                position = 0
            }
            if next < buffer.count, buffer[next] == UInt8(ascii: "\n") { next += 1 }
        }
        position = next
        nextLine = line + lines + 1
        return true
    }

    /// Reads the next chunk after dropping everything before ``position``; `false` at the end.
    private mutating func refill() throws(CSVError) -> Bool {
        let base = position
        let filled = try refillKeeping(from: base)
        position = 0
        return filled
    }

    /// Drops the bytes before `base` and appends the next chunk; `false` when the input is over.
    private mutating func refillKeeping(from base: Int) throws(CSVError) -> Bool {
        if base > 0 { buffer.removeSubrange(0..<base) }
        switch source {
        case .finished:
            return false
        case .bytes(let bytes, let offset):
            guard offset < bytes.count else {
                source = .finished
                return false
            }
            let end = min(bytes.count, offset + chunkSize)
            buffer.append(contentsOf: bytes[offset..<end])
            source = .bytes(bytes, offset: end)
            return true
        case .file(let handle):
            let data: Data?
            do {
                data = try handle.read(upToCount: chunkSize)
            } catch {
                throw CSVError(.unreadable, line: nextLine, reason: "cannot read: \(error.localizedDescription)")
            }
            guard let data, !data.isEmpty else {
                try? handle.close()
                source = .finished
                return false
            }
            buffer.append(contentsOf: data)
            return true
        }
    }

    private mutating func skipByteOrderMark() {
        // Reading the first chunk cannot fail in a way worth reporting here; next() reports it.
        // The mark may span chunks when they are tiny.
        while buffer.count < 3, (try? refillKeeping(from: 0)) == true {}
        if buffer.starts(with: [0xEF, 0xBB, 0xBF]) { position = 3 }
    }
}
