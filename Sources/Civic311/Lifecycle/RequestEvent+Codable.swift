import Foundation

// A decoded event must carry a sequence number a history can hold: the opening event is 1 and
// each later one counts up, so zero or a negative number is never valid.
extension RequestEvent {
    enum CodingKeys: String, CodingKey {
        case ticket, sequence, recordedAt, actor, change, fromState, toState, visibility
    }

    /// Decodes an event.
    ///
    /// - Throws: `DecodingError.dataCorrupted` at `sequence` when it is below 1.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let sequence = try container.decode(Int.self, forKey: .sequence)
        guard sequence >= 1 else {
            throw DecodingError.dataCorrupted(
                DecodingError.Context(
                    codingPath: container.codingPath + [CodingKeys.sequence],
                    debugDescription: "sequence: must be 1 or more, got \(sequence)"
                )
            )
        }
        self.init(
            ticket: try container.decode(TicketNumber.self, forKey: .ticket),
            sequence: sequence,
            recordedAt: try container.decode(Date.self, forKey: .recordedAt),
            actor: try container.decode(Participant.self, forKey: .actor),
            change: try container.decode(RequestChange.self, forKey: .change),
            fromState: try container.decodeIfPresent(RequestState.self, forKey: .fromState),
            toState: try container.decode(RequestState.self, forKey: .toState),
            visibility: try container.decode(Visibility.self, forKey: .visibility)
        )
    }
}
