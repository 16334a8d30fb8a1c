// PostgreSQL store benchmark: the four PostgreSQL figures, in their own executable because
// it needs a server and building the million-request database takes a few minutes.
//
//     swift run -c release --package-path Benchmarks civic311-postgres-benchmark [options]
//
// Without --url it starts a throwaway cluster of its own (initdb and pg_ctl from PATH or
// /usr/lib/postgresql/*/bin, on a Unix socket under /tmp, as the postgres user when run as root),
// with the server's defaults but shared_buffers=256MB: fsync on, synchronous_commit on. With
// --url it creates its databases on that server (the URL's user must be allowed to). Options:
//
//     --url URL            a libpq URL or key=value string; PG* environment variables fill the rest
//     --runs N             runs of each figure (5); min, median and max are printed
//     --intake N           requests per intake run, one transaction each (1000)
//     --batch N            requests per batch transaction (1000), --batches N per run (10)
//     --lookup-size N      requests in the lookup database (1000000; 100000 for a quick run)
//     --lookups N          lookups per run (50000)
//     --writer-requests N  requests each writer process submits (500)
//     --only LIST          some of intake,batch,lookup,writers
//
// 1. Intake, one request per transaction (synchronous_commit on): ServiceCenter.submit with the
//    sample county's routing rules and service levels into PostgresRequestStore, against raw
//    libpq inserts of the very same rows (read back from a warm-up run of the store: same
//    tables, same bytes, the feed counter taken the same way) through prepared statements, one
//    transaction per request, in the same run; the sides alternate which goes first.
// 2. Batch intake: PostgresRequestStore.open(batch:) against raw libpq inserts of the same rows
//    in transactions of the same size; and append(batch:) (a note on every request of a batch).
// 3. Status lookup by ticket on a database of --lookup-size requests (loaded through
//    open(batch:)): store.request(ticket) and ServiceCenter.status(of:), p50 and p99.
// 4. Throughput of 1, 2 and 4 writer processes (this program started again with --writer) on
//    one database, each leasing its node and submitting --writer-requests requests, one per
//    transaction, all starting at the same moment.
import BenchmarkPostgresCluster
import CCivic311Postgres
import Civic311
import Civic311Postgres
import Civic311SampleCounty
import Foundation

@main
struct PostgresBenchmark {
    static func main() async throws {
        let options: Options
        do {
            options = try Options(Array(CommandLine.arguments.dropFirst()))
        } catch {
            FileHandle.standardError.write(Data("civic311-postgres-benchmark: \(error)\n".utf8))
            exit(2)
        }
        do {
            if let writer = options.writer {
                try await Writers.child(writer)
            } else {
                try await run(options)
            }
        } catch {
            FileHandle.standardError.write(Data("civic311-postgres-benchmark: \(error)\n".utf8))
            exit(1)
        }
    }

    /// Everything, off the main actor (see the performance notes).
    @concurrent
    static func run(_ options: Options) async throws {
        let server = try Server(url: options.url)
        defer { server.stop() }
        print(
            "PostgreSQL \(server.version), libpq \(PQlibVersion()), \(ProcessInfo.processInfo.activeProcessorCount) cores, "
                + "\(server.description); \(options.runs) runs each"
        )
        print("settings: \(server.settings)")
        print("\(Measurement.load())\n")
        if options.sections.contains("intake") { try await Intake.run(server, options) }
        if options.sections.contains("batch") { try await BatchIntake.run(server, options) }
        if options.sections.contains("lookup") { try await Lookup.run(server, options) }
        if options.sections.contains("writers") { try await Writers.run(server, options) }
        print("\nat the end: \(Measurement.load())")
    }
}

/// The command line.
struct Options: Sendable {
    var url: String?
    var runs = 5
    var intake = 1_000
    var batch = 1_000
    var batches = 10
    var lookupSize = 1_000_000
    var lookups = 50_000
    var writerRequests = 500
    var sections: Set<String> = ["intake", "batch", "lookup", "writers"]
    /// Set in a writer process: the database, the requests to submit, the moment to start.
    var writer: Writers.Assignment?

    init(_ arguments: [String]) throws {
        var index = 0
        func value() throws -> String {
            index += 1
            guard index < arguments.count else { throw BenchmarkError("\(arguments[index - 1]) needs a value") }
            return arguments[index]
        }
        func number() throws -> Int {
            let text = try value()
            guard let number = Int(text), number > 0 else { throw BenchmarkError("not a positive number: \(text)") }
            return number
        }
        while index < arguments.count {
            switch arguments[index] {
            case "--url": url = try value()
            case "--runs": runs = try number()
            case "--intake": intake = try number()
            case "--batch": batch = try number()
            case "--batches": batches = try number()
            case "--lookup-size": lookupSize = try number()
            case "--lookups": lookups = try number()
            case "--writer-requests": writerRequests = try number()
            case "--only":
                sections = Set(try value().split(separator: ",").map(String.init))
                let unknown = sections.subtracting(["intake", "batch", "lookup", "writers"])
                guard unknown.isEmpty else { throw BenchmarkError("--only: unknown \(unknown.sorted())") }
            case "--writer":
                let url = try value()
                let count = try number()
                guard let start = Double(try value()) else { throw BenchmarkError("--writer: a start time") }
                writer = Writers.Assignment(url: url, count: count, start: start)
            default:
                throw BenchmarkError("unknown option \(arguments[index])")
            }
            index += 1
        }
    }
}

struct BenchmarkError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// The server the benchmark runs against: a throwaway cluster, or the one `--url` names.
final class Server: Sendable {
    private let cluster: PostgresCluster?
    /// Connection settings for the maintenance database.
    let url: String
    let version: String
    let settings: String
    let description: String

    init(url: String?) throws {
        if let url {
            cluster = nil
            self.url = url
            description = "the server of --url"
        } else {
            guard let binaries = PostgresCluster.binaryFolder else {
                throw BenchmarkError("no PostgreSQL server binaries (initdb, pg_ctl, postgres); pass --url")
            }
            let cluster = try PostgresCluster(binaries: binaries, settings: ["shared_buffers=256MB"])
            self.cluster = cluster
            self.url = cluster.url(database: "postgres")
            description = "a throwaway cluster in \(cluster.root) (\(binaries))"
        }
        let raw = try Libpq(self.url)
        func show(_ name: String) throws -> String { try raw.query("SHOW \(name)").first?.first.flatMap { $0 } ?? "?" }
        version = try show("server_version")
        let names = ["fsync", "synchronous_commit", "wal_sync_method", "shared_buffers", "full_page_writes"]
        settings = try names.map { name in "\(name)=\(try show(name))" }.joined(separator: ", ")
    }

    /// A new, empty database named `name` (dropped first if an earlier run left it), and its
    /// connection string.
    func makeDatabase(_ name: String) throws -> String {
        let raw = try Libpq(url)
        try raw.query("DROP DATABASE IF EXISTS \(name)")
        try raw.query("CREATE DATABASE \(name)")
        return try Self.connectionString(url, database: name)
    }

    /// Drops the database `name`.
    func dropDatabase(_ name: String) throws {
        try Libpq(url).query("DROP DATABASE IF EXISTS \(name)")
    }

    /// Whether the database `name` exists.
    func databaseExists(_ name: String) throws -> Bool {
        try Libpq(url).query("SELECT 1 FROM pg_database WHERE datname = '\(name)'").count == 1
    }

    func connectionString(database: String) throws -> String { try Self.connectionString(url, database: database) }

    /// `url` with another database: libpq reads the URL (or key=value string), and its settings
    /// are written out again as key=value pairs with `dbname` replaced.
    static func connectionString(_ url: String, database: String) throws -> String {
        var message: UnsafeMutablePointer<CChar>?
        guard let options = PQconninfoParse(url, &message) else {
            defer { PQfreemem(message) }
            throw BenchmarkError("--url: \(message.map { String(cString: $0) } ?? "unreadable")")
        }
        defer { PQconninfoFree(options) }
        var pairs: [String] = []
        var option = options
        while let keyword = option.pointee.keyword {
            let key = String(cString: keyword)
            if key != "dbname", let value = option.pointee.val {
                let text = String(cString: value).replacingOccurrences(of: "\\", with: "\\\\")
                    .replacingOccurrences(of: "'", with: "\\'")
                pairs.append("\(key)='\(text)'")
            }
            option += 1
        }
        pairs.append("dbname='\(database)'")
        return pairs.joined(separator: " ")
    }

    func stop() { cluster?.stop() }
}

/// Time of one run: CPU seconds of this whole process (the store works on threads of its own)
/// and wall seconds.
typealias RunTime = (cpu: Double, wall: Double)

extension Measurement {
    /// Process CPU and wall time of `body`.
    static func processTimes(_ body: () async throws -> Void) async rethrows -> RunTime {
        let wall = ContinuousClock.now
        let cpu = processCPUTime()
        try await body()
        return (processCPUTime() - cpu, (ContinuousClock.now - wall).seconds)
    }

    /// "wall min 1,234/s / median 1,300/s / max 1,350/s; CPU 210 µs per request (median)".
    static func wallSpread(_ count: Int, _ times: [RunTime], unit: String = "request") -> String {
        let wall = times.map(\.wall).sorted()
        let cpu = times.map(\.cpu).sorted()
        return "wall min \(rate(count, wall.last ?? .nan)) / median \(rate(count, percentile(wall, 0.5))) / "
            + "max \(rate(count, wall.first ?? .nan)); client CPU "
            + String(format: "%.0f µs per %@ (median)", percentile(cpu, 0.5) / Double(count) * 1e6, unit)
    }

    /// The median of `values`.
    static func median(_ values: [Double]) -> Double { percentile(values.sorted(), 0.5) }
}
