import Civic311

/// The future event list: a binary min-heap of events keyed by time.
///
/// Events at the same time come out in the order they were inserted (each insertion takes the next
/// sequence number and ties are broken on it), so a simulation never depends on how the heap happens
/// to arrange equal keys.
public struct EventQueue<Event> {
    @usableFromInline
    struct Entry {
        @usableFromInline var time: Double
        @usableFromInline var sequence: UInt64
        @usableFromInline var event: Event

        @inlinable
        init(time: Double, sequence: UInt64, event: Event) {
            self.time = time
            self.sequence = sequence
            self.event = event
        }

        @inlinable @inline(__always)
        func precedes(_ other: Entry) -> Bool {
            time < other.time || (time == other.time && sequence < other.sequence)
        }
    }

    @usableFromInline var heap: [Entry]
    @usableFromInline var nextSequence: UInt64 = 0

    /// Creates an empty queue with room for `minimumCapacity` events before it grows.
    ///
    /// The capacity is a hint: at most 2^20 events are reserved up front, and a negative value
    /// reserves nothing, so no hint can exhaust memory before the first event.
    @inlinable
    public init(minimumCapacity: Int = 16) {
        heap = []
        heap.reserveCapacity(min(max(minimumCapacity, 0), 1 << 20))
    }

    /// The number of pending events.
    @inlinable public var count: Int { heap.count }

    /// Whether no events are pending.
    @inlinable public var isEmpty: Bool { heap.isEmpty }

    /// The time of the earliest pending event.
    @inlinable public var nextTime: Double? { heap.first?.time }

    /// Adds `event` at `time`; `time` must not be NaN.
    @inlinable
    public mutating func insert(_ event: Event, at time: Double) {
        precondition(!time.isNaN, "an event time must not be NaN")
        let entry = Entry(time: time, sequence: nextSequence, event: event)
        nextSequence &+= 1
        heap.append(entry)
        heap.withUnsafeMutableBufferPointer { buffer in
            // Sift the hole up from the end instead of swapping at every level.
            var child = buffer.count - 1
            while child > 0 {
                let parent = (child - 1) >> 1
                guard entry.precedes(buffer[parent]) else { break }
                buffer[child] = buffer[parent]
                child = parent
            }
            buffer[child] = entry
        }
    }

    /// Removes and returns the earliest event (the first inserted among equal times).
    @inlinable
    public mutating func removeNext() -> (time: Double, event: Event)? {
        guard let last = heap.popLast() else { return nil }
        guard !heap.isEmpty else { return (last.time, last.event) }
        let first = heap[0]
        heap.withUnsafeMutableBufferPointer { buffer in
            // Move the former last entry down from the root, promoting the earlier child each level.
            let count = buffer.count
            var parent = 0
            while true {
                var child = 2 * parent + 1
                if child >= count { break }
                if child + 1 < count, buffer[child + 1].precedes(buffer[child]) { child += 1 }
                guard buffer[child].precedes(last) else { break }
                buffer[parent] = buffer[child]
                parent = child
            }
            buffer[parent] = last
        }
        return (first.time, first.event)
    }

    /// Removes every pending event.
    @inlinable
    public mutating func removeAll() {
        heap.removeAll(keepingCapacity: true)
    }
}

extension EventQueue: Sendable where Event: Sendable {}
extension EventQueue.Entry: Sendable where Event: Sendable {}
