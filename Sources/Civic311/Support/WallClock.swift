import Foundation
import Synchronization

/// The source of "now" for everything the centre stamps: intake times, event times, due dates.
///
/// Injecting it makes tests and simulations replay exactly; ``SystemWallClock`` is the real one.
public protocol WallClock: Sendable {
    func now() -> Date
}

/// The system's wall clock.
public struct SystemWallClock: WallClock {
    public init() {}
    public func now() -> Date { Date() }
}

/// A clock that only moves when told to: for tests, examples and simulations.
public final class ManualWallClock: WallClock {
    private let current: Mutex<Date>

    public init(_ start: Date) { current = Mutex(start) }

    public func now() -> Date { current.withLock { $0 } }

    /// Moves the clock forward by `seconds` (or back, for a negative value).
    ///
    /// - Throws: ``ValidationError`` with code `outOfRange` when `seconds` is not finite; the clock
    ///   does not move.
    public func advance(by seconds: TimeInterval) throws(ValidationError) {
        guard seconds.isFinite else {
            throw ValidationError(
                .outOfRange,
                field: "seconds",
                reason: "must be a finite number of seconds, got \(seconds)"
            )
        }
        current.withLock { $0 += seconds }
    }

    /// Sets the clock to `instant`.
    ///
    /// - Throws: ``ValidationError`` with code `outOfRange` when `instant` is not a finite time;
    ///   the clock does not move.
    public func set(_ instant: Date) throws(ValidationError) {
        guard instant.timeIntervalSinceReferenceDate.isFinite else {
            throw ValidationError(.outOfRange, field: "instant", reason: "must be a finite time")
        }
        current.withLock { $0 = instant }
    }
}

extension Date {
    /// The instant truncated to whole milliseconds: the precision every store keeps, so that a
    /// request read back from any backend equals the one written.
    package var wholeMilliseconds: Date {
        Date(timeIntervalSince1970: (timeIntervalSince1970 * 1000).rounded(.down) / 1000)
    }
}
