import Civic311

/// A discrete-event simulation engine: a virtual clock in seconds and the future event list.
///
/// A model owns an engine and drives it in a loop, switching over its own event type:
///
/// ```swift
/// var engine = DiscreteEventEngine<MyEvent>()
/// engine.schedule(.arrival, at: 0)
/// while let event = engine.nextEvent(notAfter: horizon) {
///     switch event { … engine.schedule(.departure(server), after: serviceTime) … }
/// }
/// ```
///
/// ``nextEvent()`` advances ``now`` to the event's time. Events at the same time are delivered in the
/// order they were scheduled. Nothing here reads a wall clock or a random source: given the same
/// schedule calls a run is exactly reproducible.
public struct DiscreteEventEngine<Event> {
    @usableFromInline var clock: Double
    @usableFromInline var delivered = 0
    @usableFromInline var queue: EventQueue<Event>

    /// The current simulated time in seconds.
    @inlinable public var now: Double { clock }

    /// How many events have been delivered so far.
    @inlinable public var deliveredEvents: Int { delivered }

    /// Creates an engine whose clock reads `startTime`.
    @inlinable
    public init(startTime: Double = 0, expectedPendingEvents: Int = 64) {
        precondition(startTime.isFinite, "the start time must be finite")
        clock = startTime
        queue = EventQueue(minimumCapacity: expectedPendingEvents)
    }

    /// The number of events scheduled and not yet delivered.
    @inlinable public var pendingEvents: Int { queue.count }

    /// The time of the next event, if any.
    @inlinable public var nextEventTime: Double? { queue.nextTime }

    /// Schedules `event` at absolute `time`, which must not lie in the past.
    @inlinable
    public mutating func schedule(_ event: Event, at time: Double) {
        precondition(time >= now, "cannot schedule an event in the past (\(time) < \(now))")
        queue.insert(event, at: time)
    }

    /// Schedules `event` after `delay` seconds, which must not be negative.
    @inlinable
    public mutating func schedule(_ event: Event, after delay: Double) {
        schedule(event, at: now + delay)
    }

    /// Delivers the next event and moves the clock to its time; `nil` when none are left.
    @inlinable
    public mutating func nextEvent() -> Event? {
        guard let (time, event) = queue.removeNext() else { return nil }
        clock = time
        delivered &+= 1
        return event
    }

    /// Delivers the next event if it happens at or before `limit`; otherwise leaves it pending, moves
    /// the clock to `limit` (if later than now and finite) and returns `nil`.
    @inlinable
    public mutating func nextEvent(notAfter limit: Double) -> Event? {
        guard let time = queue.nextTime, time <= limit else {
            if limit > clock, limit.isFinite { clock = limit }
            return nil
        }
        return nextEvent()
    }

    /// Drops every pending event; the clock stays where it is.
    @inlinable
    public mutating func cancelAll() {
        queue.removeAll()
    }
}

extension DiscreteEventEngine: Sendable where Event: Sendable {}
