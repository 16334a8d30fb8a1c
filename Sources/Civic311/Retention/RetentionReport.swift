import Foundation

/// What a ``RetentionJob`` run removed: per data class, the requests it rewrote.
public struct RetentionReport: Hashable, Sendable, Codable {
    /// One data class's part of the run.
    public struct ClassOutcome: Hashable, Sendable, Codable {
        public let dataClass: RetentionDataClass
        /// The requests the class was removed from in this run, in ticket order.
        public let tickets: [TicketNumber]
        /// How many stored events were rewritten, over all those requests.
        public let eventsRewritten: Int

        /// How many requests the class was removed from.
        public var count: Int { tickets.count }
    }

    /// The instant the run took as "now".
    public let asOf: Date
    /// How many closed requests the run examined.
    public let requestsExamined: Int
    /// One outcome per class of the schedule, in ``RetentionDataClass`` order, also when it
    /// removed nothing.
    public let outcomes: [ClassOutcome]
    /// The events the run recorded, in the order it recorded them.
    public let recorded: [RequestEvent]

    /// The outcome for `dataClass`; `nil` when the schedule does not name it.
    public func outcome(for dataClass: RetentionDataClass) -> ClassOutcome? {
        outcomes.first { $0.dataClass == dataClass }
    }

    /// Whether the run removed nothing: a second run over the same store at the same instant.
    public var isEmpty: Bool { recorded.isEmpty }
}
