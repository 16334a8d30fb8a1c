import Civic311

// The last check of an upgrade, before it commits: the schema as stored in the file.
//
// SQLite keeps a connection's schema in memory, and `quick_check` walks the b-trees that schema
// names, so neither sees a file whose stored schema rows went wrong during the upgrade. The
// fuzzer found one (Tests/Fuzz/Corpus/sqlite-file/refused-after-upgrade-committed): a version-2
// file whose row `request_client_request_id` holds `CREATE UNIQUE INDEX reqUest_client_request_id`.
// SQLite names the index in memory after the statement, so version 4's `DROP INDEX` freed the
// index's root page but deleted no row (its `name =` compares case); the new index took the freed
// page, so two stored rows named it. Both checks passed, the upgrade committed, and the next
// connection to read the schema refused the file ("invalid rootpage"), which had been changed.
extension SQLiteSchema {
    /// One row of `sqlite_schema`, without its root page.
    struct StoredObject: Hashable, Sendable, CustomStringConvertible {
        var type: String
        var name: String
        var table: String
        var sql: String

        var description: String { "\(type) \(name)" }
    }

    /// The objects of a new store's schema, built once in memory by the same migrations an upgrade
    /// runs, so an upgraded file must hold exactly these (the statistics tables SQLite keeps
    /// itself, `sqlite_…`, aside).
    private static let newStoreObjects = Result { () throws(StorageError) -> [StoredObject] in
        let connection = try SQLiteConnection(path: ":memory:", access: .create, busyTimeout: .zero)
        defer { connection.close() }
        try create(connection)
        return try storedObjects(connection)
    }

    /// Checks, inside the upgrade's transaction, that the schema stored in the file is exactly a
    /// new store's and that every b-tree it names has a root page of its own inside the file.
    ///
    /// - Throws: `StorageError.Code.corrupted` naming what differs, so the upgrade rolls back.
    static func checkUpgradedSchema(_ connection: SQLiteConnection) throws(StorageError) {
        let expected = try newStoreObjects.get()
        let stored = try storedObjects(connection)
        var problems: [String] = []
        let leftOver = stored.filter { !expected.contains($0) }.map(\.description)
        let missing = expected.filter { !stored.contains($0) }.map(\.description)
        let repeated = Dictionary(grouping: stored, by: \.name).filter { $0.value.count > 1 }.keys.sorted()
        if !leftOver.isEmpty { problems.append("not in a new store: \(leftOver.joined(separator: ", "))") }
        if !missing.isEmpty { problems.append("missing: \(missing.joined(separator: ", "))") }
        if !repeated.isEmpty { problems.append("stored twice: \(repeated.joined(separator: ", "))") }
        let pages = try connection.integer("PRAGMA page_count")
        let roots: [(name: String, page: Int64)] = try connection.runGenerated(
            "SELECT name, rootpage FROM sqlite_schema WHERE rootpage IS NOT 0 ORDER BY rootpage, name"
        ) { statement throws(StorageError) in
            var roots: [(name: String, page: Int64)] = []
            while try statement.step() { roots.append((statement.text(0), statement.int64(1))) }
            return roots
        }
        var owners: [Int64: String] = [:]
        for root in roots {
            if root.page < 2 || root.page > pages {
                problems.append("\(root.name) has root page \(root.page), outside the file's \(pages) pages")
            } else if let owner = owners[root.page] {
                problems.append("\(owner) and \(root.name) share root page \(root.page)")
            } else {
                owners[root.page] = root.name
            }
        }
        guard problems.isEmpty else {
            throw StorageError(
                .corrupted,
                reason:
                    "\(connection.path) is damaged, so it was not upgraded and nothing was changed: the upgrade would store a broken schema (\(problems.joined(separator: "; ")))"
            )
        }
    }

    /// The objects stored in `connection`'s `sqlite_schema`, read from the file (through the
    /// open transaction), not from the connection's schema in memory; sorted by type and name.
    private static func storedObjects(_ connection: SQLiteConnection) throws(StorageError) -> [StoredObject] {
        try connection.runGenerated(
            "SELECT type, name, tbl_name, coalesce(sql, '') FROM sqlite_schema WHERE substr(name, 1, 7) <> 'sqlite_' ORDER BY type, name"
        ) { statement throws(StorageError) in
            var objects: [StoredObject] = []
            while try statement.step() {
                objects.append(
                    StoredObject(
                        type: statement.text(0),
                        name: statement.text(1),
                        table: statement.text(2),
                        sql: statement.text(3)
                    )
                )
            }
            return objects
        }
    }
}
