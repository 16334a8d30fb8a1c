/// The request lifecycle as a table of allowed transitions. Anything not listed is refused with a
/// ``LifecycleError`` naming the from and to states, and nothing changes.
///
/// | action | from | to |
/// |---|---|---|
/// | accept | new | assigned |
/// | start | new, assigned | inProgress |
/// | putOnHold | assigned, inProgress | onHold |
/// | resume | onHold | inProgress |
/// | resolve | assigned, inProgress | resolved |
/// | close | new, assigned, inProgress, onHold, resolved | closed |
/// | reopen | resolved, closed | assigned |
/// | returnAsNotOurs | new, assigned, inProgress | new (another department) |
/// | reassign | new, assigned, inProgress, onHold | new (another department) |
/// | annotate | any state | the same state |
/// | changePriority | new, assigned, inProgress, onHold | the same state |
/// | escalate | new, assigned, inProgress, onHold | the same state |
///
/// Closing as ``Closure/Reason/completed`` additionally needs the work to have been done: it is
/// allowed from `inProgress` and `resolved` only.
public enum LifecycleTable {
    /// One row of the table.
    public struct Transition: Hashable, Sendable {
        public let action: LifecycleAction
        public let from: RequestState
        public let to: RequestState
    }

    /// Every allowed transition.
    public static let transitions: [Transition] = {
        var rows: [Transition] = []
        func add(_ action: LifecycleAction, _ from: [RequestState], _ to: RequestState?) {
            for state in from { rows.append(Transition(action: action, from: state, to: to ?? state)) }
        }
        let open: [RequestState] = [.new, .assigned, .inProgress, .onHold]
        add(.accept, [.new], .assigned)
        add(.start, [.new, .assigned], .inProgress)
        add(.putOnHold, [.assigned, .inProgress], .onHold)
        add(.resume, [.onHold], .inProgress)
        add(.resolve, [.assigned, .inProgress], .resolved)
        add(.close, open + [.resolved], .closed)
        add(.reopen, [.resolved, .closed], .assigned)
        add(.returnAsNotOurs, [.new, .assigned, .inProgress], .new)
        add(.reassign, open, .new)
        add(.annotate, RequestState.allCases, nil)
        add(.changePriority, open, nil)
        add(.escalate, open, nil)
        return rows
    }()

    private static let targets: [LifecycleAction: [RequestState: RequestState]] = {
        var map: [LifecycleAction: [RequestState: RequestState]] = [:]
        for row in transitions { map[row.action, default: [:]][row.from] = row.to }
        return map
    }()

    /// The state `action` leads to from `state`, or `nil` when the table has no such row.
    public static func target(of action: LifecycleAction, from state: RequestState) -> RequestState? {
        targets[action]?[state]
    }

    /// The state `action` leads to from `state`; throws when the move is not in the table.
    /// The state `change` leads to from `state`: the table's target for its action, except for
    /// ``RequestChange/unmerged(from:reason:restoring:)``, which leads from closed back to the
    /// open state the request was merged from.
    ///
    /// - Throws: ``LifecycleError`` (code `transitionNotAllowed`) when the table has no row for the
    ///   change's action from `state`, or when an unmerge does not start from closed or does not
    ///   lead to an open state.
    public static func requireTarget(
        of change: RequestChange,
        from state: RequestState
    ) throws(LifecycleError)
        -> RequestState
    {
        guard case .unmerged(_, _, let restoring) = change else {
            return try requireTarget(of: change.action, from: state)
        }
        guard state == .closed, restoring.isOpen else {
            throw LifecycleError(
                .transitionNotAllowed,
                from: state,
                to: restoring,
                reason:
                    "unlinking a duplicate leads from closed back to an open state, not from \(state.rawValue) to \(restoring.rawValue)"
            )
        }
        return restoring
    }

    public static func requireTarget(
        of action: LifecycleAction,
        from state: RequestState
    ) throws(LifecycleError) -> RequestState {
        if let target = target(of: action, from: state) { return target }
        let usual: RequestState =
            switch action {
            case .open: .new
            case .annotate, .changePriority, .escalate: state
            default: transitions.first { $0.action == action }?.to ?? state
            }
        throw LifecycleError(
            .transitionNotAllowed,
            from: state,
            to: usual,
            reason: "\(action.rawValue) is not allowed from \(state.rawValue) (to \(usual.rawValue))"
        )
    }
}
