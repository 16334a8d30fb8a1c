import ExampleCommandLine
import ExampleTestSupport
import Testing

@testable import ClosingTheLoop

@Suite struct ClosingTheLoopProgramTests {
    @Test func narrationMatchesItsGoldenFile() async throws {
        let transcript = Transcript()
        let status = await ClosingTheLoopProgram.run([], console: transcript.console)
        #expect(status == 0)
        #expect(transcript.errors.isEmpty)
        let mismatch = try GoldenFile("closing-the-loop.txt", besides: #filePath).mismatch(transcript.output)
        #expect(mismatch == nil, "\(mismatch ?? "")")
    }

    @Test func anArgumentIsAUsageErrorWithStatusTwo() async {
        let transcript = Transcript()
        #expect(await ClosingTheLoopProgram.run(["--store", "memory"], console: transcript.console) == 2)
        #expect(transcript.errors.contains("usage: closing-the-loop"))
    }
}
