// SQLite store benchmark: the two SQLite figures, in their own executable because building
// the million-request database takes a while and about 750 MB of disk.
//
// The rows are built here, so the benchmark needs only the store.
//
//     swift run -c release --package-path Benchmarks civic311-sqlite-benchmark [dir] [intake] [lookup-size]
//     swift run -c release --package-path Benchmarks civic311-sqlite-benchmark queue DIR SIZE…
//     swift run -c release --package-path Benchmarks civic311-sqlite-benchmark lookups DIR SIZE [RUNS]
//
// 1. Intake: service requests opened through SQLiteRequestStore.open(batch:) (WAL,
//    synchronous=FULL, 1,000 per transaction), against raw inserts of the very same rows, the
//    change feed's position rows included (same schema, same bytes, same pragmas, same batch
//    size, the last position read in each transaction as the store does) through the SQLite C
//    API, in the same run, alternating, best of three each.
// 2. Status lookup by ticket on a database of one million requests: store.request(ticket) and
//    ServiceCenter.status(of:) against the raw C API, p50/p99 over 5 runs (see
//    SQLiteBenchmark+Lookups.swift).
import CCivic311SQLite
import Civic311
@_spi(Benchmarks) import Civic311SQLite
import Civic311SampleCounty
import Foundation

@main
struct SQLiteBenchmark {
    static func main() async throws {
        let arguments = CommandLine.arguments
        if arguments.count > 2, arguments[1] == "queue" {
            try FileManager.default.createDirectory(atPath: arguments[2], withIntermediateDirectories: true)
            try await queue(directory: arguments[2], sizes: arguments.dropFirst(3).compactMap { Int($0) })
            return
        }
        if arguments.count > 3, arguments[1] == "lookups", let size = Int(arguments[3]) {
            try FileManager.default.createDirectory(atPath: arguments[2], withIntermediateDirectories: true)
            let runs = arguments.count > 4 ? Int(arguments[4]) ?? 5 : 5
            try await lookups(size: size, directory: arguments[2], runs: runs)
            return
        }
        let directory =
            arguments.count > 1
            ? arguments[1] : FileManager.default.temporaryDirectory.appendingPathComponent("civic311-bench").path
        let intakeCount = arguments.count > 2 ? Int(arguments[2]) ?? 200_000 : 200_000
        let lookupSize = arguments.count > 3 ? Int(arguments[3]) ?? 1_000_000 : 1_000_000
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        print(
            "SQLite \(String(cString: sqlite3_libversion())), \(ProcessInfo.processInfo.activeProcessorCount) cores, work directory \(directory)"
        )
        try await intake(count: intakeCount, batchSize: 1_000, directory: directory)
        try await lookups(size: lookupSize, directory: directory)
    }

    // MARK: Intake

    static func intake(count: Int, batchSize: Int, directory: String) async throws {
        var generator = Generator(seed: 1, node: 1)
        let items = (0..<count).map { _ in generator.opening() }
        let rows = try items.map { try RawRow($0.contact, $0.opening) }
        print("\nIntake of \(count) requests, \(batchSize) per transaction, WAL, synchronous=FULL")
        var storeBest = Double.infinity
        var rawBest = Double.infinity
        for round in 0..<3 {
            let raw = try rawIntake(rows, batchSize: batchSize, path: "\(directory)/raw-\(round).sqlite")
            let store = try await storeIntake(items, batchSize: batchSize, path: "\(directory)/store-\(round).sqlite")
            print(
                String(
                    format: "  round %d: store %8.0f requests/s, raw C API %8.0f requests/s",
                    round + 1,
                    Double(count) / store,
                    Double(count) / raw
                )
            )
            storeBest = min(storeBest, store)
            rawBest = min(rawBest, raw)
        }
        print(
            String(
                format: "  best: store %.0f/s (%.2f µs each), raw %.0f/s (%.2f µs each): store reaches %.2f of raw",
                Double(count) / storeBest,
                storeBest / Double(count) * 1e6,
                Double(count) / rawBest,
                rawBest / Double(count) * 1e6,
                rawBest / storeBest
            )
        )

        // One request per transaction, for scale: every commit waits for its fsync.
        let single = min(2_000, count)
        let store = try SQLiteRequestStore(path: "\(directory)/single.sqlite")
        let start = ContinuousClock.now
        for item in items.prefix(single) { _ = try await store.open(item.contact, request: item.opening) }
        let elapsed = seconds(ContinuousClock.now - start)
        store.close()
        print(
            String(
                format: "  unbatched: %d single-request commits at %.0f requests/s (%.0f µs each)",
                single,
                Double(single) / elapsed,
                elapsed / Double(single) * 1e6
            )
        )
        for file in try FileManager.default.contentsOfDirectory(atPath: directory) where !file.hasPrefix("lookup") {
            try? FileManager.default.removeItem(atPath: "\(directory)/\(file)")
        }
    }

    static func storeIntake(
        _ items: [(contact: Contact, opening: RequestEvent)],
        batchSize: Int,
        path: String
    ) async throws -> Double {
        let store = try SQLiteRequestStore(path: path)
        let start = ContinuousClock.now
        var index = 0
        while index < items.count {
            let end = min(index + batchSize, items.count)
            _ = try await store.open(batch: Array(items[index..<end]))
            index = end
        }
        let elapsed = seconds(ContinuousClock.now - start)
        store.close()
        return elapsed
    }

    /// The same rows through the C API: the schema is created by the store's own migrations,
    /// then every row is inserted with prepared statements, one transaction per batch.
    static func rawIntake(_ rows: [RawRow], batchSize: Int, path: String) throws -> Double {
        try SQLiteRequestStore.createDatabase(at: path, schemaVersion: SQLiteRequestStore.schemaVersion)
        var db: OpaquePointer?
        guard sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nil) == SQLITE_OK else {
            fatalError("open")
        }
        defer { sqlite3_close_v2(db) }
        func exec(_ sql: String) {
            guard sqlite3_exec(db, sql, nil, nil, nil) == SQLITE_OK else {
                fatalError(String(cString: sqlite3_errmsg(db)))
            }
        }
        exec("PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA cache_size = -8192")
        func prepare(_ sql: String) -> OpaquePointer? {
            var statement: OpaquePointer?
            guard sqlite3_prepare_v3(db, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, nil) == SQLITE_OK
            else {
                fatalError(String(cString: sqlite3_errmsg(db)))
            }
            return statement
        }
        let contact = prepare(
            "INSERT INTO contact (ticket, channel, category, received_at, body) VALUES (?1, ?2, ?3, ?4, ?5)"
        )
        let request = prepare(
            "INSERT INTO request (ticket, version, state, department, service_type, created_at, due_at, snapshot, client_request_id, client_scope) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)"
        )
        let event = prepare("INSERT INTO event (ticket, sequence, body) VALUES (?1, ?2, ?3)")
        let feed = prepare("INSERT INTO feed (position, ticket, sequence, seal) VALUES (?1, ?2, ?3, ?4)")
        let lastPosition = prepare("SELECT max(position) FROM feed")
        defer {
            sqlite3_finalize(lastPosition)
            sqlite3_finalize(contact)
            sqlite3_finalize(request)
            sqlite3_finalize(event)
            sqlite3_finalize(feed)
        }
        let transient = civic311_sqlite3_transient()
        func text(_ statement: OpaquePointer?, _ index: Int32, _ value: String) {
            var value = value
            value.withUTF8 { utf8 in
                _ = utf8.withMemoryRebound(to: CChar.self) {
                    sqlite3_bind_text(statement, index, $0.baseAddress, Int32($0.count), transient)
                }
            }
        }
        func blob(_ statement: OpaquePointer?, _ index: Int32, _ bytes: [UInt8]) {
            bytes.withUnsafeBytes {
                _ = sqlite3_bind_blob(statement, index, $0.baseAddress, Int32($0.count), transient)
            }
        }
        func step(_ statement: OpaquePointer?) {
            guard sqlite3_step(statement) == SQLITE_DONE else { fatalError(String(cString: sqlite3_errmsg(db))) }
            sqlite3_reset(statement)
        }
        // The change feed: the contact's position, then the opening event's. Like the store, each
        // transaction numbers from the last position stored, read inside it.
        var position: Int64 = 0
        func readLastPosition() {
            guard sqlite3_step(lastPosition) == SQLITE_ROW else { fatalError(String(cString: sqlite3_errmsg(db))) }
            position = sqlite3_column_int64(lastPosition, 0)
            sqlite3_reset(lastPosition)
        }
        func numbered(_ ticket: Int64, _ sequence: Int64) {
            position += 1
            sqlite3_bind_int64(feed, 1, position)
            sqlite3_bind_int64(feed, 2, ticket)
            sqlite3_bind_int64(feed, 3, sequence)
            sqlite3_bind_int64(feed, 4, RowFormat.feedSeal(position: position, ticket: ticket, sequence: sequence))
            step(feed)
        }
        let start = ContinuousClock.now
        var index = 0
        while index < rows.count {
            let end = min(index + batchSize, rows.count)
            exec("BEGIN IMMEDIATE")
            readLastPosition()
            for row in rows[index..<end] {
                sqlite3_bind_int64(contact, 1, row.ticket)
                text(contact, 2, row.channel)
                text(contact, 3, row.category)
                sqlite3_bind_int64(contact, 4, row.receivedAt)
                blob(contact, 5, row.contactBody)
                step(contact)
                numbered(row.ticket, 0)
                sqlite3_bind_int64(request, 1, row.ticket)
                sqlite3_bind_int64(request, 2, 1)
                text(request, 3, row.state)
                text(request, 4, row.department)
                text(request, 5, row.serviceType)
                sqlite3_bind_int64(request, 6, row.createdAt)
                sqlite3_bind_int64(request, 7, row.dueAt)
                blob(request, 8, row.snapshot)
                if let key = row.clientRequestKey {
                    text(request, 9, key.id)
                    text(request, 10, key.scope)
                } else {
                    sqlite3_bind_null(request, 9)
                    sqlite3_bind_null(request, 10)
                }
                step(request)
                sqlite3_bind_int64(event, 1, row.ticket)
                sqlite3_bind_int64(event, 2, 1)
                blob(event, 3, row.openingBody)
                step(event)
                numbered(row.ticket, 1)
            }
            exec("COMMIT")
            index = end
        }
        return seconds(ContinuousClock.now - start)
    }

    /// One request's rows, encoded ahead of time with the store's own row format.
    struct RawRow {
        let ticket: Int64
        let channel: String
        let category: String
        let receivedAt: Int64
        let contactBody: [UInt8]
        let state: String
        let department: String
        let serviceType: String
        let createdAt: Int64
        let dueAt: Int64
        let clientRequestKey: ClientRequestKey?
        let snapshot: [UInt8]
        let openingBody: [UInt8]

        init(_ contact: Contact, _ opening: RequestEvent) throws {
            let request = try ServiceRequest(opening: opening)
            ticket = Int64(contact.ticket.payload)
            channel = contact.channel.rawValue
            category = contact.callType.category.rawValue
            receivedAt = Int64((contact.receivedAt.timeIntervalSince1970 * 1000).rounded())
            let bodies = try RowFormat.storedBodies(of: contact, opening: opening)
            contactBody = bodies.contact
            state = request.state.rawValue
            department = request.department.rawValue
            serviceType = request.serviceType.rawValue
            createdAt = Int64((request.createdAt.timeIntervalSince1970 * 1000).rounded())
            dueAt = Int64((request.dueAt.timeIntervalSince1970 * 1000).rounded())
            clientRequestKey = ClientRequestKey(opening: opening)
            snapshot = bodies.snapshot
            openingBody = bodies.opening
        }
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}
