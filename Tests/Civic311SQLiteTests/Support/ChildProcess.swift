import Foundation

/// The programs the crash tests start and kill: executables of this package, built next to the
/// test bundle.
enum ChildProcess {
    /// The executable `name` built next to this test bundle, if it was built.
    static func built(_ name: String) -> URL? {
        let bundle = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var directory = bundle.deletingLastPathComponent()
        // On some platforms the bundle is a directory (`….xctest/Contents/MacOS/…`).
        while directory.pathExtension == "xctest" || ["Contents", "MacOS"].contains(directory.lastPathComponent) {
            directory.deleteLastPathComponent()
        }
        let candidate = directory.appendingPathComponent(name)
        return FileManager.default.isExecutableFile(atPath: candidate.path) ? candidate : nil
    }

    /// Runs `executable` for `seconds`, kills it with SIGKILL, and returns the complete lines it
    /// printed. The output goes to the file at `output`: what the program wrote before it died is
    /// all there.
    static func runAndKill(
        _ executable: URL,
        arguments: [String],
        output: String,
        after seconds: Double
    ) async throws -> [String] {
        let process = try start(executable, arguments: arguments, output: output)
        try await Task.sleep(for: .seconds(seconds))
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        return try completeLines(of: output)
    }

    /// Runs `executable` until it exits, and returns its exit status, the lines it printed and
    /// what it wrote to standard error (kept in `output` + `.err`).
    static func runToExit(
        _ executable: URL,
        arguments: [String],
        output: String
    ) async throws -> (status: Int32, lines: [String], errors: String) {
        let errors = output + ".err"
        let process = try start(executable, arguments: arguments, output: output, errors: errors)
        while process.isRunning { try await Task.sleep(for: .milliseconds(10)) }
        process.waitUntilExit()
        let text = String(decoding: try Data(contentsOf: URL(fileURLWithPath: errors)), as: UTF8.self)
        return (process.terminationStatus, try completeLines(of: output), text)
    }

    private static func start(
        _ executable: URL,
        arguments: [String],
        output: String,
        errors: String? = nil
    ) throws -> Process {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        // The child holds its own copies of the files; the parent's close when this returns.
        let outputHandle = try emptyFile(at: output)
        defer { try? outputHandle.close() }
        process.standardOutput = outputHandle
        let errorHandle = try errors.map(emptyFile(at:))
        defer { try? errorHandle?.close() }
        process.standardError = errorHandle ?? FileHandle.nullDevice
        try process.run()
        return process
    }

    private static func emptyFile(at path: String) throws -> FileHandle {
        _ = FileManager.default.createFile(atPath: path, contents: nil)
        return try FileHandle(forWritingTo: URL(fileURLWithPath: path))
    }

    /// The lines of the file at `path` that end with a newline: a line without one was cut off by
    /// the kill, and was never fully printed.
    private static func completeLines(of path: String) throws -> [String] {
        let text = String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        lines.removeLast()
        return lines.filter { !$0.isEmpty }
    }
}
