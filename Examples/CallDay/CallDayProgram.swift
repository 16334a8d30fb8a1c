import Civic311
import Civic311Simulation
import ExampleCommandLine

/// The `call-day` program: parses the arguments, checks every path and the store, then simulates
/// and reports. Everything that stops it becomes a message and an exit status (2 for a usage
/// mistake, 1 otherwise); nothing escapes as a crash.
enum CallDayProgram {
    /// Runs `call-day` with `arguments` (without the program name) and returns the exit status.
    static func run(_ arguments: [String], console: Console) async -> Int32 {
        await CommandRunner.run("call-day", usage: CallDayCommand.usage, console: console) {
            let command: CallDayCommand
            do throws(ValidationError) {
                command = try CallDayCommand.parse(arguments)
            } catch {
                throw CommandFailure.usage(error)
            }
            switch command {
            case .help:
                console.print(CallDayCommand.usage)
            case .erlang(let query):
                do throws(ValidationError) {
                    console.output(try query.report())
                } catch {
                    throw CommandFailure.usage(error)
                }
            case .simulate(let options):
                try await simulate(options, console: console)
            }
        }
    }

    private static func simulate(_ options: CallDayOptions, console: Console) async throws {
        let simulation: CallDaySimulation
        do throws(ValidationError) {
            simulation = try CallDaySimulation(scenario: try options.scenario())
        } catch {
            throw CommandFailure.usage(error)
        }
        // Everything the run will need is checked first, so a mistake costs no simulated day.
        let html = try options.htmlPath.map { path throws(CommandFailure) in
            try OutputFile(path: path, option: "--html")
        }
        let opened = try options.store.open()
        // `run` is @concurrent: the simulation runs off the caller's actor.
        let outcome = try await simulation.run(seed: options.seed, store: opened.store, node: opened.node)
        switch options.format {
        case .text:
            console.output(outcome.textReport())
            console.print("\n" + Timing.summary(outcome.timings))
        case .json:
            console.output(outcome.jsonDocument())
        case .csv:
            console.output(outcome.csvDocument())
        }
        if let html {
            try html.write(outcome.htmlDocument())
            console.errors("call-day: wrote \(html.path)\n")
        }
    }
}
