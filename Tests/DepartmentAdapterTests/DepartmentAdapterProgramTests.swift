import ExampleCommandLine
import ExampleTestSupport
import Foundation
import Testing

@testable import DepartmentAdapter

@Suite struct DepartmentAdapterProgramTests {
    @Test func theRunDeliversEveryRequestOnceAndTellsTheKeyScenes() async throws {
        let transcript = Transcript()
        let status = await DepartmentAdapterProgram.run([], console: transcript.console)
        #expect(status == 0)
        #expect(transcript.errors.isEmpty)
        let output = transcript.output
        #expect(output.contains("Work orders created: 4, each exactly once: yes"))
        #expect(output.contains("parked for an operator"))
        #expect(output.contains("unknown status 'WO_WAITING_ON_UTILITY'"))
        #expect(output.contains("re-keyed"))
        #expect(output.contains("applied:"))
        #expect(output.contains("rerouted to 311"))
        #expect(output.contains("the outbox cancelled its work order: yes"))
        #expect(output.contains("dead-lettered 0, pending 0"))
        #expect(output.contains("Cedar Valley 311 holds it (new), after DOT"))
        #expect(output.contains("entered as a parallel request: ticket"))
        #expect(output.contains("the same ticket, nothing stored twice: yes"))
        #expect(output.contains("the outbox sent the depot's own case back to it: no"))
        #expect(output.contains("WO_CLOSED -> closed, the resident reads: \"Reset the manhole frame"))
        #expect(!output.contains("Resumed"))
    }

    @Test func aSecondSQLiteRunResumesAndDeliversNothingTwice() async throws {
        let directory = try TemporaryDirectory("department-adapter")
        defer { directory.remove() }
        let arguments = ["--store", "sqlite:\(directory.path("civic311.sqlite"))"]
        let first = Transcript()
        #expect(await DepartmentAdapterProgram.run(arguments, console: first.console) == 0)
        #expect(!first.output.contains("Resumed"))

        let second = Transcript()
        #expect(await DepartmentAdapterProgram.run(arguments, console: second.console) == 0)
        #expect(second.errors.isEmpty)
        #expect(second.output.contains("Resumed the outbox from its checkpoint #"))
        #expect(second.output.contains("Deliveries this run made for requests of earlier runs: 0"))
        #expect(second.output.contains("Work orders created: 4, each exactly once: yes"))
    }

    @Test func badArgumentsAreAMessageAndStatusTwo() async throws {
        let transcript = Transcript()
        let status = await DepartmentAdapterProgram.run(["--stor", "memory"], console: transcript.console)
        #expect(status == 2)
        #expect(transcript.errors.contains("--stor: unknown option"))
        #expect(transcript.output.isEmpty)
    }

    @Test func theBuiltProgramRunsToTheEnd() async throws {
        let program = BuiltProgram("department-adapter")
        try #require(program.isBuilt, "\(program.url.path) is not built")
        let run = try program.run([])
        #expect(run.exitedNormally && run.status == 0)
        #expect(run.output.contains("each exactly once: yes"))
    }
}
