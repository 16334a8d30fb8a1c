import Civic311
import Foundation

/// The store's schema and its forward-only migrations.
///
/// The version lives in the file header (`PRAGMA user_version`), next to an application ID that
/// marks the file as a Civic311 store; both are written when the store is created, in the
/// transaction that creates its schema. Migration `n` takes a database from version `n` to
/// `n + 1`; opening runs the missing ones in a single transaction, so an upgrade is all or
/// nothing. A released migration is never edited: a change of schema is a new migration
/// appended here, with a fixture for the version it upgrades from in the migration tests.
enum SQLiteSchema {
    /// "C311", marking the file as a Civic311 store.
    static let applicationID: Int64 = 0x4333_3131

    /// One step of the schema: statements, or work over the stored rows done in Swift.
    enum Migration: Sendable {
        case sql(String)
        case rows(@Sendable (SQLiteConnection) throws(StorageError) -> Void)
    }

    static let migrations: [Migration] = [
        .sql(version1), .sql(version2), .rows(sealRows), .rows(scopeClientRequestIDs), .rows(addFeed),
        .sql(version6),
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

    // Version 3 seals every row with its checksum: ``sealRows(_:)``. Version 4 scopes client
    // request IDs to their submitters: ``scopeClientRequestIDs(_:)``. Version 5 adds the change
    // feed, checkpoints and the external-reference index: ``addFeed(_:)``.

    /// Version 6: the department work queue ("DOT, open, soonest due first") as one index.
    ///
    /// With a department and a state fixed, the index lists the requests in due order (the
    /// ticket, the table's row ID, ends every entry), so a page is a seek and a walk of the page,
    /// and a count by department and state reads only the index. Several states or departments
    /// are merged from one walk per pair (see ``RequestQuery/listingSQL(after:ranges:)``). The
    /// index starts with the department, so it also serves every filter the single-column
    /// department index served, which is dropped rather than kept up to date on every write.
    private static let version6 = """
        CREATE INDEX request_queue ON request (department, state, due_at);
        DROP INDEX request_department;
        """

    /// Builds the schema, up to `target`, in the new and empty file of a store being created.
    static func create(_ connection: SQLiteConnection, upTo target: Int = currentVersion) throws(StorageError) {
        precondition((1...currentVersion).contains(target), "no schema version \(target)")
        try connection.execute("PRAGMA synchronous = FULL")
        try connection.writeTransaction { () throws(StorageError) in
            try migrate(connection, from: 0, to: target)
        }
    }

    /// Checks that `connection`'s file is a Civic311 store this library can read, migrates it to
    /// the current version, and switches it to WAL. `connection` is the writer, outside any
    /// transaction.
    ///
    /// An upgrade either commits whole or leaves the file byte for byte as it was: it runs in
    /// the journal mode the file already has, before the switch to WAL (which rewrites the
    /// header), so a refused upgrade rolls back to the very bytes it started from.
    static func prepare(_ connection: SQLiteConnection) throws(StorageError) {
        let version = try check(connection)
        if version > 0 && version < currentVersion {
            // An upgrade reads and rewrites every row. A damaged b-tree can send SQLite's own
            // searches round in circles (the fuzzer found a 20-page file that did), so the
            // file's structure is checked first, which costs one pass and always ends.
            let structure = try connection.text("PRAGMA quick_check(1)")
            guard structure == "ok" else {
                throw StorageError(
                    .corrupted,
                    reason:
                        "\(connection.path) is damaged, so it was not upgraded and nothing was changed: \(structure)"
                )
            }
            try upgrade(connection)
        }
        let mode = try connection.text("PRAGMA journal_mode = WAL")
        guard mode.lowercased() == "wal" else {
            throw StorageError(
                .unavailable,
                reason: "\(connection.path) could not switch to write-ahead logging (mode \(mode))"
            )
        }
    }

    /// Migrates the file to the current version in one transaction, which commits only when the
    /// upgraded file is sound: its structure passes `quick_check` and its stored schema is
    /// exactly a new store's (see ``checkUpgradedSchema(_:)``).
    private static func upgrade(_ connection: SQLiteConnection) throws(StorageError) {
        try connection.execute("PRAGMA synchronous = FULL")
        try connection.writeTransaction { () throws(StorageError) in
            // Another process may have migrated while this one waited for the write lock.
            let version = try check(connection)
            guard version < currentVersion else { return }
            try migrate(connection, from: version, to: currentVersion)
            // Damage the first check cannot see (a free-page list pointing into live pages) can
            // make the upgrade itself write a broken schema; check again before committing, so
            // such a file rolls back and stays as it was.
            let upgraded = try connection.text("PRAGMA quick_check(1)")
            guard upgraded == "ok" else {
                throw StorageError(
                    .corrupted,
                    reason: "\(connection.path) is damaged, so it was not upgraded and nothing was changed: \(upgraded)"
                )
            }
            try checkUpgradedSchema(connection)
        }
    }

    /// Runs the migrations from `version` to `target` and records `target`, inside the caller's
    /// transaction.
    static func migrate(_ connection: SQLiteConnection, from version: Int, to target: Int) throws(StorageError) {
        for step in version..<target {
            do throws(StorageError) {
                switch migrations[step] {
                case .sql(let statements): try connection.execute(statements)
                case .rows(let rewrite): try rewrite(connection)
                }
            } catch  where error.code == .unavailable {
                // A statement of the migration failed (the schema is not what this version
                // expects); the transaction rolls back, so the file keeps its old version.
                throw StorageError(
                    .incompatibleSchema,
                    reason:
                        "upgrading \(connection.path) from schema version \(step) to \(step + 1) failed, nothing was changed: \(error.reason)",
                    cause: error.cause
                )
            }
        }
        try connection.execute("PRAGMA application_id = \(applicationID); PRAGMA user_version = \(target)")
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

    /// The schema version of `connection`'s existing file, after checking that it is a Civic311
    /// store of a version this library knows. Nothing else is ever taken for a store: not an
    /// empty database (a store always has its schema), not another application's.
    @discardableResult
    static func check(_ connection: SQLiteConnection) throws(StorageError) -> Int {
        let path = connection.path
        let application = try connection.integer("PRAGMA application_id")
        let version = try connection.integer("PRAGMA user_version")
        guard application == applicationID else {
            guard application == 0 else {
                throw StorageError(
                    .incompatibleSchema,
                    reason: "\(path) belongs to another application (application ID \(application))"
                )
            }
            guard try connection.integer("SELECT count(*) FROM sqlite_schema") == 0 else {
                throw StorageError(
                    .incompatibleSchema,
                    reason: "\(path) is a SQLite database but not a Civic311 store (no Civic311 application ID)"
                )
            }
            throw StorageError(
                .corrupted,
                reason:
                    "\(path) holds no Civic311 store (an empty database): a store always has its schema, so this is a damaged store or another program's file; it was left as it was (to create a store, remove it or choose another path)"
            )
        }
        guard version >= 1 else {
            throw StorageError(
                .corrupted,
                reason:
                    "\(path) is marked as a Civic311 store but has schema version \(version), which no Civic311 library writes: its header is damaged"
            )
        }
        guard version <= currentVersion else {
            throw StorageError(
                .incompatibleSchema,
                reason:
                    "\(path) has schema version \(version), newer than \(currentVersion), the latest this library knows; use a newer Civic311"
            )
        }
        return Int(version)
    }
}
