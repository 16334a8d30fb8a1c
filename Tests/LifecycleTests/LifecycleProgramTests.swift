import Civic311
import ExampleCommandLine
import Foundation
import Testing

@testable import Lifecycle

@Suite struct LifecycleProgramTests {
    @Test func aFileThatIsNotADatabaseIsAMessageAndStatusOne() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("lifecycle-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("notes.txt").path
        try Data(String(repeating: "not a database\n", count: 200).utf8).write(to: URL(fileURLWithPath: path))

        let transcript = Transcript()
        let status = await LifecycleProgram.run(["--store", "sqlite:\(path)"], console: transcript.console)
        #expect(status == 1)
        #expect(transcript.errors.hasPrefix("lifecycle: "))
        #expect(!transcript.errors.contains("Fatal error"))
        #expect(transcript.output.isEmpty)
    }

    @Test func unknownArgumentsAreAUsageMistake() async {
        let transcript = Transcript()
        let status = await LifecycleProgram.run(["--stor", "memory"], console: transcript.console)
        #expect(status == 2)
        #expect(transcript.errors.contains("--stor: unknown option"))
        #expect(transcript.errors.contains(LifecycleProgram.usage))
    }
}
