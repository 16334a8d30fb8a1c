import Civic311
import Civic311Simulation
import ExampleCommandLine

/// What the `call-day` example was asked to do, parsed strictly from its arguments.
///
/// Unknown options, missing or malformed values, options given twice (other than `--surge` and
/// `--crew`) and contradictory options (`--scale` with `--calls`, `--agents` with `--auto-staff`) are
/// refused with a `ValidationError` whose field names the option; nothing is guessed.
enum CallDayCommand: Sendable, Hashable {
    /// Simulate a call day.
    case simulate(CallDayOptions)
    /// Answer one Erlang C question.
    case erlang(ErlangQuery)
    /// Print the usage.
    case help

    /// The usage text.
    static let usage = """
        usage: call-day [options]
               call-day erlang --calls C --interval-seconds T --aht-seconds H --agents N --target-seconds S
                               [--sl-goal G] [--format text|json]

        Simulates one 311 call day in the sample county: the front office (IVR, queues, agents), every
        service request through the real intake, then the departments' crews over the following days.

        options:
          --seed N                      random seed (default 311)
          --scale NAME                  washoe (51 contacts), pittsburgh (341), montgomery (1,300, default),
                                        nyc (61,000) or nyc-peak (276,827)
          --calls N                     contacts on the call day, instead of --scale
          --agents N                    N agents on the phones around the clock
          --auto-staff                  roster each interval to the target with Erlang C (default)
          --target SL/SECONDS           staffing target, e.g. 80/20 (default) or 90/30
          --interval 15|30|60           planning and reporting interval in minutes (default 30)
          --short-abandons SECONDS      leave callers who hang up within SECONDS out of the service level
                                        (default: every hang-up counts against it)
          --days N                      back-office days from the call day, 1-60 (default 5)
          --order due|fifo              crews take the soonest-due (default) or the oldest request first
          --crew DEPT:N                 crew capacity per working day for a department (repeatable)
          --surge TYPE:FACTOR:FROM-TO   multiply a service type (or all) by FACTOR from hour FROM to TO,
                                        e.g. TREE_DOWN:8:14-20 (repeatable)
          --escalations                 run the escalation rules at the end of every day
          --format text|json|csv        report format (default text)
          --html FILE                   also write a self-contained HTML page with charts
          --store \(StoreOption.usage)
                                        where the requests are kept (default memory); the store must
                                        not hold an earlier day
          --help                        this text

        erlang: one interval of Erlang C, and with --sl-goal the fewest agents that reach the goal.
          --calls C                     calls offered in the interval
          --interval-seconds T          the interval's length
          --aht-seconds H               average handle time
          --agents N                    agents on the phones
          --target-seconds S            the service level's answer-time threshold
          --sl-goal G                   the goal as a share between 0 and 1 (0.8) or a percentage with a
                                        percent sign (80%); a bare 1 or more is refused as ambiguous
          --format text|json            answer format (default text)
          --help                        this text
        """

    /// Parses the arguments after the program name.
    ///
    /// - Throws: `ValidationError` naming the offending option.
    static func parse(_ arguments: [String]) throws(ValidationError) -> CallDayCommand {
        if arguments.first == "erlang" { return try parseErlang(Array(arguments.dropFirst())) }
        var reader = ArgumentReader(arguments)
        var options = CallDayOptions()
        var staffingGiven: String?
        while let option = try reader.nextOption(repeatable: ["--surge", "--crew"]) {
            switch option {
            case "--help", "-h":
                return .help
            case "--seed":
                options.seed = try reader.unsigned(for: option)
            case "--scale":
                guard options.calls == nil else { throw conflict("--scale", "--calls") }
                let name = try reader.value(for: option)
                guard let scale = CallDayScale(rawValue: name) else {
                    let names = CallDayScale.allCases.map(\.rawValue).joined(separator: ", ")
                    throw ValidationError(
                        .invalidValue,
                        field: option,
                        reason: "unknown scale \"\(name)\" (use \(names))"
                    )
                }
                options.scale = scale
            case "--calls":
                guard options.scale == nil else { throw conflict("--calls", "--scale") }
                options.calls = try reader.integer(for: option, in: 0...50_000_000)
            case "--agents":
                if let staffingGiven { throw conflict(option, staffingGiven) }
                staffingGiven = option
                options.agents = try reader.integer(for: option, in: 0...1_000_000)
            case "--auto-staff":
                if let staffingGiven { throw conflict(option, staffingGiven) }
                staffingGiven = option
                options.agents = nil
            case "--target":
                let text = try reader.value(for: option)
                let parts = text.split(separator: "/", omittingEmptySubsequences: false)
                guard parts.count == 2, let level = Double(parts[0]), let seconds = Double(parts[1]),
                    level > 0, level < 100, seconds >= 0, seconds <= 3_600
                else {
                    throw ValidationError(
                        .invalidValue,
                        field: option,
                        reason: "expected SL/SECONDS such as 80/20 (SL between 0 and 100), got \"\(text)\""
                    )
                }
                options.targetServiceLevel = level / 100
                options.targetSeconds = seconds
            case "--interval":
                let minutes = try reader.integer(for: option, in: 15...60)
                guard let interval = IntervalLength(rawValue: minutes * 60) else {
                    throw ValidationError(.invalidValue, field: option, reason: "must be 15, 30 or 60, got \(minutes)")
                }
                options.interval = interval
            case "--short-abandons":
                options.shortAbandons = .excluded(within: try reader.number(for: option, positive: false))
            case "--days":
                options.days = try reader.integer(for: option, in: 1...60)
            case "--order":
                let name = try reader.value(for: option)
                guard let order = WorkOrder(rawValue: name) else {
                    throw ValidationError(.invalidValue, field: option, reason: "must be due or fifo, got \"\(name)\"")
                }
                options.order = order
            case "--crew":
                let text = try reader.value(for: option)
                let parts = text.split(separator: ":", omittingEmptySubsequences: false)
                guard parts.count == 2, !parts[0].isEmpty, let capacity = Int(parts[1]),
                    (0...1_000_000).contains(capacity)
                else {
                    throw ValidationError(
                        .invalidValue,
                        field: option,
                        reason: "expected DEPT:N such as DOT:40, got \"\(text)\""
                    )
                }
                guard options.crews[String(parts[0])] == nil else {
                    throw ValidationError(.duplicate, field: option, reason: "department \(parts[0]) is given twice")
                }
                options.crews[String(parts[0])] = capacity
            case "--surge":
                options.surges.append(try parseSurge(try reader.value(for: option)))
            case "--escalations":
                options.evaluatesEscalations = true
            case "--format":
                let name = try reader.value(for: option)
                guard let format = CallDayOptions.Format(rawValue: name) else {
                    throw ValidationError(
                        .invalidValue,
                        field: option,
                        reason: "must be text, json or csv, got \"\(name)\""
                    )
                }
                options.format = format
            case "--html":
                options.htmlPath = try reader.value(for: option)
            case "--store":
                options.store = try StoreOption(parsing: try reader.value(for: option))
            default:
                throw ValidationError(.invalidValue, field: option, reason: "unknown option")
            }
        }
        return .simulate(options)
    }

    private static func parseErlang(_ arguments: [String]) throws(ValidationError) -> CallDayCommand {
        var reader = ArgumentReader(arguments)
        var calls: Double?
        var interval: Double?
        var handle: Double?
        var agents: Int?
        var target: Double?
        var goal: Double?
        var format = CallDayOptions.Format.text
        while let option = try reader.nextOption() {
            switch option {
            case "--help", "-h": return .help
            case "--calls": calls = try reader.number(for: option, positive: false)
            case "--interval-seconds": interval = try reader.number(for: option, positive: true)
            case "--aht-seconds": handle = try reader.number(for: option, positive: true)
            case "--agents": agents = try reader.integer(for: option, in: 0...50_000_000)
            case "--target-seconds": target = try reader.number(for: option, positive: false)
            case "--sl-goal":
                goal = try serviceLevelGoal(try reader.value(for: option))
            case "--format":
                let name = try reader.value(for: option)
                guard name == "json" || name == "text", let chosen = CallDayOptions.Format(rawValue: name) else {
                    throw ValidationError(.invalidValue, field: option, reason: "must be text or json, got \"\(name)\"")
                }
                format = chosen
            default:
                throw ValidationError(.invalidValue, field: option, reason: "unknown option for erlang")
            }
        }
        func required<Value>(_ value: Value?, _ name: String) throws(ValidationError) -> Value {
            guard let value else { throw ValidationError(.missingValue, field: name, reason: "is required for erlang") }
            return value
        }
        return .erlang(
            ErlangQuery(
                calls: try required(calls, "--calls"),
                intervalSeconds: try required(interval, "--interval-seconds"),
                handleTimeSeconds: try required(handle, "--aht-seconds"),
                agents: try required(agents, "--agents"),
                targetSeconds: try required(target, "--target-seconds"),
                serviceLevelGoal: goal,
                format: format
            )
        )
    }

    /// `--sl-goal`: a share strictly between 0 and 1 (`0.8`), or a percentage with its sign (`80%`).
    /// A bare number of 1 or more is refused: `1` could mean 1 % or 100 %, and guessing either
    /// answers a question nobody asked.
    static func serviceLevelGoal(_ text: String) throws(ValidationError) -> Double {
        let isPercentage = text.hasSuffix("%")
        let digits = isPercentage ? String(text.dropLast()) : text
        guard let value = Double(digits), value.isFinite else {
            throw ValidationError(
                .invalidValue,
                field: "--sl-goal",
                reason: "expected a share such as 0.8 or a percentage such as 80%, got \"\(text)\""
            )
        }
        let share = isPercentage ? value / 100 : value
        guard share > 0, share < 1 else {
            let reason =
                isPercentage
                ? "a percentage must lie strictly between 0% and 100%, got \(text)"
                : "a share must lie strictly between 0 and 1 (write 80% for a percentage), got \(text)"
            throw ValidationError(.outOfRange, field: "--sl-goal", reason: reason)
        }
        return share
    }

    private static func parseSurge(_ text: String) throws(ValidationError) -> CallDayOptions.SurgeOption {
        let invalid = ValidationError(
            .invalidValue,
            field: "--surge",
            reason: "expected TYPE:FACTOR:FROM-TO such as TREE_DOWN:8:14-20 (hours 0-24, FROM < TO), got \"\(text)\""
        )
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 3, !parts[0].isEmpty, let factor = Double(parts[1]), factor.isFinite, factor >= 0 else {
            throw invalid
        }
        let hours = parts[2].split(separator: "-", omittingEmptySubsequences: false)
        guard hours.count == 2, let from = Int(hours[0]), let to = Int(hours[1]), 0 <= from, from < to, to <= 24 else {
            throw invalid
        }
        let code = String(parts[0])
        return CallDayOptions.SurgeOption(
            serviceType: code.lowercased() == "all" ? nil : code,
            factor: factor,
            hours: from..<to
        )
    }

    private static func conflict(_ option: String, _ other: String) -> ValidationError {
        ValidationError(.invalidValue, field: option, reason: "cannot be combined with \(other)")
    }
}
