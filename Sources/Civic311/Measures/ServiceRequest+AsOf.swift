import Foundation

extension ServiceRequest {
    /// The request as it stood at `instant`, folded from the events of `history` recorded by then;
    /// `nil` when it was opened after `instant`.
    ///
    /// The history as of an instant is its longest prefix of events recorded at or before it: an
    /// event cannot have happened before the one it follows, so the first event recorded later
    /// ends it. Reading a history again later, with the events that arrived since, restates what
    /// it said; reading it as of the old instant still gives the old answer.
    ///
    /// - Throws: ``LifecycleError`` (code `invalidHistory` or `transitionNotAllowed`) when the
    ///   prefix does not fold, as ``replaying(_:)`` does.
    public static func replaying(
        _ history: [RequestEvent],
        asOf instant: Date
    ) throws(LifecycleError) -> ServiceRequest? {
        let count = recordedCount(history, asOf: instant)
        guard count > 0 else {
            if history.isEmpty {
                throw LifecycleError(.invalidHistory, from: nil, to: nil, reason: "a request's history cannot be empty")
            }
            return nil
        }
        return try replaying(history[..<count])
    }

    /// How many events of `history` were recorded by `instant`: the length of its prefix as of then.
    static func recordedCount(_ history: [RequestEvent], asOf instant: Date) -> Int {
        var count = 0
        while count < history.count, history[count].recordedAt <= instant { count += 1 }
        return count
    }
}
