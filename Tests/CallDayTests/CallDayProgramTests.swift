import Civic311
import ExampleCommandLine
import ExampleTestSupport
import Foundation
import Testing

@testable import CallDay

@Suite struct CallDayProgramTests {
    @Test func jsonForASeedMatchesItsGoldenFile() async throws {
        let transcript = Transcript()
        let status = await CallDayProgram.run(["--calls", "600", "--format", "json"], console: transcript.console)
        #expect(status == 0)
        let mismatch = try GoldenFile("call-day-600-seed-311.json", besides: #filePath).mismatch(transcript.output)
        #expect(mismatch == nil, "\(mismatch ?? "")")
    }

    @Test func anOutputPathThatCannotBeWrittenStopsBeforeTheDay() async throws {
        // It once simulated the whole day, then dumped "NSCocoaErrorDomain Code=4".
        let directory = try TemporaryDirectory("call-day")
        defer { directory.remove() }
        let database = directory.path("day.sqlite")
        let transcript = Transcript()
        let status = await CallDayProgram.run(
            ["--html", "/nonexistent/dir/x.html", "--store", "sqlite:\(database)"],
            console: transcript.console
        )
        #expect(status == 1)
        #expect(
            transcript.errors
                == "call-day: --html: cannot write /nonexistent/dir/x.html: there is no directory /nonexistent/dir\n"
        )
        #expect(transcript.output.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: database), "the store is not even opened")

        let intoADirectory = Transcript()
        #expect(await CallDayProgram.run(["--html", directory.url.path], console: intoADirectory.console) == 1)
        #expect(intoADirectory.errors.contains("it is a directory"))
    }

    @Test func erlangHasHelp() async throws {
        let transcript = Transcript()
        #expect(await CallDayProgram.run(["erlang", "--help"], console: transcript.console) == 0)
        #expect(transcript.output == CallDayCommand.usage + "\n")
        #expect(transcript.errors.isEmpty)
    }

    @Test func serviceLevelGoalsAreASharesOrPercentagesNeverGuessed() throws {
        #expect(try CallDayCommand.serviceLevelGoal("0.8") == 0.8)
        #expect(try CallDayCommand.serviceLevelGoal("80%") == 0.8)
        #expect(try CallDayCommand.serviceLevelGoal("99.5%") == 0.995)
        // "1" was read as 1 %: a bare number of 1 or more is now refused as ambiguous.
        for text in ["1", "80", "0", "100%", "0%", "-5%", "x", "%", "nan"] {
            #expect(throws: ValidationError.self, "\(text)") { try CallDayCommand.serviceLevelGoal(text) }
        }
        #expect(CallDayCommand.usage.contains("80%"))
    }

    @Test func aStoreThatHoldsAnEarlierDayIsRefused() async throws {
        // Run twice on one database, the report once doubled the backlog and overdue counts.
        let directory = try TemporaryDirectory("call-day")
        defer { directory.remove() }
        let arguments = [
            "--calls", "60", "--days", "1", "--format", "json", "--store", "sqlite:\(directory.path("f"))",
        ]
        #expect(await CallDayProgram.run(arguments, console: Transcript().console) == 0)
        let second = Transcript()
        #expect(await CallDayProgram.run(arguments, console: second.console) == 1)
        #expect(second.errors.hasPrefix("call-day: store: already holds "))
        #expect(second.output.isEmpty)
    }

    @Test func theBuiltProgramNeverCrashesOnBadInput() throws {
        let program = BuiltProgram("call-day")
        try #require(program.isBuilt, "\(program.url.path) is not built")
        for (arguments, status) in [
            (["--seed", "not-a-number"], Int32(2)), (["erlang", "--sl-goal", "1"], 2), (["--store", "sqlite:"], 2),
            (["--html", "/nonexistent/dir/x.html"], 1), (["erlang", "--help"], 0),
            // A PostgreSQL server nobody runs, and a URL libpq cannot read: store failures.
            (["--store", "postgres:postgresql://postgres@/civic311?host=/nonexistent-civic311&port=5999"], 1),
            (["--store", "postgres:host"], 1),
            // Both trapped before the simulation library checked its limits.
            (["--surge", "all:1e308:0-24"], 2),
            (
                [
                    "erlang", "--calls", "1e19", "--interval-seconds", "1", "--aht-seconds", "1", "--agents", "1",
                    "--target-seconds", "20", "--sl-goal", "0.8",
                ], 2
            ),
        ] {
            let run = try program.run(arguments)
            #expect(run.exitedNormally, "\(arguments)")
            #expect(run.status == status, "\(arguments): \(run.errors)")
            #expect(!run.errors.contains("Fatal error"), "\(arguments)")
        }
    }
}
