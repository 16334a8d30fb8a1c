import Foundation

/// A program started with its standard output in a file and its standard error in `output.err`,
/// then waited for or killed: the writers of the multi-process and crash tests, and the example
/// programs started together on one database.
package struct ChildProcess: Sendable {
    package let pid: pid_t
    /// The file holding the standard output.
    package let output: String

    /// The executable `name` built next to the running test bundle, if it was built.
    package static func builtBesideTests(_ name: String) -> String? {
        let bundle = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var directory = bundle.deletingLastPathComponent()
        // On some platforms the bundle is a directory (`….xctest/Contents/MacOS/…`).
        while directory.pathExtension == "xctest" || ["Contents", "MacOS"].contains(directory.lastPathComponent) {
            directory.deleteLastPathComponent()
        }
        let path = directory.appendingPathComponent(name).path
        return FileManager.default.isExecutableFile(atPath: path) ? path : nil
    }

    /// Starts `executable` with `arguments`, its standard output to `output` and its standard
    /// error to `output.err`.
    package static func start(_ executable: String, _ arguments: [String], output: String) throws -> ChildProcess {
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
        return ChildProcess(pid: pid, output: output)
    }

    /// Waits for the process to end, without holding a cooperative thread; its wait status
    /// (0 when it exited with status 0).
    package func wait() async -> Int32 {
        var status: Int32 = 0
        while true {
            let result = waitpid(pid, &status, WNOHANG)
            if result == pid || (result == -1 && errno != EINTR) { return status }
            try? await Task.sleep(for: .milliseconds(20))
        }
    }

    /// Kills the process with SIGKILL and reaps it.
    package func kill() async {
        _ = Foundation.kill(pid, SIGKILL)
        _ = await wait()
    }

    /// What the process wrote to standard output.
    package var standardOutput: String { (try? String(contentsOfFile: output, encoding: .utf8)) ?? "" }

    /// What the process wrote to standard error.
    package var errors: String { (try? String(contentsOfFile: output + ".err", encoding: .utf8)) ?? "" }
}
