import Civic311
import Civic311Simulation
import Foundation
import FuzzExampleCommandLine

@testable import FuzzCallDay

extension FuzzTarget {
    /// The `call-day` command line, one argument per line (or NUL-terminated) of the input: parsing is deterministic;
    /// a refusal names a field and a reason; accepted options written back as arguments parse to
    /// the same options; and the scenario they describe is built or refused with an error, never a
    /// trap. (The simulation itself is not run: one input would take seconds.)
    static let callDayArguments = FuzzTarget(name: "call-day-arguments") { data in
        let arguments = String(decoding: data, as: UTF8.self)
            // A process's arguments are C strings: a NUL ends one, like a line break here.
            .split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\0" })
            .map(String.init)
        let command: CallDayCommand
        do throws(ValidationError) {
            command = try CallDayCommand.parse(arguments)
        } catch {
            PropertyCheck.expect(
                !error.field.isEmpty && !error.reason.isEmpty,
                "a refused command line names a field and a reason",
                "\(error)"
            )
            do throws(ValidationError) {
                _ = try CallDayCommand.parse(arguments)
                PropertyCheck.fail("a refused command line is refused again", "\(arguments)")
            } catch let again {
                PropertyCheck.expect(again == error, "a command line is refused the same way twice", "\(arguments)")
            }
            return
        }
        let written = CallDayArguments.arguments(for: command)
        guard let again = try? CallDayCommand.parse(written) else {
            PropertyCheck.fail("accepted options written back parse again", "\(arguments) -> \(written)")
        }
        PropertyCheck.expect(
            CallDayArguments.sameMeaning(again, command),
            "accepted options written back parse to the same options",
            "\(arguments) -> \(written)"
        )
        switch command {
        case .help:
            break
        case .simulate(let options):
            if let scenario = try? options.scenario() { _ = try? CallDaySimulation(scenario: scenario) }
        case .erlang(let query):
            _ = try? query.report()
        }
    }
}

/// Writes a parsed `call-day` command back as arguments, each option in its `--option=value` form
/// so that a value that starts with a dash stays a value.
enum CallDayArguments {
    static func arguments(for command: CallDayCommand) -> [String] {
        switch command {
        case .help:
            return ["--help"]
        case .erlang(let query):
            var arguments = [
                "erlang", "--calls=\(query.calls)", "--interval-seconds=\(query.intervalSeconds)",
                "--aht-seconds=\(query.handleTimeSeconds)", "--agents=\(query.agents)",
                "--target-seconds=\(query.targetSeconds)", "--format=\(query.format.rawValue)",
            ]
            if let goal = query.serviceLevelGoal { arguments.append("--sl-goal=\(goal)") }
            return arguments
        case .simulate(let options):
            var arguments = ["--seed=\(options.seed)"]
            if let scale = options.scale { arguments.append("--scale=\(scale.rawValue)") }
            if let calls = options.calls { arguments.append("--calls=\(calls)") }
            if let agents = options.agents { arguments.append("--agents=\(agents)") }
            // The percentage kept strictly between 0 and 100, as parsing requires, whatever the rounding.
            let percent = min(max(options.targetServiceLevel * 100, .leastNonzeroMagnitude), 100.0.nextDown)
            arguments.append("--target=\(percent)/\(options.targetSeconds)")
            arguments.append("--interval=\(options.interval.rawValue / 60)")
            if case .excluded(let seconds) = options.shortAbandons { arguments.append("--short-abandons=\(seconds)") }
            arguments.append("--days=\(options.days)")
            arguments.append("--order=\(options.order.rawValue)")
            for (department, capacity) in options.crews.sorted(by: { $0.key < $1.key }) {
                arguments.append("--crew=\(department):\(capacity)")
            }
            for surge in options.surges {
                let hours = "\(surge.hours.lowerBound)-\(surge.hours.upperBound)"
                arguments.append("--surge=\(surge.serviceType ?? "all"):\(surge.factor):\(hours)")
            }
            if options.evaluatesEscalations { arguments.append("--escalations") }
            arguments.append("--format=\(options.format.rawValue)")
            if let path = options.htmlPath { arguments.append("--html=\(path)") }
            switch options.store {
            case .memory: arguments.append("--store=memory")
            case .sqlite(let path): arguments.append("--store=sqlite:\(path)")
            case .postgres(let url): arguments.append("--store=postgres:\(url)")
            }
            return arguments
        }
    }

    /// Equal, except that the service level, given as a percentage and kept as a share, may differ
    /// in its last bits after the trip through `SL * 100`.
    static func sameMeaning(_ left: CallDayCommand, _ right: CallDayCommand) -> Bool {
        guard case .simulate(var leftOptions) = left, case .simulate(let rightOptions) = right else {
            return left == right
        }
        let level = leftOptions.targetServiceLevel
        guard abs(level - rightOptions.targetServiceLevel) <= 1e-12 * max(1, abs(level)) else { return false }
        leftOptions.targetServiceLevel = rightOptions.targetServiceLevel
        return leftOptions == rightOptions
    }
}
