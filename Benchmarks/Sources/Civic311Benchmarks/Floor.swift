import Foundation
import Synchronization

/// `--check`: each figure with a target in the issues must stay within three times of it (a rate
/// at least a third of its target, a latency at most three times its target), or the run exits 1.
/// A figure that does not meet its target yet is held to a third of what it measured when its floor
/// was set (`reached`), so it cannot regress threefold either while the work on it goes on.
///
/// The margin is deliberately wide. CI runs this on a shared 2-core machine, where the same binary
/// varies by 1.5–2× from one run to the next; a change that makes a hot path three times slower
/// fails the build, timing noise does not. No test asserts a time: this is the only timed gate.
enum Floor {
    /// Whether this run checks its figures (`--check` among the arguments).
    static let isChecking = CommandLine.arguments.contains("--check")
    /// How far a figure may fall from its target before the check fails.
    static let margin = 3.0

    private static let failures = Mutex<[String]>([])

    /// Checks a rate (per second) against its target: it must reach `target / margin`, or
    /// `reached / margin` for a figure that reached only `reached` so far.
    static func rate(_ name: String, _ measured: Double, target: Double, reached: Double? = nil) {
        let floor = min(target, reached ?? target) / margin
        record(name, measured >= floor, "\(Measurement.rate(1, 1 / measured)), floor \(Measurement.rate(1, 1 / floor))")
    }

    /// Checks a latency (seconds) against its target: it must stay under `target × margin`.
    static func latency(_ name: String, _ measured: Double, target: Double) {
        let ceiling = target * margin
        let text = String(format: "%.1f µs, ceiling %.1f µs", measured * 1e6, ceiling * 1e6)
        record(name, measured <= ceiling, text)
    }

    /// Checks a duration (seconds) of a whole run against its target: it must stay under
    /// `target × margin`.
    static func duration(_ name: String, _ measured: Double, target: Double) {
        let ceiling = target * margin
        record(name, measured <= ceiling, String(format: "%.2f s, ceiling %.1f s", measured, ceiling))
    }

    /// The median rate of `count` operations over runs timed in CPU seconds.
    static func medianRate(_ count: Int, _ times: [(cpu: Double, wall: Double)]) -> Double {
        Double(count) / Measurement.percentile(times.map(\.cpu).sorted(), 0.5)
    }

    /// Prints what was checked and whether every figure held; `false` when one did not.
    static func verdict() -> Bool {
        let failed = failures.withLock { $0 }
        guard isChecking else { return true }
        print(
            failed.isEmpty
                ? "\ncheck: every figure is within its floor" : "\ncheck FAILED:\n  " + failed.joined(separator: "\n  ")
        )
        return failed.isEmpty
    }

    private static func record(_ name: String, _ held: Bool, _ text: String) {
        guard isChecking else { return }
        print("  check \(held ? "ok" : "FAILED"): \(name): \(text)")
        if !held { failures.withLock { $0.append("\(name): \(text)") } }
    }
}
