@_spi(Benchmarks) import Civic311
import Foundation

/// Restating the on-time share over 1,000,000 requests' histories (issue 14's target: under 2 s),
/// as of a date that leaves some events in the future, as a restatement does.
///
/// The histories are built in memory by a generator that follows the lifecycle the way requests
/// do: each request has 3–6 events (accepted and closed without action; worked and resolved;
/// resolved and closed; with a wait on the resident; returned as not ours first), hours apart,
/// over a year of intake. Measured, interleaved over several runs, CPU and wall time:
///
/// - the pure function, ``OnTimeMeasure/init(histories:asOf:filter:serviceLevels:)``;
/// - every figure at once, ``ServiceMeasures/init(histories:contacts:asOf:filter:residents:serviceLevels:backlogAgeBounds:)``;
/// - the baseline: one pass over the same histories counting the events recorded by the as-of
///   date, the least any restatement must do;
/// - separately, the path through ``InMemoryRequestStore`` (``ServiceMeasures/init(store:asOf:filter:residents:serviceLevels:backlogAgeBounds:)``),
///   which pages through the requests and reads each history from the store.
enum FiguresBenchmark {
    static func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let count = max(1, Int(environment["FIGURES_REQUESTS"] ?? "") ?? 1_000_000)
        let runs = max(3, Int(environment["FIGURES_RUNS"] ?? "") ?? 5)
        var generator = HistoryGenerator(seed: 14)
        let build = Measurement.seconds { generator.make(count) }
        let histories = generator.histories
        let events = histories.reduce(0) { $0 + $1.count }
        // Nine tenths into the intake: the later requests' last events are still to come.
        let asOf = generator.start.addingTimeInterval(generator.span * 0.9)
        print(
            "\nfigures: \(count) requests, \(events) events (\(String(format: "%.2f", Double(events) / Double(count))) per request), built in \(String(format: "%.1f", build)) s"
        )

        var onTime: OnTimeMeasure?
        var all: ServiceMeasures?
        var recorded = 0
        let times = try Measurement.interleaved(
            runs: runs,
            [
                { onTime = try OnTimeMeasure(histories: histories, asOf: asOf) },
                { all = try ServiceMeasures(histories: histories, contacts: [], asOf: asOf) },
                {
                    var total = 0
                    for history in histories {
                        for event in history where event.recordedAt <= asOf { total += 1 }
                    }
                    recorded = total
                },
            ]
        )
        guard let onTime, let all, all.onTime == onTime, recorded > 0 else {
            throw BenchmarkFailure("figures: the on-time share differs between the two pure paths")
        }
        print(
            "  as of 90% of the span: \(recorded) events recorded by then; on-time \(String(format: "%.4f", onTime.share ?? .nan)) (met \(onTime.met), late \(onTime.closedLate), open overdue \(onTime.openOverdue), not yet due \(onTime.notYetDue))"
        )
        Measurement.report("figures: on-time share, pure, 1 run", seconds(times[0]), target: "< 2 s")
        Measurement.report("figures: every figure, pure, 1 run", seconds(times[1]))
        Measurement.report("figures: baseline, count events recorded by then", seconds(times[2]))
        print(
            "  "
                + Measurement.ratio(
                    "on-time share",
                    times[0],
                    per: count,
                    "the baseline pass",
                    times[2],
                    per: count
                )
        )
        print("  \(runs) runs each, interleaved; \(Measurement.load())")
        Floor.latency(
            "figures: on-time share over \(count) histories (CPU)",
            Measurement.percentile(times[0].map(\.cpu).sorted(), 0.5),
            target: 2.0 * Double(count) / 1_000_000
        )

        // The store path: the same histories in the in-memory store, read back page by page.
        let store = InMemoryRequestStore()
        let fill = try await Measurement.asyncSeconds { try await fillStore(store, with: histories) }
        print(String(format: "  in-memory store filled in %.1f s", fill))
        var fromStore: ServiceMeasures?
        var storeTimes: [(cpu: Double, wall: Double)] = []
        for _ in 0..<runs {
            storeTimes.append(
                try await Measurement.asyncCPUSeconds {
                    fromStore = try await ServiceMeasures(store: store, asOf: asOf)
                }
            )
        }
        guard fromStore == all else { throw BenchmarkFailure("figures: the store path differs from the pure function") }
        Measurement.report("figures: every figure, through InMemoryRequestStore", seconds(storeTimes))
        print(
            "  "
                + Measurement.ratio(
                    "the store path",
                    storeTimes,
                    per: count,
                    "every figure, pure",
                    times[1],
                    per: count
                )
        )
    }

    private static func fillStore(_ store: InMemoryRequestStore, with histories: [[RequestEvent]]) async throws {
        var start = 0
        while start < histories.count {
            let slice = histories[start..<min(histories.count, start + 1_000)]
            _ = try await store.open(
                batch: slice.map { history in
                    guard case .opened(let opening) = history[0].change else { preconditionFailure("no opening") }
                    let contact = Contact(
                        ticket: history[0].ticket,
                        channel: opening.channel,
                        receivedAt: history[0].recordedAt,
                        agent: opening.agent,
                        callType: .serviceRequest(opening.kind, request: history[0].ticket)
                    )
                    return (contact, history[0])
                }
            )
            let results = try await store.append(batch: slice.map { (Array($0.dropFirst()), 1) })
            for result in results { _ = try result.get() }
            start += 1_000
        }
    }

    /// "min 1.10 / median 1.20 / max 1.31 s CPU (wall median 1.22 s)".
    private static func seconds(_ times: [(cpu: Double, wall: Double)]) -> String {
        let cpu = times.map(\.cpu).sorted()
        let wall = times.map(\.wall).sorted()
        return String(
            format: "min %.3f / median %.3f / max %.3f s CPU (wall median %.3f s)",
            cpu.first ?? .nan,
            Measurement.percentile(cpu, 0.5),
            cpu.last ?? .nan,
            Measurement.percentile(wall, 0.5)
        )
    }
}

/// Request histories that follow the lifecycle, for the figures benchmark.
struct HistoryGenerator {
    /// 1 January 2026, midnight UTC.
    let start = Date(timeIntervalSince1970: 1_767_225_600)
    /// A year of intake.
    let span: TimeInterval = 365 * 86_400
    private(set) var histories: [[RequestEvent]] = []
    private var random: SplitMix64

    init(seed: UInt64) { random = SplitMix64(seed: seed) }

    private static let departments: [DepartmentID] = ["DOT", "PKS", "SWR", "DEP", "DHCA"]
    private static let serviceTypes: [ServiceTypeCode] = ["POTHOLE", "STREETLIGHT", "MISSED_TRASH", "TREE", "NOISE"]
    private static let channels: [Channel] = [.phone, .phone, .phone, .web, .mobileApp, .email]

    mutating func make(_ count: Int) {
        histories.reserveCapacity(count)
        let step = span / Double(count)
        for index in 0..<count {
            let opened = start.addingTimeInterval(Double(index) * step)
            histories.append(history(index, openedAt: opened))
        }
    }

    private mutating func number(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &random) }

    private mutating func history(_ index: Int, openedAt opened: Date) -> [RequestEvent] {
        let ticket = try! TicketNumber(
            day: 2_200 + index / 8_640_000,
            secondOfDay: (index / 100) % 86_400,
            node: 1,
            sequence: index % 100
        )
        let department = Self.departments[number(0...Self.departments.count - 1)]
        let kind = number(0...4)
        let opening = RequestOpening(
            serviceType: Self.serviceTypes[kind],
            kind: .serviceRequest,
            description: "Reported problem",
            location: nil,
            answers: [],
            submitter: nil,
            channel: Self.channels[number(0...Self.channels.count - 1)],
            priority: .normal,
            routing: RoutingDecision(department: department, explanation: []),
            serviceLevel: ServiceLevelCommitment(
                resolutionDueAt: opened.addingTimeInterval(Double(24 * (1 + kind)) * 3_600),
                policy: "sla:\(Self.serviceTypes[kind])@1"
            ),
            clientRequestID: nil
        )
        var events: [RequestEvent] = []
        events.reserveCapacity(6)
        var state = RequestState.new
        var time = opened
        func add(_ change: RequestChange, _ target: RequestState, actor: Participant = .system) {
            events.append(
                RequestEvent(
                    ticket: ticket,
                    sequence: events.count + 1,
                    recordedAt: time,
                    actor: actor,
                    change: change,
                    fromState: events.isEmpty ? nil : state,
                    toState: target,
                    visibility: .public
                )
            )
            state = target
        }
        add(.opened(opening), .new, actor: .callTaker("agent-1"))
        // Hours to each next event: mostly within the target, sometimes well past it.
        func wait() { time = time.addingTimeInterval(Double(number(1...60)) * 1_800) }
        let crew = Participant.departmentStaff("crew", department: department)
        switch number(0...9) {
        case 0:  // 3 events: accepted, then closed without action.
            wait()
            add(.accepted, .assigned, actor: crew)
            wait()
            add(.closed(Closure(reason: .closedWithoutAction(code: "NO_DEFECT"), note: "No defect found.")), .closed)
        case 1, 2, 3:  // 4 events: accepted, started, resolved.
            wait()
            add(.accepted, .assigned, actor: crew)
            wait()
            add(.started, .inProgress, actor: crew)
            wait()
            add(.resolved(note: "Done."), .resolved, actor: crew)
        case 4, 5, 6:  // 5 events: and closed.
            wait()
            add(.accepted, .assigned, actor: crew)
            wait()
            add(.started, .inProgress, actor: crew)
            wait()
            add(.resolved(note: "Done."), .resolved, actor: crew)
            wait()
            add(.closed(Closure(reason: .completed, note: "Done.")), .closed)
        case 7, 8:  // 6 events: with a wait on the resident.
            wait()
            add(.started, .inProgress, actor: crew)
            wait()
            add(.putOnHold(reason: "Which house?"), .onHold, actor: crew)
            wait()
            add(.resumed, .inProgress, actor: crew)
            wait()
            add(.resolved(note: "Done."), .resolved, actor: crew)
            wait()
            add(.closed(Closure(reason: .completed, note: "Done.")), .closed)
        default:  // 6 events: returned as not ours first.
            wait()
            let other = Self.departments[(Self.departments.firstIndex(of: department)! + 1) % Self.departments.count]
            add(.returned(reason: "Not ours.", reroutedTo: other, explanation: []), .new, actor: crew)
            wait()
            add(.accepted, .assigned, actor: .departmentStaff("crew", department: other))
            wait()
            add(.started, .inProgress, actor: .departmentStaff("crew", department: other))
            wait()
            add(.resolved(note: "Done."), .resolved, actor: .departmentStaff("crew", department: other))
            wait()
            add(.closed(Closure(reason: .completed, note: "Done.")), .closed)
        }
        return events
    }
}
