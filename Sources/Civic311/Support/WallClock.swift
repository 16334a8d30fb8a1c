import Foundation
import Synchronization

/// The source of "now" for everything the center stamps: intake times, event times, due dates.
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
///
/// Every instant it can show is finite: a start, a move or a new instant that would leave it at a
/// non-finite time is refused with a ``ValidationError`` (code `outOfRange`) and the clock stays
/// where it was.
public final class ManualWallClock: WallClock {
    private let current: Mutex<Date>

    /// - Throws: ``ValidationError`` when `start` is not a finite time.
    public init(_ start: Date) throws(ValidationError) {
        try Self.check(start, field: "start")
        current = Mutex(start)
    }

    public func now() -> Date { current.withLock { $0 } }

    /// Moves the clock forward by `seconds` (or back, for a negative value).
    ///
    /// - Throws: ``ValidationError`` when the move would leave the clock at a non-finite time; the
    ///   clock does not move.
    public func advance(by seconds: TimeInterval) throws(ValidationError) {
        try current.withLock { current throws(ValidationError) in
            let moved = current.addingTimeInterval(seconds)
            try Self.check(moved, field: "seconds")
            current = moved
        }
    }

    /// Sets the clock to `instant`.
    ///
    /// - Throws: ``ValidationError`` when `instant` is not a finite time; the clock does not move.
    public func set(_ instant: Date) throws(ValidationError) {
        try Self.check(instant, field: "instant")
        current.withLock { $0 = instant }
    }

    private static func check(_ instant: Date, field: String) throws(ValidationError) {
        guard instant.timeIntervalSinceReferenceDate.isFinite else {
            throw ValidationError(.outOfRange, field: field, reason: "must leave the clock at a finite time")
        }
    }
}

extension Date {
    /// The instant truncated to whole milliseconds: the precision every store keeps, so that a
    /// request read back from any backend equals the one written.
    package var wholeMilliseconds: Date {
        Date(timeIntervalSince1970: (timeIntervalSince1970 * 1000).rounded(.down) / 1000)
    }
}
