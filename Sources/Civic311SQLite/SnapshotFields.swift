import Civic311
import Foundation

/// Every stored field of a request snapshot, read from its row.
///
/// `ServiceRequest` has no public memberwise initialiser, only its `Decodable` one, so
/// ``request()`` runs that initialiser over these fields through a minimal `Decoder`. Lookups go
/// by key name: when the domain type asks for a field not listed here, the snapshot is reported
/// stale and the store folds the events instead, so a snapshot is never silently incomplete.
struct SnapshotFields {
    let ticket: TicketNumber
    let opening: RequestOpening
    let createdAt: Date
    let priority: Priority
    let department: DepartmentID
    let queue: String?
    let state: RequestState
    let closure: Closure?
    let firstRespondedAt: Date?
    let resolvedAt: Date?
    let closedAt: Date?
    let updatedAt: Date
    let notes: [RequestNote]
    let externalReferences: [ExternalReference]
    let links: [RequestLink]
    let holdStartedAt: Date?
    let holds: [DateInterval]
    let escalations: [String]
    let reopenCount: Int
    let returnCount: Int
    let version: Int
    /// Absent from snapshots of requests without merged duplicates (and from older snapshots).
    let restatedServiceLevel: ServiceLevelCommitment?

    /// One field's value; `nil` inside `.present` never occurs (absent optionals are `.absent`).
    enum Field {
        case present(Any)
        case absent
        case unknown
    }

    func field(_ name: String) -> Field {
        switch name {
        case "ticket": .present(ticket)
        case "opening": .present(opening)
        case "createdAt": .present(createdAt)
        case "priority": .present(priority)
        case "department": .present(department)
        case "queue": Self.optional(queue)
        case "state": .present(state)
        case "closure": Self.optional(closure)
        case "firstRespondedAt": Self.optional(firstRespondedAt)
        case "resolvedAt": Self.optional(resolvedAt)
        case "closedAt": Self.optional(closedAt)
        case "updatedAt": .present(updatedAt)
        case "notes": .present(notes)
        case "externalReferences": .present(externalReferences)
        case "links": .present(links)
        case "holdStartedAt": Self.optional(holdStartedAt)
        case "holds": .present(holds)
        case "escalations": .present(escalations)
        case "restatedServiceLevel": Self.optional(restatedServiceLevel)
        case "reopenCount": .present(reopenCount)
        case "returnCount": .present(returnCount)
        case "version": .present(version)
        default: .unknown
        }
    }

    private static func optional<Value>(_ value: Value?) -> Field {
        value.map { .present($0) } ?? .absent
    }

    /// The request these fields describe, or `nil` when `ServiceRequest` needs a field they lack
    /// (an older snapshot: the caller folds the events instead).
    ///
    /// - Throws: `RowFormatError` when the fields are all there but describe a request the fold
    ///   cannot produce (a version past `Int.max - 1`, more reopenings than events): that is
    ///   damage, never a reason to fold quietly.
    func request() throws(RowFormatError) -> ServiceRequest? {
        let decoder = SnapshotDecoder(fields: self)
        let request: ServiceRequest
        do {
            request = try ServiceRequest(from: decoder)
        } catch DecodingError.dataCorrupted(let context) {
            throw RowFormatError(context.debugDescription)
        } catch {
            return nil
        }
        return decoder.sawUnknownField ? nil : request
    }
}

/// Serves ``SnapshotFields`` to a `Decodable` initialiser. Single-use and local to one call, so it
/// is a class only to let the containers report unknown fields back.
private final class SnapshotDecoder: Decoder {
    let fields: SnapshotFields
    var sawUnknownField = false
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    init(fields: SnapshotFields) { self.fields = fields }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        KeyedDecodingContainer(FieldContainer<Key>(decoder: self))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        throw DecodingError.typeMismatch([Any].self, .init(codingPath: [], debugDescription: "a snapshot is keyed"))
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        throw DecodingError.typeMismatch(Any.self, .init(codingPath: [], debugDescription: "a snapshot is keyed"))
    }
}

private struct FieldContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let decoder: SnapshotDecoder
    var codingPath: [any CodingKey] { [] }
    var allKeys: [Key] { [] }

    private func field(_ key: Key) -> SnapshotFields.Field {
        let field = decoder.fields.field(key.stringValue)
        if case .unknown = field { decoder.sawUnknownField = true }
        return field
    }

    func contains(_ key: Key) -> Bool {
        if case .present = field(key) { return true }
        return false
    }

    func decodeNil(forKey key: Key) throws -> Bool {
        if case .present = field(key) { return false }
        return true
    }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        guard case .present(let value) = field(key) else {
            throw DecodingError.keyNotFound(key, .init(codingPath: [], debugDescription: "not in the snapshot"))
        }
        guard let typed = value as? T else {
            throw DecodingError.typeMismatch(T.self, .init(codingPath: [key], debugDescription: "snapshot field type"))
        }
        return typed
    }

    func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
        switch field(key) {
        case .present: try decode(type, forKey: key)
        case .absent, .unknown: nil
        }
    }

    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try decodeValue(type, key) }
    func decode(_ type: String.Type, forKey key: Key) throws -> String { try decodeValue(type, key) }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try decodeValue(type, key) }
    func decode(_ type: Float.Type, forKey key: Key) throws -> Float { try decodeValue(type, key) }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try decodeValue(type, key) }
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try decodeValue(type, key) }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try decodeValue(type, key) }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try decodeValue(type, key) }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try decodeValue(type, key) }
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try decodeValue(type, key) }
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try decodeValue(type, key) }
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try decodeValue(type, key) }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try decodeValue(type, key) }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try decodeValue(type, key) }

    private func decodeValue<T: Decodable>(_ type: T.Type, _ key: Key) throws -> T {
        try decode(type, forKey: key)
    }

    func nestedContainer<NestedKey: CodingKey>(
        keyedBy type: NestedKey.Type,
        forKey key: Key
    ) throws -> KeyedDecodingContainer<NestedKey> {
        decoder.sawUnknownField = true
        throw DecodingError.keyNotFound(key, .init(codingPath: [], debugDescription: "snapshot fields are flat"))
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        decoder.sawUnknownField = true
        throw DecodingError.keyNotFound(key, .init(codingPath: [], debugDescription: "snapshot fields are flat"))
    }

    func superDecoder() throws -> any Decoder {
        decoder.sawUnknownField = true
        return decoder
    }

    func superDecoder(forKey key: Key) throws -> any Decoder {
        decoder.sawUnknownField = true
        return decoder
    }
}
