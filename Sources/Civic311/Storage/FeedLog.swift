/// The in-memory store's change feed: for each position, where its change is kept.
///
/// The changes themselves stay where the store already keeps them (the contact tables and each
/// request's history); the log only says, for position p (element p - 1), which slot of which
/// ticket table holds it and, for an event, its sequence. An element is 8 bytes, so intake adds 16
/// bytes per request (its contact and its opening event) and copies nothing.
struct FeedLog: Sendable {
    /// Where one entry's change is kept.
    enum Location: Hashable, Sendable {
        /// The opening contact of the request in `slot` of the requests table.
        case requestContact(slot: UInt32)
        /// A contact that opened no request, in `slot` of the contacts table.
        case recordedContact(slot: UInt32)
        /// The event numbered `sequence` (from 1) of the request in `slot` of the requests table.
        case event(slot: UInt32, sequence: UInt32)
    }

    /// The largest event sequence the log can name.
    static var maximumSequence: Int { Int(UInt32.max - 1) }

    /// The slot in the high half; in the low half 0 for a request's contact, `UInt32.max` for a
    /// recorded contact, and otherwise an event's sequence.
    private var locations: [UInt64] = []

    /// How many entries the log holds: the position of the last one.
    var count: Int { locations.count }

    /// The position of the last entry, or ``FeedPosition/start`` when the log is empty.
    var last: FeedPosition { FeedPosition(checked: Int64(locations.count)) }

    mutating func append(_ location: Location) {
        let slot: UInt32
        let low: UInt32
        switch location {
        case .requestContact(let requestSlot):
            slot = requestSlot
            low = 0
        case .recordedContact(let contactSlot):
            slot = contactSlot
            low = .max
        case .event(let requestSlot, let sequence):
            precondition(sequence > 0 && sequence < .max, "callers check the sequence against maximumSequence")
            slot = requestSlot
            low = sequence
        }
        locations.append(UInt64(slot) << 32 | UInt64(low))
    }

    /// Where the entry at `index` (its position minus one) is kept.
    func location(at index: Int) -> Location {
        let packed = locations[index]
        let slot = UInt32(truncatingIfNeeded: packed >> 32)
        switch UInt32(truncatingIfNeeded: packed) {
        case 0: return .requestContact(slot: slot)
        case .max: return .recordedContact(slot: slot)
        case let sequence: return .event(slot: slot, sequence: sequence)
        }
    }
}
