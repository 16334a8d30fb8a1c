import Foundation

/// Timing and reporting shared by every benchmark.
enum Measurement {
    /// Seconds taken by `body`, measured on the monotonic clock.
    static func seconds(_ body: () throws -> Void) rethrows -> Double {
        let start = ContinuousClock.now
        try body()
        return (ContinuousClock.now - start).seconds
    }

    static func asyncSeconds(_ body: () async throws -> Void) async rethrows -> Double {
        let start = ContinuousClock.now
        try await body()
        return (ContinuousClock.now - start).seconds
    }

    /// CPU seconds this thread spent in `body`: steadier than wall time on a shared machine.
    /// Only for synchronous work (an `await` may move the task to another thread).
    static func cpuSeconds(_ body: () throws -> Void) rethrows -> (cpu: Double, wall: Double) {
        let startWall = ContinuousClock.now
        let startCPU = threadCPUTime()
        try body()
        return (threadCPUTime() - startCPU, (ContinuousClock.now - startWall).seconds)
    }

    /// The async form, for loops whose awaits never actually suspend (in-memory intake), so the
    /// task stays on one thread.
    static func asyncCPUSeconds(_ body: () async throws -> Void) async rethrows -> (cpu: Double, wall: Double) {
        let startWall = ContinuousClock.now
        let startCPU = threadCPUTime()
        try await body()
        return (threadCPUTime() - startCPU, (ContinuousClock.now - startWall).seconds)
    }

    /// CPU seconds the whole process spent while `body` ran: for work on threads other than the
    /// caller's (the SQLite store's own), on an otherwise idle process.
    static func processCPUSeconds(_ body: () async throws -> Void) async rethrows -> Double {
        let start = processCPUTime()
        try await body()
        return processCPUTime() - start
    }

    static func processCPUTime() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) * 1e-9
    }

    static func threadCPUTime() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) * 1e-9
    }

    /// "1.23 million/s CPU (0.98 million/s wall)".
    static func rates(_ count: Int, _ time: (cpu: Double, wall: Double)) -> String {
        "\(rate(count, time.cpu)) CPU (\(rate(count, time.wall)) wall)"
    }

    /// The value at `fraction` (0…1) of sorted samples.
    static func percentile(_ sorted: [Double], _ fraction: Double) -> Double {
        guard !sorted.isEmpty else { return .nan }
        return sorted[min(sorted.count - 1, Int(Double(sorted.count - 1) * fraction))]
    }

    /// Resident set size of this process in bytes, from /proc (Linux).
    static func residentBytes() -> Int {
        guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
        let fields = text.split(separator: " ")
        guard fields.count > 1, let pages = Int(fields[1]) else { return 0 }
        return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
    }

    static func report(_ name: String, _ value: String, target: String? = nil) {
        let padded = name.padding(toLength: 58, withPad: " ", startingAt: 0)
        print("\(padded) \(value)\(target.map { "   (target \($0))" } ?? "")")
    }

    static func rate(_ count: Int, _ seconds: Double) -> String {
        let perSecond = Double(count) / seconds
        if perSecond >= 1e6 { return String(format: "%.2f million/s", perSecond / 1e6) }
        return String(format: "%.0f/s", perSecond)
    }
}

extension Duration {
    var seconds: Double {
        let (whole, attoseconds) = components
        return Double(whole) + Double(attoseconds) * 1e-18
    }
}

extension Measurement {
    /// CPU and wall time of each of `bodies`, run `runs` times in turn (one, two, …, one, two, …)
    /// so that a change in the machine's load falls on every body alike.
    static func interleaved(runs: Int, _ bodies: [() throws -> Void]) throws -> [[(cpu: Double, wall: Double)]] {
        var times = Array(repeating: [(cpu: Double, wall: Double)](), count: bodies.count)
        for _ in 0..<runs {
            for (index, body) in bodies.enumerated() { times[index].append(try cpuSeconds(body)) }
        }
        return times
    }

    /// "min 1.02 / median 1.10 / max 1.15 million/s CPU (wall median 0.98 million/s)".
    static func spread(_ count: Int, _ times: [(cpu: Double, wall: Double)]) -> String {
        let cpu = times.map(\.cpu).sorted()
        let wall = times.map(\.wall).sorted()
        // The fastest run has the least time, so min rate comes from the largest time.
        return "min \(rate(count, cpu.last ?? .nan)) / median \(rate(count, percentile(cpu, 0.5))) / "
            + "max \(rate(count, cpu.first ?? .nan)) CPU (wall median \(rate(count, percentile(wall, 0.5))))"
    }

    /// How the median CPU times of `subject` and `baseline` compare, stated both ways.
    static func ratio(
        _ subject: String,
        _ subjectTimes: [(cpu: Double, wall: Double)],
        per subjectCount: Int,
        _ baseline: String,
        _ baselineTimes: [(cpu: Double, wall: Double)],
        per baselineCount: Int
    ) -> String {
        let subjectCost = percentile(subjectTimes.map(\.cpu).sorted(), 0.5) / Double(subjectCount)
        let baselineCost = percentile(baselineTimes.map(\.cpu).sorted(), 0.5) / Double(baselineCount)
        return String(
            format: "%@ costs %.2f× %@ (%.0f ns vs %.0f ns); %@ runs at %.2f× the rate of %@",
            subject,
            subjectCost / baselineCost,
            baseline,
            subjectCost * 1e9,
            baselineCost * 1e9,
            subject,
            baselineCost / subjectCost,
            baseline
        )
    }

    /// The machine's load averages, as `uptime` prints them: figures on a shared machine need them.
    static func load() -> String {
        guard let text = try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8) else { return "load unknown" }
        return "load average " + text.split(separator: " ").prefix(3).joined(separator: ", ")
    }
}
