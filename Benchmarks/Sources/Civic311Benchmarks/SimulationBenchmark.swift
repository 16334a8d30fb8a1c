import Civic311
import Civic311SampleCounty
import Civic311Simulation
import Foundation

/// The call-day simulation's figures: New York's peak day end to end through the real intake, and
/// the SimPy peer's "111 call center" run side by side in the same process.
enum SimulationBenchmark {
    /// 276,827 contacts through the front office, every service request through the real intake into
    /// the in-memory store, five back-office days through the center's operations; best of three.
    static func callDay() async throws {
        let simulation = try CallDaySimulation(scenario: .weekday(in: .sampleCounty, scale: .nycPeak))
        var best: CallDayTimings?
        var outcome: CallDayOutcome?
        for _ in 0..<3 {
            let run = try await simulation.run(seed: 311)
            if best == nil || run.timings.total.cpu < best!.total.cpu { best = run.timings }
            outcome = run
        }
        guard let timings = best, let outcome else { return }
        func phase(_ value: CallDayTimings.Phase) -> String {
            String(format: "%.3f s CPU (%.3f s wall)", value.cpu, value.wall)
        }
        Measurement.report("call day: nyc-peak contacts", grouped(outcome.kpis.contacts))
        Measurement.report(
            "call day: service requests through the real intake",
            "\(grouped(outcome.serviceRequestsStored)) (+ \(grouped(outcome.contactsRecorded)) contacts recorded)"
        )
        Measurement.report("call day: front office", phase(timings.frontOffice))
        Measurement.report("call day: intake (submit(batch:) + record)", phase(timings.intake))
        Measurement.report("call day: back office (5 days, 4 operations per request)", phase(timings.backOffice))
        Measurement.report("call day: measures (compliance, backlog, KPIs)", phase(timings.measures))
        Measurement.report("call day: end to end, best of 3", phase(timings.total), target: "≤ 3 s on one core")
    }

    /// The SimPy peer's 111 call center against ``MultiServerQueueModel/oneOneOneCallCenter`` over the
    /// same number of replications: simulated calls per second of each, their ratio, and whether the
    /// Swift mean wait falls inside SimPy's 5th–95th percentile band.
    static func peerComparison() throws {
        let replications = Int(ProcessInfo.processInfo.environment["SIMPY_REPLICATIONS"] ?? "") ?? 200
        let model = MultiServerQueueModel.oneOneOneCallCenter
        var waits: [Double] = []
        var calls = 0
        var best = Double.infinity
        for _ in 0..<5 {
            var roundWaits: [Double] = []
            var roundCalls = 0
            let seconds = Measurement.seconds {
                for seed in 0..<replications {
                    let result = model.run(seed: UInt64(seed))
                    roundCalls += result.arrivals
                    roundWaits.append(result.meanWait / 60)
                }
            }
            best = min(best, seconds)
            waits = roundWaits
            calls = roundCalls
        }
        let swiftRate = Double(calls) / best
        let meanWait = waits.reduce(0, +) / Double(waits.count)
        waits.sort()
        Measurement.report(
            "111 call center (Swift): \(replications) replications",
            "\(grouped(calls)) calls, \(Measurement.rate(calls, best)) simulated calls"
        )
        Measurement.report(
            "111 call center (Swift): mean wait",
            String(
                format: "%.2f min (median %.2f, 5th-95th %.2f-%.2f)",
                meanWait,
                Measurement.percentile(waits, 0.5),
                Measurement.percentile(waits, 0.05),
                Measurement.percentile(waits, 0.95)
            )
        )
        guard let peer = runPeer(replications: replications) else { return }
        Measurement.report(
            "111 call center (SimPy \(peer.version)): \(replications) replications",
            "\(grouped(peer.calls)) calls, \(Measurement.rate(peer.calls, peer.seconds)) simulated calls"
        )
        Measurement.report(
            "111 call center (SimPy): mean wait",
            String(format: "median %.2f min, 5th-95th %.2f-%.2f", peer.median, peer.p5, peer.p95)
        )
        Measurement.report(
            "Swift / SimPy simulated calls per second",
            String(format: "%.0f×", swiftRate / peer.callsPerSecond),
            target: "≥ 50×"
        )
        let inside = meanWait >= peer.p5 && meanWait <= peer.p95
        Measurement.report(
            "Swift mean wait inside SimPy's 5th-95th band",
            (inside ? "yes" : "NO") + String(format: " (%.2f min in %.2f-%.2f)", meanWait, peer.p5, peer.p95)
        )
    }

    /// A count with thousands separators.
    private static func grouped(_ value: Int) -> String {
        let digits = String(value)
        var result = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { result += "," }
            result.append(digit)
        }
        return result
    }

    private struct Peer {
        var version: String
        var calls: Int
        var seconds: Double
        var callsPerSecond: Double
        var p5: Double
        var median: Double
        var p95: Double
    }

    /// Runs `Benchmarks/simpy/run-peer.sh`, which makes its virtual environment on first use; prints a
    /// "skipped" line and returns `nil` when Python or simpy is not available.
    private static func runPeer(replications: Int) -> Peer? {
        let script = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("simpy/run-peer.sh")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["bash", script.path, String(replications)]
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        do {
            try process.run()
        } catch {
            Measurement.report("111 call center (SimPy)", "skipped: cannot start \(script.path): \(error)")
            return nil
        }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0,
            let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
            let calls = object["calls"] as? Int, let seconds = object["seconds"] as? Double,
            let rate = object["calls_per_second"] as? Double, let p5 = object["p5"] as? Double,
            let median = object["p50"] as? Double, let p95 = object["p95"] as? Double
        else {
            let reason = message.split(separator: "\n").last.map(String.init) ?? "no output"
            Measurement.report("111 call center (SimPy)", "skipped: python/simpy unavailable (\(reason))")
            return nil
        }
        return Peer(
            version: object["simpy_version"] as? String ?? "?",
            calls: calls,
            seconds: seconds,
            callsPerSecond: rate,
            p5: p5,
            median: median,
            p95: p95
        )
    }
}
