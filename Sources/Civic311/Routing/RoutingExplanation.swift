/// A routing decision's explanation: written out as lines, or recorded by the rule set that made
/// the decision and written only when someone reads it.
///
/// Intake routes every request but few explanations are ever read, so a rule set records the two
/// things that determine its lines (its compiled rules and the input) and writes them on demand.
enum RoutingExplanation: Sendable {
    case written([String])
    case recorded(RoutingReplay)

    /// The lines, written now when they were recorded.
    var lines: [String] {
        switch self {
        case .written(let lines): lines
        case .recorded(let replay): replay.program.explanation(of: replay.input)
        }
    }

    /// Whether both are known to hold the same lines without writing them: the same recording.
    func isSameRecording(as other: Self) -> Bool {
        guard case .recorded(let left) = self, case .recorded(let right) = other else { return false }
        return left === right
    }
}

/// What writing a recorded explanation needs: the compiled rules that decided and the input they
/// decided on. Routing is deterministic, so walking the rules again yields the same decision, now
/// with every rule's reason for not matching.
final class RoutingReplay: Sendable {
    let program: RoutingProgram
    let input: RoutingInput

    init(program: RoutingProgram, input: RoutingInput) {
        self.program = program
        self.input = input
    }
}
