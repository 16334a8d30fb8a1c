import Civic311
import Foundation

/// Where the time of a call-day simulation went: wall-clock seconds, and the process's CPU seconds
/// (steadier on a shared machine; the simulation itself runs on one thread).
///
/// Timings differ from run to run, so the JSON and CSV documents leave them out.
public struct CallDayTimings: Sendable, Hashable {
    /// One phase's time.
    public struct Phase: Sendable, Hashable {
        /// Wall-clock seconds.
        public var wall: Double = 0
        /// CPU seconds of the whole process.
        public var cpu: Double = 0

        /// Creates a phase's time.
        public init(wall: Double = 0, cpu: Double = 0) {
            self.wall = wall
            self.cpu = cpu
        }
    }

    /// The front-office model (arrivals, IVR, queues, agents).
    public var frontOffice = Phase()
    /// Replaying the contacts through the real intake into the store.
    public var intake = Phase()
    /// The departments' days through the center's operations.
    public var backOffice = Phase()
    /// Compliance, backlog and KPI figures from the store and the records.
    public var measures = Phase()

    /// All four phases.
    public var total: Phase {
        Phase(
            wall: frontOffice.wall + intake.wall + backOffice.wall + measures.wall,
            cpu: frontOffice.cpu + intake.cpu + backOffice.cpu + measures.cpu
        )
    }
}

/// Marks the start of a phase on both clocks.
struct PhaseStopwatch {
    private var wall = ContinuousClock.now
    private var cpu = PhaseStopwatch.processCPUSeconds()

    /// The time since the last lap (or the start), and starts the next lap.
    mutating func lap() -> CallDayTimings.Phase {
        let nowWall = ContinuousClock.now
        let nowCPU = Self.processCPUSeconds()
        let (whole, fraction) = (nowWall - wall).components
        defer {
            wall = nowWall
            cpu = nowCPU
        }
        return CallDayTimings.Phase(wall: Double(whole) + Double(fraction) * 1e-18, cpu: nowCPU - cpu)
    }

    static func processCPUSeconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) * 1e-9
    }
}
