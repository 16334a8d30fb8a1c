@_spi(Benchmarks) import Civic311
import Civic311Simulation
import ExampleCommandLine
import ExampleTestSupport
import Foundation
import Testing

@testable import CallDay

/// Argument lists with extreme numbers: an audit crashed the binary with 88 of 2,800 random lists.
/// Each must end in a usage error (exit status 2) naming the option or the scenario field.
@Suite struct CallDayExtremeArgumentTests {
    @Test func aSurgeThatOverflowsTheDayIsAUsageError() async {
        let transcript = Transcript()
        let status = await CallDayProgram.run(["--surge", "all:1e308:0-24"], console: transcript.console)
        #expect(status == 2)
        #expect(transcript.errors.contains("surges"), "\(transcript.errors)")
        #expect(transcript.output.isEmpty)
    }

    @Test func erlangWithAnOverflowingLoadIsAUsageError() async {
        for arguments in [
            ["--calls", "1e19", "--interval-seconds", "1"],
            ["--calls", "1", "--interval-seconds", "1e-300"],
            ["--calls", "1e308", "--interval-seconds", "1e-300"],
        ] {
            let transcript = Transcript()
            let status = await CallDayProgram.run(
                ["erlang"] + arguments + [
                    "--aht-seconds", "1", "--agents", "1", "--target-seconds", "20", "--sl-goal", "0.8",
                ],
                console: transcript.console
            )
            #expect(status == 2, "\(arguments): \(transcript.errors)")
            #expect(transcript.errors.hasPrefix("call-day: "), "\(arguments)")
            #expect(transcript.output.isEmpty)
        }
    }

    /// Random lists over the options that take numbers, with the values the audit found dangerous:
    /// parsing, building the scenario and checking it must end in a result or a `ValidationError`.
    /// (A trap would end the whole test process, so reaching the end is the assertion, and the
    /// count of refused lists shows the extremes were exercised.)
    @Test func randomExtremeArgumentListsAreRefusedOrAccepted() throws {
        let values = ["0", "1", "-1", "20", "1800", "1e-300", "1e19", "1e308", "nan", "inf", "-0", "4294967296"]
        var generator = SplitMix64(seed: 2_800)
        func pick(_ choices: [String]) -> String { choices[Int(generator.next() % UInt64(choices.count))] }
        var refused = 0
        var erlangRuns = 0
        for _ in 0..<150 {
            var arguments: [String]
            if generator.next() % 2 == 0 {
                arguments = ["erlang"]
                for option in ["--calls", "--interval-seconds", "--aht-seconds", "--agents", "--target-seconds"] {
                    arguments += [option, pick(values)]
                }
                if generator.next() % 2 == 0 { arguments += ["--sl-goal", pick(["0.8", "0.999999999999", "1e-300"])] }
            } else {
                arguments = ["--calls", pick(["0", "1", "60", "1300"])]
                arguments += ["--surge", "\(pick(["all", "POTHOLE"])):\(pick(values)):\(pick(["0-24", "8-9"]))"]
                if generator.next() % 2 == 0 { arguments += ["--agents", pick(["0", "1", "1000000"])] }
                if generator.next() % 2 == 0 { arguments += ["--target", "\(pick(values))/\(pick(values))"] }
                if generator.next() % 2 == 0 { arguments += ["--crew", "DOT:\(pick(values))"] }
            }
            do throws(ValidationError) {
                switch try CallDayCommand.parse(arguments) {
                case .help:
                    break
                case .erlang(let query):
                    erlangRuns += 1
                    _ = try query.report()
                case .simulate(let options):
                    _ = try CallDaySimulation(scenario: try options.scenario())
                }
            } catch {
                refused += 1
                #expect(!error.field.isEmpty && !error.reason.isEmpty, "\(arguments)")
            }
        }
        #expect(refused > 30 && refused < 150, "refused \(refused)")
        #expect(erlangRuns > 2, "erlang queries that parsed: \(erlangRuns)")
    }
}
