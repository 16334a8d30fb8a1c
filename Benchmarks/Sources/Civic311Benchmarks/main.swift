import Dispatch
import Foundation
import Synchronization

// Prints each figure and, where the issue names a baseline, the ratio measured in the same run.
// Benchmarks run on a detached task: awaiting from main-actor code adds a thread hop per call.

// `--check` makes figures with a target fail the run when they fall three times short (Floor).
let selected = Set(CommandLine.arguments.dropFirst()).subtracting(["--check"])
let names: Set<String> = [
    "intake", "tickets", "feed", "outbox", "calendar", "routing", "scrubber", "callday", "simpy", "open311",
    "districts", "queue", "scaling", "notices", "knowledge", "duplicates", "figures", "export", "import",
]
// A misspelt name would run nothing, and a check of nothing would pass.
if let unknown = selected.subtracting(names).sorted().first {
    print(
        "civic311-benchmarks: no benchmark '\(unknown)'; one of \(names.sorted().joined(separator: ", ")), and --check"
    )
    exit(2)
}
func wanted(_ name: String) -> Bool { selected.isEmpty || selected.contains(name) }

let work = Task.detached {
    print("Civic311 benchmarks (\(ProcessInfo.processInfo.activeProcessorCount) cores)\n")
    // Intake first: it reports resident-memory growth, which memory freed by an earlier benchmark
    // would hide.
    if wanted("intake") { try await IntakeBenchmark.run() }
    if wanted("tickets") { try TicketBenchmark.run() }
    if wanted("feed") { try await FeedBenchmark.run() }
    if wanted("outbox") { try await OutboxBenchmark.run() }
    if wanted("calendar") { try CalendarBenchmark.run() }
    if wanted("routing") { try RoutingBenchmark.run() }
    if wanted("scrubber") { ScrubberBenchmark.run() }
    if wanted("callday") { try await SimulationBenchmark.callDay() }
    if wanted("simpy") { try SimulationBenchmark.peerComparison() }
    if wanted("open311") { try await Open311Benchmark.run() }
    if wanted("districts") { try DistrictMapBenchmark.run() }
    if wanted("queue") { try await QueueBenchmark.run() }
    if wanted("scaling") { try await ScalingBenchmark.run() }
    if wanted("notices") {
        try NoticeBenchmark.run()
        try await NoticeBenchmark.dispatch()
    }
    if wanted("knowledge") { try KnowledgeBenchmark.run() }
    if wanted("duplicates") { try await DuplicateBenchmark.run() }
    if wanted("figures") { try await FiguresBenchmark.run() }
    if wanted("export") { try await ExportBenchmark.run() }
    if wanted("import") { try await ImportBenchmark.run() }
}
// The main thread waits on a semaphore rather than in an async main: valgrind (callgrind, for
// instruction counts that a shared machine cannot disturb) crashes in async main's dispatch_main.
let finished = DispatchSemaphore(value: 0)
let outcome = Mutex<(any Error)?>(nil)
Task.detached {
    defer { finished.signal() }
    do {
        try await work.value
    } catch {
        outcome.withLock { $0 = error }
    }
}
finished.wait()
if let error = outcome.withLock({ $0 }) {
    print("benchmark failed: \(error)")
    exit(1)
}
if !Floor.verdict() { exit(1) }
