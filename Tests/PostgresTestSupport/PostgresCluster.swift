import Foundation
import Synchronization

/// A throwaway PostgreSQL cluster for the tests (and the example tests and benchmarks): `initdb` into a temporary folder, then a server
/// started with `pg_ctl` that listens only on a Unix socket in that folder, stopped and removed
/// when the test process exits.
///
/// `initdb` and the server refuse to run as root; when the tests run as root (as in CI) they
/// run as the `postgres` user, which owns the folder.
package final class PostgresCluster: Sendable {
    /// The folder holding the data directory, the socket and the log.
    package let root: String
    package let port: Int
    package let binaries: String
    /// Numbers the databases; an atomic rather than a `Mutex`, whose futex handoff ThreadSanitizer
    /// cannot see (the conformance areas make databases from several threads at once).
    private let databases = Atomic<Int>(0)
    /// Server settings beyond the tests' own, each `name=value`.
    private let settings: [String]

    /// The folder holding `initdb`, `pg_ctl` and `postgres`: the first on `PATH`, else the
    /// newest under `/usr/lib/postgresql`; `nil` when there is none.
    package static let binaryFolder: String? = {
        let manager = FileManager.default
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        var folders = path.split(separator: ":").map(String.init)
        let versions = (try? manager.contentsOfDirectory(atPath: "/usr/lib/postgresql")) ?? []
        folders += versions.sorted { (Int($0) ?? 0) > (Int($1) ?? 0) }.map { "/usr/lib/postgresql/\($0)/bin" }
        return folders.first { folder in
            ["initdb", "pg_ctl", "postgres"].allSatisfy { manager.isExecutableFile(atPath: "\(folder)/\($0)") }
        }
    }()

    /// Why the PostgreSQL tests skip, on one line (a `String`: this target does not link
    /// Swift Testing; suites wrap it in a `Comment`).
    package static let skipReason =
        "no PostgreSQL server binaries (initdb, pg_ctl, postgres) on PATH or in /usr/lib/postgresql/*/bin"

    /// The cluster of this test process, started on first use; `nil` when it could not be.
    package static let shared: PostgresCluster? = {
        guard let binaryFolder else { return nil }
        do {
            let cluster = try PostgresCluster(binaries: binaryFolder)
            atexit { PostgresCluster.shared?.stop() }
            return cluster
        } catch {
            print("PostgreSQL test cluster failed to start: \(error)")
            return nil
        }
    }()

    /// The shared cluster, or a test failure saying why there is none.
    package static func started() throws -> PostgresCluster {
        guard let shared else { throw ClusterError(message: "the test cluster did not start (see the output above)") }
        return shared
    }

    private static var isRoot: Bool { getuid() == 0 }

    /// Where the clusters live: short, since a Unix socket path must fit in about 100 bytes.
    private static let folderPrefix = "/tmp/c311pg-"

    /// Starts a cluster. The port only names the socket file, which lives in the cluster's own
    /// folder, and the server listens on no TCP address, so any port is free.
    ///
    /// - Parameter settings: server settings beyond the tests' own, each `name=value` (a
    ///   benchmark's larger `shared_buffers`, say).
    package init(binaries: String, settings: [String] = []) throws {
        self.binaries = binaries
        self.settings = settings
        root = Self.folderPrefix + UUID().uuidString.prefix(8)
        port = Int.random(in: 20_000...60_000)
        Self.stopAbandoned(binaries: binaries)
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        // Names this process, so a later run can stop the server if this one dies without
        // stopping it.
        try String(getpid()).write(toFile: "\(root)/owner", atomically: false, encoding: .utf8)
        if Self.isRoot { try Self.run("/bin/chown", ["postgres:postgres", root]) }
        try runServerTool(
            "initdb",
            ["-D", "\(root)/data", "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync"]
        )
        // One role must give a password, for the refused-login test; everyone else is trusted.
        let rules = "local all civic311_refused scram-sha-256\nlocal all all trust\n"
        try rules.write(toFile: "\(root)/data/pg_hba.conf", atomically: false, encoding: .utf8)
        try restart()
        let maintenance = try RawPostgres(url(database: "postgres"))
        try maintenance.execute("CREATE ROLE civic311_refused LOGIN PASSWORD 'right-password'")
    }

    /// A libpq URI for `database` as the superuser.
    package func url(database: String, user: String = "postgres") -> String {
        "postgresql://\(user)@/\(database)?host=\(root)&port=\(port)"
    }

    /// A new, empty database, and its URI.
    package func makeDatabase() throws -> String {
        let number = databases.wrappingAdd(1, ordering: .relaxed).newValue
        let name = "t\(number)_\(UUID().uuidString.prefix(8).lowercased())"
        try RawPostgres(url(database: "postgres")).execute("CREATE DATABASE \(name)")
        return url(database: name)
    }

    /// Stops the server at once and removes the folder.
    package func stop() {
        try? runServerTool("pg_ctl", ["-D", "\(root)/data", "-m", "immediate", "stop"])
        try? FileManager.default.removeItem(atPath: root)
    }

    /// Stops the server at once (as a crash would) without removing anything.
    package func kill() throws {
        try runServerTool("pg_ctl", ["-D", "\(root)/data", "-m", "immediate", "stop"])
    }

    /// The process ID of the server's postmaster, from the first line of `postmaster.pid`; `nil`
    /// when the server is not running.
    package var postmasterPID: pid_t? {
        // The data directory belongs to the postgres user but is readable by root, who runs CI.
        guard let text = try? String(contentsOfFile: "\(root)/data/postmaster.pid", encoding: .utf8) else { return nil }
        return text.split(separator: "\n").first.flatMap { pid_t($0) }
    }

    /// Starts the server after its postmaster was SIGKILLed: the server's own processes notice
    /// that their postmaster died and exit, but until the last has, the old shared memory is
    /// still attached and a new postmaster refuses to start; so this tries again for up to
    /// `patience`.
    package func restartAfterKill(patience: Duration = .seconds(30)) throws {
        let deadline = ContinuousClock.now + patience
        while true {
            do {
                try restart()
                return
            } catch {
                guard ContinuousClock.now < deadline else { throw error }
                Thread.sleep(forTimeInterval: 0.25)
            }
        }
    }

    /// Starts the server (again, after ``kill()``): on a Unix socket in the cluster's folder only.
    package func restart() throws {
        let options =
            "-c listen_addresses='' -c unix_socket_directories='\(root)' -c port=\(port) "
            + "-c max_connections=300 -c shared_buffers=32MB" + settings.map { " -c \($0)" }.joined()
        try runServerTool("pg_ctl", ["-D", "\(root)/data", "-l", "\(root)/log", "-w", "-o", options, "start"])
    }

    /// Stops the servers of test processes that died without stopping them (their `owner`
    /// process is gone), and removes their folders.
    private static func stopAbandoned(binaries: String) {
        let folders = (try? FileManager.default.contentsOfDirectory(atPath: "/tmp")) ?? []
        for name in folders where ("/tmp/" + name).hasPrefix(folderPrefix) {
            let folder = "/tmp/" + name
            guard let text = try? String(contentsOfFile: "\(folder)/owner", encoding: .utf8),
                let owner = pid_t(text), Foundation.kill(owner, 0) == -1, errno == ESRCH
            else { continue }
            let tool = "\(binaries)/pg_ctl"
            let arguments = ["-D", "\(folder)/data", "-m", "immediate", "stop"]
            if isRoot {
                try? run("/sbin/runuser", ["-u", "postgres", "--", tool] + arguments)
            } else {
                try? run(tool, arguments)
            }
            try? FileManager.default.removeItem(atPath: folder)
        }
    }

    /// Runs one of the server's programs, as `postgres` when this process is root.
    private func runServerTool(_ tool: String, _ arguments: [String]) throws {
        if Self.isRoot {
            try Self.run("/sbin/runuser", ["-u", "postgres", "--", "\(binaries)/\(tool)"] + arguments)
        } else {
            try Self.run("\(binaries)/\(tool)", arguments)
        }
    }

    /// Runs `executable` to its end with `posix_spawn` and `waitpid`, its standard error kept
    /// in a file for the message. (Foundation's `Process.waitUntilExit` was seen to miss the
    /// exit of `pg_ctl`, whose server lives on after it.)
    private static func run(_ executable: String, _ arguments: [String]) throws {
        let errors = "/tmp/c311pg-\(UUID().uuidString.prefix(8)).err"
        defer { try? FileManager.default.removeItem(atPath: errors) }
        var actions: posix_spawn_file_actions_t = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, errors, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, executable, &actions, nil, argv, environ)
        guard spawned == 0 else {
            throw ClusterError(message: "\(executable) could not be started: \(String(cString: strerror(spawned)))")
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1, errno == EINTR {}
        // Exited normally with status 0: the low seven bits are the signal, the next eight the status.
        guard status & 0x7f == 0, (status >> 8) & 0xff == 0 else {
            let text = (try? String(contentsOfFile: errors, encoding: .utf8)) ?? ""
            throw ClusterError(
                message: "\(executable) \(arguments.joined(separator: " ")) failed (wait status \(status)): \(text)"
            )
        }
    }

    package struct ClusterError: Error, CustomStringConvertible {
        package let message: String
        package init(message: String) { self.message = message }
        package var description: String { message }
    }
}
