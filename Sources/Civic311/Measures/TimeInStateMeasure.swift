import Foundation

/// How long requests stayed in each lifecycle state, as of a date.
///
/// A **visit** to a state lasts from the event that entered it to the event that left it for
/// another state (events that keep the state, such as notes or a return to `new`, do not end it).
/// Each visit that ended by the as-of date is one sample of its state; visits still going on are
/// left out here and show up in ``BacklogMeasure`` instead, by age. The formula and its sources:
/// `Documentation/Measures.md` ("Time in each state").
public struct TimeInStateMeasure: Hashable, Sendable {
    /// The visits of each state, summarized; every state is present, with a count of 0 when no
    /// visit to it ended.
    public let states: [RequestState: DurationSummary]

    /// The summary for `state`.
    public subscript(state: RequestState) -> DurationSummary { states[state] ?? DurationSummary([]) }

    init(samples: Samples) {
        var states: [RequestState: DurationSummary] = [:]
        for state in RequestState.allCases { states[state] = DurationSummary(samples.durations[state.ordinal]) }
        self.states = states
    }

    /// The durations collected so far, one array per state in `RequestState.allCases` order.
    struct Samples {
        var durations = Array(repeating: [TimeInterval](), count: RequestState.allCases.count)

        /// Records the visits in the first `count` events of `history`.
        mutating func add(_ history: [RequestEvent], count: Int) {
            guard count > 1 else { return }
            var state = history[0].toState
            var since = history[0].recordedAt
            for event in history[1..<count] where event.toState != state {
                durations[state.ordinal].append(event.recordedAt.timeIntervalSince(since))
                state = event.toState
                since = event.recordedAt
            }
        }
    }
}

extension RequestState {
    /// The state's position in `allCases`, for tables indexed by state; a switch, so no hashing.
    var ordinal: Int {
        switch self {
        case .new: 0
        case .assigned: 1
        case .inProgress: 2
        case .onHold: 3
        case .resolved: 4
        case .closed: 5
        }
    }
}
