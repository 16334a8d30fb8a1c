import Civic311
import Foundation

/// The store's schema and its forward-only migrations.
///
/// The version lives in the file header (`PRAGMA user_version`), next to an application ID that
/// marks the file as a Civic311 store. Migration `n` takes a database from version `n` to `n + 1`;
/// opening runs the missing ones in a single transaction, so an upgrade is all or nothing. A
/// released migration is never edited: a change of schema is a new migration appended here, with
/// a fixture for the version it upgrades from in the migration tests.
enum SQLiteSchema {
    /// "C311", marking the file as a Civic311 store.
    static let applicationID: Int64 = 0x4333_3131

    /// One step of the schema: its statements, then any work SQL cannot do (such as reading row
    /// bodies), in the same transaction.
    struct Migration: Sendable {
        let statements: String
        let backfill: (@Sendable (SQLiteConnection) throws(StorageError) -> Void)?

        init(_ statements: String, backfill: (@Sendable (SQLiteConnection) throws(StorageError) -> Void)? = nil) {
            self.statements = statements
            self.backfill = backfill
        }
    }

    static let migrations: [Migration] = [
        Migration(version1),
        Migration(version2),
        Migration(version3, backfill: fillClientScopes),
    ]

    /// The version this library writes.
    static var currentVersion: Int { migrations.count }

    /// Version 1: contacts, requests (a snapshot row with a column per query filter) and events,
    /// with an index for every filter.
    private static let version1 = """
        CREATE TABLE contact (
            ticket INTEGER PRIMARY KEY,
            channel TEXT NOT NULL,
            category TEXT NOT NULL,
            received_at INTEGER NOT NULL,
            body BLOB NOT NULL
        ) STRICT;
        CREATE INDEX contact_channel ON contact (channel);
        CREATE INDEX contact_category ON contact (category);
        CREATE INDEX contact_received_at ON contact (received_at);

        CREATE TABLE request (
            ticket INTEGER PRIMARY KEY,
            version INTEGER NOT NULL,
            state TEXT NOT NULL,
            department TEXT NOT NULL,
            service_type TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            due_at INTEGER NOT NULL,
            client_request_id TEXT,
            snapshot BLOB NOT NULL
        ) STRICT;
        CREATE UNIQUE INDEX request_client_request_id ON request (client_request_id)
            WHERE client_request_id IS NOT NULL;
        CREATE INDEX request_state ON request (state);
        CREATE INDEX request_department ON request (department);
        CREATE INDEX request_service_type ON request (service_type);
        CREATE INDEX request_created_at ON request (created_at);
        CREATE INDEX request_due_at ON request (due_at);

        CREATE TABLE event (
            ticket INTEGER NOT NULL,
            sequence INTEGER NOT NULL,
            body BLOB NOT NULL,
            PRIMARY KEY (ticket, sequence)
        ) STRICT, WITHOUT ROWID;
        """

    /// Version 2: the issuing node as a generated column with an index, so that a restarting
    /// ticket issuer finds the node's last ticket without scanning every contact.
    private static let version2 = """
        ALTER TABLE contact ADD COLUMN node INTEGER AS ((ticket / 100) % 100) VIRTUAL;
        CREATE INDEX contact_node ON contact (node, ticket);
        """

    /// Version 3: client request IDs are unique per submitter, not globally. `client_scope`
    /// holds the scope of the participant who opened the request (`ClientRequestKey`), and the
    /// unique index covers the pair. Rows written before get the scope their opening event
    /// implies, from ``fillClientScopes(_:)``.
    private static let version3 = """
        ALTER TABLE request ADD COLUMN client_scope TEXT;
        DROP INDEX request_client_request_id;
        CREATE UNIQUE INDEX request_client_request_key ON request (client_scope, client_request_id)
            WHERE client_request_id IS NOT NULL;
        """

    /// Sets `client_scope` of every request with a client request ID from its opening event's
    /// actor. The IDs were globally unique before, so the pairs are unique too.
    private static func fillClientScopes(_ connection: SQLiteConnection) throws(StorageError) {
        let openings = """
            SELECT request.ticket, event.body FROM request JOIN event
                ON event.ticket = request.ticket AND event.sequence = 1
            WHERE request.client_request_id IS NOT NULL
            """
        let scopes: [(Int64, String)] = try connection.runGenerated(openings) { statement throws(StorageError) in
            var scopes: [(Int64, String)] = []
            while try statement.step() {
                let column = statement.int64(0)
                let ticket = try connection.ticket(column)
                let opening = try statement.withBlob(1) { bytes throws(StorageError) in
                    try connection.event(ticket, sequence: 1, from: bytes)
                }
                scopes.append((column, ClientRequestKey.scope(of: opening.actor).storedKey))
            }
            return scopes
        }
        for (ticket, scope) in scopes {
            try connection.runGenerated("UPDATE request SET client_scope = ?2 WHERE ticket = ?1") {
                statement throws(StorageError) in
                statement.bind(ticket, at: 1)
                statement.bind(scope, at: 2)
                try statement.execute()
            }
        }
    }

    /// Checks that `connection`'s file is a Civic311 store this library can read, switches it to
    /// WAL, and migrates it to `target`. `connection` is the writer, outside any transaction.
    static func prepare(_ connection: SQLiteConnection, upTo target: Int = currentVersion) throws(StorageError) {
        precondition((0...currentVersion).contains(target), "no schema version \(target)")
        var version = try check(connection)
        let mode = try connection.text("PRAGMA journal_mode = WAL")
        guard mode.lowercased() == "wal" else {
            throw StorageError(
                .unavailable,
                reason: "\(connection.path) could not switch to write-ahead logging (mode \(mode))"
            )
        }
        guard version < target else { return }
        try connection.writeTransaction { () throws(StorageError) in
            // Another process may have migrated while this one waited for the write lock.
            version = try check(connection)
            for step in version..<target {
                do throws(StorageError) {
                    try connection.execute(migrations[step].statements)
                    try migrations[step].backfill?(connection)
                } catch  where error.code == .unavailable {
                    // A statement of the migration failed (the schema is not what this version
                    // expects); the transaction rolls back, so the file keeps its old version.
                    throw StorageError(
                        .incompatibleSchema,
                        reason:
                            "upgrading \(connection.path) from schema version \(step) to \(step + 1) failed, nothing was changed: \(error.reason)"
                    )
                }
            }
            try connection.execute("PRAGMA application_id = \(applicationID); PRAGMA user_version = \(target)")
        }
    }

    /// Checks the file's header on a read-only connection: it must be a store at exactly this
    /// library's version, since a read-only store cannot migrate.
    static func checkReadOnly(_ connection: SQLiteConnection) throws(StorageError) {
        let version = try check(connection)
        guard version == currentVersion else {
            throw StorageError(
                .incompatibleSchema,
                reason:
                    "\(connection.path) has schema version \(version); open it read-write once to upgrade it to \(currentVersion)"
            )
        }
    }

    /// The schema version of `connection`'s file, after checking that it is a Civic311 store (or
    /// empty) and not from a newer library.
    @discardableResult
    static func check(_ connection: SQLiteConnection) throws(StorageError) -> Int {
        let application = try connection.integer("PRAGMA application_id")
        let version = Int(try connection.integer("PRAGMA user_version"))
        if application == 0 {
            let objects = try connection.integer("SELECT count(*) FROM sqlite_schema")
            guard objects == 0, version == 0 else {
                throw StorageError(
                    .incompatibleSchema,
                    reason:
                        "\(connection.path) is a SQLite database but not a Civic311 store (no Civic311 application ID)"
                )
            }
            return 0
        }
        guard application == applicationID else {
            throw StorageError(
                .incompatibleSchema,
                reason: "\(connection.path) belongs to another application (application ID \(application))"
            )
        }
        guard version <= currentVersion else {
            throw StorageError(
                .incompatibleSchema,
                reason:
                    "\(connection.path) has schema version \(version), newer than \(currentVersion), the latest this library knows; use a newer Civic311"
            )
        }
        return version
    }
}
