import Foundation

/// An example program as a user runs it: the executable SwiftPM built beside the test bundle,
/// started as a separate process, so a crash is seen as a crash.
package struct BuiltProgram: Sendable {
    /// What a finished run left behind.
    package struct Run: Sendable {
        /// The exit status, or the signal's number when a signal (a trap) ended the process.
        package let status: Int32
        /// Whether the process exited rather than being ended by a signal.
        package let exitedNormally: Bool
        package let output: String
        package let errors: String
    }

    /// The executable's location.
    package let url: URL

    /// The program `name` (`lifecycle`, `call-day`) built beside the running test bundle.
    package init(_ name: String) {
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
            .deletingLastPathComponent()
        // On some platforms the bundle is a directory (`….xctest/Contents/MacOS/…`).
        while directory.pathExtension == "xctest" || ["Contents", "MacOS"].contains(directory.lastPathComponent) {
            directory.deleteLastPathComponent()
        }
        url = directory.appendingPathComponent(name)
    }

    /// Whether the executable is there (`swift test` builds it with the tests).
    package var isBuilt: Bool { FileManager.default.isExecutableFile(atPath: url.path) }

    /// Runs the program with `arguments` and waits for it to end.
    package func run(_ arguments: [String]) throws -> Run {
        let process = Process()
        process.executableURL = url
        process.arguments = arguments
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        // Read the pipes to the end before waiting, so a full pipe cannot stall the program (the
        // examples write little to standard error).
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        let errorData = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(
            status: process.terminationStatus,
            exitedNormally: process.terminationReason == .exit,
            output: String(decoding: outputData, as: UTF8.self),
            errors: String(decoding: errorData, as: UTF8.self)
        )
    }
}
