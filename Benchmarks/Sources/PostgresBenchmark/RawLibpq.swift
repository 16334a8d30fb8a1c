import CCivic311Postgres
import Foundation

/// A bare libpq connection: the baseline's inserts, and reading rows back as text.
final class Libpq {
    private let handle: OpaquePointer

    init(_ connectionString: String) throws {
        guard let handle = PQconnectdb(connectionString) else { throw BenchmarkError("libpq: out of memory") }
        guard PQstatus(handle) == CONNECTION_OK else {
            defer { PQfinish(handle) }
            throw BenchmarkError("libpq: \(String(cString: PQerrorMessage(handle)))")
        }
        // The server's notices ("database … does not exist, skipping") are not the benchmark's output.
        PQsetNoticeProcessor(handle, { _, _ in }, nil)
        self.handle = handle
    }

    deinit { PQfinish(handle) }

    /// Runs `sql` (no parameters) and returns its rows, every column as text.
    @discardableResult
    func query(_ sql: String) throws -> [[String?]] {
        try rows(PQexec(handle, sql))
    }

    /// Prepares `sql` as the statement `name`.
    func prepare(_ name: String, _ sql: String) throws {
        try rows(PQprepare(handle, name, sql, 0, nil))
    }

    /// Runs the prepared statement `name` with text parameters; returns the first column of the
    /// first row, if any.
    @discardableResult
    func execute(_ name: String, _ values: [UnsafePointer<CChar>?]) throws -> Int64? {
        let result = PQexecPrepared(handle, name, Int32(values.count), values, nil, nil, 0)
        defer { PQclear(result) }
        try check(result)
        guard PQntuples(result) > 0, PQgetisnull(result, 0, 0) == 0 else { return nil }
        return Int64(String(cString: PQgetvalue(result, 0, 0)))
    }

    private func check(_ result: OpaquePointer?) throws {
        let status = PQresultStatus(result)
        guard status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK else {
            let message = result.map { String(cString: PQresultErrorMessage($0)) } ?? "no result"
            throw BenchmarkError("libpq: \(message)")
        }
    }

    @discardableResult
    private func rows(_ result: OpaquePointer?) throws -> [[String?]] {
        defer { PQclear(result) }
        try check(result)
        return (0..<PQntuples(result)).map { row in
            (0..<PQnfields(result)).map { column in
                PQgetisnull(result, row, column) == 1 ? nil : String(cString: PQgetvalue(result, row, column))
            }
        }
    }
}

/// The rows one request left in the store's tables, read back as text from a database the store
/// wrote, so that the baseline inserts the very same bytes. Feed positions are left out: the
/// baseline takes them from the feed counter as the store does.
struct StoredRequestRows {
    /// ticket, node, channel, category, received_at, body
    var contact: [String?]
    /// version, state, department, service_type, created_at, due_at, snapshot, client_scope, client_id
    var request: [String?]
    /// The events after the opening one: sequence, body.
    var laterEvents: [(sequence: String, body: String)]
    var openingBody: String

    /// Every request of the database `url`, in the order they were opened.
    static func read(from url: String) throws -> [StoredRequestRows] {
        let connection = try Libpq(url)
        let requests = try connection.query(
            """
            SELECT c.ticket, c.node, c.channel, c.category, c.received_at, c.body,
                r.version, r.state, r.department, r.service_type, r.created_at, r.due_at, r.snapshot,
                r.client_scope, r.client_id
            FROM civic311.contact c JOIN civic311.request r USING (ticket) ORDER BY c.position
            """
        )
        var events: [String: [(sequence: Int, body: String)]] = [:]
        for row in try connection.query("SELECT ticket, sequence, body FROM civic311.event") {
            events[row[0]!, default: []].append((Int(row[1]!)!, row[2]!))
        }
        return requests.map { row in
            let ticket = row[0]!
            let history = events[ticket, default: []].sorted { $0.sequence < $1.sequence }
            return StoredRequestRows(
                contact: Array(row[0..<6]),
                request: Array(row[6..<15]),
                laterEvents: history.dropFirst().map { (String($0.sequence), $0.body) },
                openingBody: history.first?.body ?? ""
            )
        }
    }

    /// The bytes of the rows, for the report.
    var bytes: Int {
        (contact + request).reduce(0) { $0 + ($1?.utf8.count ?? 0) } + openingBody.utf8.count
            + laterEvents.reduce(0) { $0 + $1.body.utf8.count }
    }
}

/// The baseline: the same rows through libpq's prepared statements, as a program that needs no
/// SDK would write them, with the same guarantees (one transaction per request or batch, the
/// feed counter taken inside it, synchronous_commit as the server has it).
enum RawIntake {
    /// The store's own opening statement (contact, request and opening event in one statement),
    /// and the counter and event statements.
    static let statements = [
        ("counter", "UPDATE civic311.feed_counter SET last = last + $1 RETURNING last"),
        (
            "open",
            """
            WITH contact AS (
                INSERT INTO civic311.contact (ticket, node, channel, category, received_at, position, body)
                VALUES ($1, $2, $3, $4, $5, $17, $6)
            ), request AS (
                INSERT INTO civic311.request (ticket, version, state, department, service_type, created_at,
                    due_at, snapshot, client_scope, client_id)
                VALUES ($1, $7, $8, $9, $10, $11, $12, $13, $14, $15)
            )
            INSERT INTO civic311.event (ticket, sequence, position, body) VALUES ($1, 1, $18, $16)
            """
        ),
        ("event", "INSERT INTO civic311.event (ticket, sequence, position, body) VALUES ($1, $2, $3, $4)"),
    ]

    /// Inserts `rows` into the (migrated, empty) database `url`, `perTransaction` requests in each
    /// transaction; returns the process's CPU and wall time.
    static func insert(_ rows: [StoredRequestRows], perTransaction: Int, url: String) throws -> RunTime {
        let connection = try Libpq(url)
        for (name, sql) in statements { try connection.prepare(name, sql) }
        // Every parameter as a C string made before the clock starts; positions are written
        // into buffers of their own as they are handed out.
        let strings = rows.map { row in
            (row.contact + row.request + [row.openingBody]).map { $0.flatMap { strdup($0) } }
        }
        let laterEvents = rows.map { row in row.laterEvents.map { (strdup($0.sequence), strdup($0.body)) } }
        defer {
            for row in strings { for pointer in row { free(pointer) } }
            for row in laterEvents {
                for (sequence, body) in row {
                    free(sequence)
                    free(body)
                }
            }
        }
        let contactPosition = UnsafeMutablePointer<CChar>.allocate(capacity: 24)
        let eventPosition = UnsafeMutablePointer<CChar>.allocate(capacity: 24)
        let count = UnsafeMutablePointer<CChar>.allocate(capacity: 24)
        defer {
            contactPosition.deallocate()
            eventPosition.deallocate()
            count.deallocate()
        }
        func write(_ value: Int64, into buffer: UnsafeMutablePointer<CChar>) {
            _ = withVaList([value]) { vsnprintf(buffer, 24, "%lld", $0) }
        }
        return try Measurement.processTimesSync {
            var index = 0
            while index < rows.count {
                let end = min(index + perTransaction, rows.count)
                try connection.query("BEGIN")
                let positions = (index..<end).reduce(Int64(0)) { $0 + 2 + Int64(rows[$1].laterEvents.count) }
                write(positions, into: count)
                guard let last = try connection.execute("counter", [UnsafePointer(count)]) else {
                    throw BenchmarkError("the feed counter has no row")
                }
                var position = last - positions + 1
                for row in index..<end {
                    write(position, into: contactPosition)
                    write(position + 1, into: eventPosition)
                    position += 2
                    var values = strings[row].map { $0.map { UnsafePointer($0) } }
                    values.append(UnsafePointer(contactPosition))
                    values.append(UnsafePointer(eventPosition))
                    try connection.execute("open", values)
                    for (sequence, body) in laterEvents[row] {
                        write(position, into: eventPosition)
                        position += 1
                        try connection.execute(
                            "event",
                            [
                                strings[row][0].map { UnsafePointer($0) }, UnsafePointer(sequence),
                                UnsafePointer(eventPosition),
                                UnsafePointer(body),
                            ]
                        )
                    }
                }
                try connection.query("COMMIT")
                index = end
            }
        }
    }
}

extension Measurement {
    /// Process CPU and wall time of synchronous `body`.
    static func processTimesSync(_ body: () throws -> Void) rethrows -> RunTime {
        let wall = ContinuousClock.now
        let cpu = processCPUTime()
        try body()
        return (processCPUTime() - cpu, (ContinuousClock.now - wall).seconds)
    }
}
