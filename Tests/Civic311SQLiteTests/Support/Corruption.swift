@_spi(Benchmarks) import Civic311
import Foundation

/// One random damage to a copy of a store file, described so that a failure can be replayed.
enum Corruption: CustomStringConvertible {
    /// One byte changed (XORed with `mask`).
    case byte(offset: Int, mask: UInt8)
    /// A run of bytes overwritten with noise.
    case run(offset: Int, length: Int)
    /// A whole page overwritten with noise, or with zeros.
    case page(index: Int, zeros: Bool)
    /// A page written over another (a misdirected write).
    case misdirected(from: Int, to: Int)
    /// The file cut short after `pages` pages.
    case truncated(pages: Int)
    /// One stored field changed through SQL: pages, indexes and SQLite's own check stay sound.
    case field(table: String, column: String, row: String, change: String)

    static let pageSize = 4096

    var description: String {
        switch self {
        case .byte(let offset, let mask): "byte at \(offset) XOR \(mask)"
        case .run(let offset, let length): "\(length) bytes of noise at \(offset)"
        case .page(let index, let zeros): "page \(index + 1) overwritten with \(zeros ? "zeros" : "noise")"
        case .misdirected(let from, let to): "page \(from + 1) written over page \(to + 1)"
        case .truncated(let pages): "file cut after \(pages) pages"
        case .field(let table, let column, let row, let change): "\(table).\(column) of \(row): \(change)"
        }
    }

    /// Writes `pristine` to `path` with one random damage, and returns it.
    static func inject(into pristine: Data, at path: String, using random: inout SplitMix64) throws -> Corruption {
        var bytes = [UInt8](pristine)
        let pages = bytes.count / pageSize
        let corruption: Corruption
        switch random.next() % 12 {
        case 0..<4:
            corruption = .byte(offset: Int(random.next() % UInt64(bytes.count)), mask: UInt8(1 + random.next() % 255))
        case 4, 5:
            let length = 2 + Int(random.next() % 31)
            corruption = .run(offset: Int(random.next() % UInt64(bytes.count - length)), length: length)
        case 6:
            corruption = .page(index: Int(random.next() % UInt64(pages)), zeros: random.next() % 2 == 0)
        case 7:
            let from = Int(random.next() % UInt64(pages))
            var to = Int(random.next() % UInt64(pages))
            if to == from { to = (to + 1) % pages }
            corruption = .misdirected(from: from, to: to)
        case 8:
            corruption = .truncated(pages: 1 + Int(random.next() % UInt64(pages - 1)))
        default:
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            return try changeField(at: path, using: &random)
        }
        switch corruption {
        case .byte(let offset, let mask):
            bytes[offset] ^= mask
        case .run(let offset, let length):
            for index in offset..<offset + length { bytes[index] = UInt8(truncatingIfNeeded: random.next()) }
        case .page(let index, let zeros):
            for offset in index * pageSize..<(index + 1) * pageSize {
                bytes[offset] = zeros ? 0 : UInt8(truncatingIfNeeded: random.next())
            }
        case .misdirected(let from, let to):
            bytes.replaceSubrange(
                to * pageSize..<(to + 1) * pageSize,
                with: bytes[from * pageSize..<(from + 1) * pageSize]
            )
        case .truncated(let pages):
            bytes.removeSubrange((pages * pageSize)...)
        case .field:
            break
        }
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return corruption
    }

    /// Changes one field of one row to another value of its type: a neighbouring integer, a valid
    /// text from elsewhere in the store, a body with one byte changed or another row's body.
    private static func changeField(at path: String, using random: inout SplitMix64) throws -> Corruption {
        let database = try RawDatabase(path)
        defer { database.close() }
        let columns: [(table: String, key: String, column: String)] = [
            ("contact", "ticket", "channel"), ("contact", "ticket", "category"), ("contact", "ticket", "received_at"),
            ("contact", "ticket", "body"), ("contact", "ticket", "ticket"),
            ("request", "ticket", "version"), ("request", "ticket", "state"), ("request", "ticket", "department"),
            ("request", "ticket", "service_type"), ("request", "ticket", "created_at"), ("request", "ticket", "due_at"),
            ("request", "ticket", "client_request_id"), ("request", "ticket", "client_scope"),
            ("request", "ticket", "snapshot"),
            ("request", "ticket", "ticket"),
            ("event", "ticket || ':' || sequence", "body"), ("event", "ticket || ':' || sequence", "sequence"),
            ("event", "ticket || ':' || sequence", "ticket"),
        ]
        while true {
            let (table, key, column) = columns[Int(random.next() % UInt64(columns.count))]
            let rows = try database.rows("SELECT \(key), quote(\(column)), typeof(\(column)) FROM \(table) ORDER BY 1")
            let row = rows[Int(random.next() % UInt64(rows.count))]
            let (rowKey, current, type) = (row[0], row[1], row[2])
            let filter =
                table == "event"
                ? "ticket = \(rowKey.split(separator: ":")[0]) AND sequence = \(rowKey.split(separator: ":")[1])"
                : "ticket = \(rowKey)"
            let change: String
            switch type {
            case "integer":
                let value = Int64(current) ?? 0
                let delta = Int64(1 + random.next() % 3) * (random.next() % 2 == 0 ? 1 : -1)
                let changed = random.next() % 4 == 0 ? Int64(bitPattern: random.next() >> 1) : value &+ delta
                change = "\(current) → \(changed)"
                guard (try? database.execute("UPDATE \(table) SET \(column) = \(changed) WHERE \(filter)")) != nil
                else {
                    continue  // a key that would collide with another row's
                }
            case "text", "null":
                // Another value this column holds elsewhere (or NULL, where allowed).
                let values =
                    try database.rows("SELECT DISTINCT quote(\(column)) FROM \(table)").map { $0[0] } + ["NULL"]
                let others = values.filter { $0 != current }
                guard !others.isEmpty else { continue }
                let changed = others[Int(random.next() % UInt64(others.count))]
                change = "\(current) → \(changed)"
                guard (try? database.execute("UPDATE \(table) SET \(column) = \(changed) WHERE \(filter)")) != nil
                else {
                    continue  // NOT NULL, or a unique client request ID
                }
            default:
                var body = try database.blob("SELECT \(column) FROM \(table) WHERE \(filter)") ?? []
                guard !body.isEmpty else { continue }
                if random.next() % 3 == 0 {
                    let others = try database.rows("SELECT \(key) FROM \(table) WHERE NOT (\(filter))")
                    guard let other = others.isEmpty ? nil : others[Int(random.next() % UInt64(others.count))][0] else {
                        continue
                    }
                    let otherFilter =
                        table == "event"
                        ? "ticket = \(other.split(separator: ":")[0]) AND sequence = \(other.split(separator: ":")[1])"
                        : "ticket = \(other)"
                    body = try database.blob("SELECT \(column) FROM \(table) WHERE \(otherFilter)") ?? []
                    change = "the \(column) of \(other)"
                } else {
                    let offset = Int(random.next() % UInt64(body.count))
                    let mask = UInt8(1 + random.next() % 255)
                    body[offset] ^= mask
                    change = "byte \(offset) XOR \(mask)"
                }
                try database.execute("UPDATE \(table) SET \(column) = ?1 WHERE \(filter)", binding: body)
            }
            return .field(table: table, column: column, row: rowKey, change: change)
        }
    }
}
