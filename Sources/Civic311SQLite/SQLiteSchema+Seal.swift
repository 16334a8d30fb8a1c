import Civic311

// Schema version 3: every row's body ends with its checksum (see RowSeal).
extension SQLiteSchema {
    /// Rows are read and rewritten a chunk at a time, in ticket order, so that no statement
    /// walks a table while it is being rewritten.
    private static let chunkSize = 1000

    /// Seals every row of a version 2 database with its checksum, and rebuilds the snapshots an
    /// earlier version emptied.
    ///
    /// A row is sealed only after it has been read back whole and found consistent: a contact
    /// whose columns agree with its body; a request whose events run 1…version, fold to its
    /// snapshot and agree with its columns. A row damaged before the upgrade is left as it was,
    /// unsealed, so that from then on it is reported as damaged: no checksum ever vouches for a
    /// row that was not sound.
    static func sealRows(_ connection: SQLiteConnection) throws(StorageError) {
        try sealContacts(connection)
        try sealRequests(connection)
    }

    private static func sealContacts(_ connection: SQLiteConnection) throws(StorageError) {
        var after: Int64 = -1
        while true {
            let chunk = try connection.run(
                "SELECT \(SQL.contactColumns) FROM contact WHERE ticket > ?1 ORDER BY ticket LIMIT \(chunkSize)"
            ) { statement throws(StorageError) in
                statement.bind(after, at: 1)
                var rows: [(columns: ContactColumns, body: [UInt8])] = []
                while try statement.step() {
                    rows.append((ContactColumns(statement, at: 0), statement.withBlob(4) { Array($0) }))
                }
                return rows
            }
            guard let last = chunk.last else { return }
            after = last.columns.ticket
            for row in chunk where isSound(row.columns, row.body) {
                try connection.run("UPDATE contact SET body = ?2 WHERE ticket = ?1") { statement throws(StorageError) in
                    statement.bind(row.columns.ticket, at: 1)
                    statement.bind(RowSeal.seal(row.body, columns: row.columns.checksum), at: 2)
                    try statement.execute()
                }
            }
        }
    }

    private static func isSound(_ columns: ContactColumns, _ body: [UInt8]) -> Bool {
        guard columns.ticket >= 0, let ticket = try? RowReader.ticket(payload: UInt64(columns.ticket)),
            let contact = try? body.withUnsafeBytes({ bytes throws(RowFormatError) in
                try RowFormat.decodeContact(ticket, from: bytes)
            })
        else { return false }
        return ContactColumns(contact) == columns
    }

    private static func sealRequests(_ connection: SQLiteConnection) throws(StorageError) {
        var after: Int64 = -1
        while true {
            let chunk = try connection.run(
                """
                SELECT ticket, version, state, department, service_type, created_at, due_at, client_request_id, snapshot
                FROM request WHERE ticket > ?1 ORDER BY ticket LIMIT \(chunkSize)
                """
            ) { statement throws(StorageError) in
                statement.bind(after, at: 1)
                var rows: [(columns: RequestColumns, snapshot: [UInt8])] = []
                while try statement.step() {
                    rows.append((RequestColumns(statement, at: 0), statement.withBlob(8) { Array($0) }))
                }
                return rows
            }
            guard let last = chunk.last else { return }
            after = last.columns.ticket
            for row in chunk {
                let events = try connection.run(SQL.selectEvents) { statement throws(StorageError) in
                    statement.bind(row.columns.ticket, at: 1)
                    var events: [(sequence: Int64, body: [UInt8])] = []
                    while try statement.step() {
                        events.append((statement.int64(0), statement.withBlob(1) { Array($0) }))
                    }
                    return events
                }
                guard let request = soundRequest(row.columns, row.snapshot, events) else { continue }
                try connection.run(
                    "UPDATE request SET snapshot = ?2 WHERE ticket = ?1"
                ) { statement throws(StorageError) in
                    statement.bind(row.columns.ticket, at: 1)
                    statement.bind(RowSeal.seal(RowFormat.encode(request), columns: row.columns.checksum), at: 2)
                    try statement.execute()
                }
                for event in events {
                    try connection.run(
                        "UPDATE event SET body = ?3 WHERE ticket = ?1 AND sequence = ?2"
                    ) { statement throws(StorageError) in
                        statement.bind(row.columns.ticket, at: 1)
                        statement.bind(event.sequence, at: 2)
                        let checksum = RowSeal.event(ticket: row.columns.ticket, sequence: event.sequence)
                        statement.bind(RowSeal.seal(event.body, columns: checksum), at: 3)
                        try statement.execute()
                    }
                }
            }
        }
    }

    /// The request the unsealed rows describe, or `nil` when they do not agree: events that do
    /// not run 1…n or do not fold, a snapshot that is not their fold, or columns that are not
    /// the snapshot's.
    private static func soundRequest(
        _ columns: RequestColumns,
        _ snapshot: [UInt8],
        _ bodies: [(sequence: Int64, body: [UInt8])]
    ) -> ServiceRequest? {
        guard columns.ticket >= 0, let ticket = try? RowReader.ticket(payload: UInt64(columns.ticket)) else {
            return nil
        }
        var events: [RequestEvent] = []
        for (index, row) in bodies.enumerated() {
            guard row.sequence == Int64(index + 1),
                let event = try? row.body.withUnsafeBytes({ bytes throws(RowFormatError) in
                    try RowFormat.decodeEvent(ticket, sequence: index + 1, from: bytes)
                })
            else { return nil }
            events.append(event)
        }
        guard let request = try? ServiceRequest.replaying(events) else { return nil }
        if !snapshot.isEmpty {
            let stored: ServiceRequest?
            do {
                stored = try snapshot.withUnsafeBytes { bytes in
                    try RowFormat.decodeSnapshot(ticket, opening: request.opening, from: bytes)
                }
            } catch {
                return nil
            }
            // `nil`: a snapshot older than `ServiceRequest`, replaced by the fold.
            if let stored, stored != request { return nil }
        }
        guard RequestColumns(request, clientRequestID: columns.clientRequestID) == columns,
            columns.clientRequestID == request.clientRequestID?.storedKey
        else { return nil }
        return request
    }
}
