import Civic311
import Foundation

/// The stored form of contacts, events and request snapshots: their JSON, from the core types'
/// own `Codable` conformances, in a `text` column.
///
/// JSON keeps every string exactly (NUL included, escaped) and every `Date` exactly (its
/// `Double` is written in its shortest exact form). The SQLite store's binary row format is
/// internal to that module; sharing it would mean moving it out, so this store uses the format
/// the core types already define. A body that does not decode, or names another ticket than its
/// row, is reported as `StorageError.Code.corrupted`.
enum StoredBody {
    static func encode<Value: Encodable>(_ value: Value) throws(StorageError) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        do {
            let data = try encoder.encode(value)
            return String(decoding: data, as: UTF8.self)
        } catch {
            throw StorageError(.invalidHistory, reason: "the value could not be encoded: \(error)")
        }
    }

    static func decode<Value: Decodable>(
        _ type: Value.Type,
        from text: String?,
        ticket: TicketNumber?,
        what: String
    ) throws(StorageError) -> Value {
        guard let text else {
            throw StorageError(.corrupted, ticket: ticket, reason: "the stored \(what) is missing")
        }
        do {
            return try JSONDecoder().decode(type, from: Data(text.utf8))
        } catch {
            throw StorageError(.corrupted, ticket: ticket, reason: "the stored \(what) does not decode: \(error)")
        }
    }

    /// The ticket stored in a `bigint` column.
    static func ticket(_ text: String?) throws(StorageError) -> TicketNumber {
        guard let text, let value = UInt64(text), value < 100_000_000_000_000 else {
            throw StorageError(.corrupted, reason: "a stored ticket is not a ticket payload: \(text ?? "NULL")")
        }
        return TicketNumber(uncheckedPayload: value)
    }

    /// A `Date` as the text of its `double precision` column: seconds since 2001, in the
    /// shortest form that reads back exactly.
    static func date(_ date: Date) -> String {
        date.timeIntervalSinceReferenceDate.description
    }
}
