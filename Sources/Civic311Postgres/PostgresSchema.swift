import Civic311

/// The store's tables, in the `civic311` schema of the database, and their versioned migrations.
///
/// `civic311.schema_version` holds the version the tables are at. Opening a store takes a
/// transaction-level advisory lock (so processes starting together migrate one at a time), reads
/// the version, refuses a newer one, and runs every missing step in that one transaction: a
/// migration happens entirely or not at all.
enum PostgresSchema {
    /// The schema version this library writes.
    static let currentVersion = 1

    /// The advisory-lock class for the store's locks: "C311" in ASCII.
    static let lockClass: Int32 = 0x4333_3131
    /// The advisory lock (within ``lockClass``) held while migrating.
    static let migrationLock: Int32 = -1

    /// The steps, each taking the schema from the version before it to its own.
    static let migrations: [(version: Int, sql: String)] = [(1, version1)]

    /// Brings the database's schema to ``currentVersion``, creating it in an empty database.
    ///
    /// - Throws: `StorageError.Code.incompatibleSchema` for a database a newer library wrote.
    static func prepare(_ connection: PostgresConnection) throws(StorageError) {
        try connection.transaction { () throws(StorageError) in
            try connection.execute(
                "SELECT pg_advisory_xact_lock($1, $2)",
                [String(lockClass), String(migrationLock)]
            )
            let found = try version(connection)
            if let found, found > currentVersion {
                throw StorageError(
                    .incompatibleSchema,
                    reason:
                        "the database's Civic311 schema is at version \(found), newer than this library's "
                        + "\(currentVersion); upgrade the library (nothing was changed)"
                )
            }
            let from = found ?? 0
            guard from < currentVersion else { return }
            for step in migrations where step.version > from { try connection.execute(step.sql) }
            try connection.execute(
                "UPDATE civic311.schema_version SET version = $1",
                [String(currentVersion)]
            )
        }
    }

    /// The stored schema version; `nil` when the database holds no Civic311 store yet.
    static func version(_ connection: PostgresConnection) throws(StorageError) -> Int? {
        let exists = try connection.execute("SELECT to_regclass('civic311.schema_version') IS NOT NULL")
        guard exists.text(0, 0) == "t" else { return nil }
        let rows = try connection.execute("SELECT version FROM civic311.schema_version")
        guard let version = rows.int64(0, 0) else {
            throw StorageError(.corrupted, reason: "civic311.schema_version holds no version")
        }
        return Int(version)
    }

    /// Version 1: contacts, requests and their events, each with its change-feed position; the
    /// feed counter; checkpoints; external references; node leases.
    ///
    /// Text key columns hold identifiers in NFC (see ``Swift/String/storedKey``) under the "C"
    /// collation, so the server compares them exactly as Swift does. Dates are `double
    /// precision` seconds since 2001 (`Date.timeIntervalSinceReferenceDate`), exact. Bodies are
    /// the values' JSON (see ``StoredBody``).
    private static let version1 = """
        CREATE SCHEMA IF NOT EXISTS civic311;
        CREATE TABLE civic311.schema_version (
            only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
            version integer NOT NULL
        );
        INSERT INTO civic311.schema_version (version) VALUES (0);
        CREATE TABLE civic311.contact (
            ticket bigint PRIMARY KEY,
            node smallint NOT NULL,
            channel text COLLATE "C" NOT NULL,
            category text COLLATE "C" NOT NULL,
            received_at double precision NOT NULL,
            position bigint NOT NULL CONSTRAINT contact_position UNIQUE,
            body text NOT NULL
        );
        CREATE INDEX contact_node ON civic311.contact (node, ticket);
        CREATE INDEX contact_received ON civic311.contact (received_at);
        CREATE TABLE civic311.request (
            ticket bigint PRIMARY KEY REFERENCES civic311.contact,
            version integer NOT NULL,
            state text COLLATE "C" NOT NULL,
            department text COLLATE "C" NOT NULL,
            service_type text COLLATE "C" NOT NULL,
            created_at double precision NOT NULL,
            due_at double precision NOT NULL,
            client_scope text COLLATE "C",
            client_id text COLLATE "C",
            snapshot text NOT NULL,
            CONSTRAINT request_client_key UNIQUE (client_scope, client_id)
        );
        CREATE INDEX request_state ON civic311.request (state, ticket);
        CREATE INDEX request_department ON civic311.request (department, ticket);
        CREATE INDEX request_service_type ON civic311.request (service_type, ticket);
        CREATE INDEX request_created ON civic311.request (created_at);
        CREATE INDEX request_due ON civic311.request (due_at, ticket);
        CREATE TABLE civic311.event (
            ticket bigint NOT NULL REFERENCES civic311.request,
            sequence integer NOT NULL,
            position bigint NOT NULL CONSTRAINT event_position UNIQUE,
            body text NOT NULL,
            PRIMARY KEY (ticket, sequence)
        );
        CREATE TABLE civic311.feed_counter (
            only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
            last bigint NOT NULL
        );
        INSERT INTO civic311.feed_counter (last) VALUES (0);
        CREATE TABLE civic311.checkpoint (
            consumer text COLLATE "C" PRIMARY KEY,
            position bigint NOT NULL
        );
        CREATE TABLE civic311.external_reference (
            system text COLLATE "C" NOT NULL,
            identifier text COLLATE "C" NOT NULL,
            ticket bigint NOT NULL REFERENCES civic311.request,
            PRIMARY KEY (system, identifier)
        );
        CREATE TABLE civic311.node_lease (
            node smallint PRIMARY KEY,
            holder text NOT NULL,
            leased_at timestamptz NOT NULL
        );
        """
}
