import Foundation

/// A `civic311-postgres-writer` process: started with its standard output in a file, waited
/// for or killed, and its acknowledged lines read back.
struct WriterProcess {
    let pid: pid_t
    let output: String

    /// The writer built next to this test bundle, if it was built.
    static var executable: String? {
        let bundle = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var directory = bundle.deletingLastPathComponent()
        // On some platforms the bundle is a directory (`….xctest/Contents/MacOS/…`).
        while directory.pathExtension == "xctest" || ["Contents", "MacOS"].contains(directory.lastPathComponent) {
            directory.deleteLastPathComponent()
        }
        let path = directory.appendingPathComponent("civic311-postgres-writer").path
        return FileManager.default.isExecutableFile(atPath: path) ? path : nil
    }

    /// Starts `executable` with `arguments`, its standard output to `output` and its standard
    /// error to `output.err`.
    static func start(_ executable: String, _ arguments: [String], output: String) throws -> WriterProcess {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, output + ".err", O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid: pid_t = 0
        let result = posix_spawn(&pid, executable, &actions, nil, argv, environ)
        guard result == 0 else {
            throw PostgresCluster.ClusterError(
                message: "\(executable) did not start: \(String(cString: strerror(result)))"
            )
        }
        return WriterProcess(pid: pid, output: output)
    }

    /// Waits for the process to end, without holding a cooperative thread; its wait status.
    func wait() async -> Int32 {
        var status: Int32 = 0
        while true {
            let result = waitpid(pid, &status, WNOHANG)
            if result == pid || (result == -1 && errno != EINTR) { return status }
            try? await Task.sleep(for: .milliseconds(20))
        }
    }

    /// Kills the process with SIGKILL and reaps it.
    func kill() async {
        _ = Foundation.kill(pid, SIGKILL)
        _ = await wait()
    }

    /// The acknowledged lines, "<ticket> <version>", each ended by a newline (a line the kill
    /// cut off was never acknowledged).
    func acknowledged() throws -> [(ticket: String, version: Int)] {
        let text = try String(contentsOfFile: output, encoding: .utf8)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        lines.removeLast()
        return lines.compactMap { line in
            let parts = line.split(separator: " ")
            guard parts.count == 2, let version = Int(parts[1]) else { return nil }
            return (String(parts[0]), version)
        }
    }

    /// What the process wrote to standard error.
    var errors: String { (try? String(contentsOfFile: output + ".err", encoding: .utf8)) ?? "" }
}
