/// What the explained walk does with each rule, worked out once per service type and channel.
///
/// An explanation names, for every rule before the deciding one, the first condition that failed,
/// so the explained walk cannot skip rules the way the fast path does. But the service-type,
/// group and channel tests depend only on the request's type and channel: when one of them fails
/// before any test that reads the request itself (its place, time, answers or words), the rule's
/// miss is known before the request arrives. The plan lists those misses ready-made and leaves
/// only the other rules to be tested, so the walk and its explanation are exactly those of
/// testing every rule in order.
struct RoutingWalkPlan: Sendable {
    /// A step packs its rule in the low 16 bits and, in the high 16, the condition that fails
    /// (the same packing as ``RoutingScratch/misses``), or ``evaluate`` when the rule must be
    /// tested against the request.
    static let evaluate: UInt32 = 0xFFFF
    /// Plans larger than this many steps are not built (the walk then tests every rule): a
    /// million steps is 4 MB, about 600 rules over 150 service types and every channel.
    static let maximumSteps = 1 << 20

    /// Every plan's steps, one plan per (service type, channel), each `ruleCount` long.
    let steps: [UInt32]
    /// Each plan's rules to evaluate, in order: plan `p`'s are
    /// `evaluated[evaluatedStarts[p]..<evaluatedStarts[p + 1]]`. The walk tests only these and
    /// records only their misses; the planned ones are read back from ``steps`` when the
    /// explanation is written (see ``misses(of:recorded:)``).
    let evaluated: [UInt16]
    let evaluatedStarts: [Int32]
    let ruleCount: Int
    let channelCount: Int

    /// `nil` when the plan would exceed ``maximumSteps``.
    init?(_ code: RoutingProgram.Code, typeCount: Int, groupOfType: [Int], channelCount: Int) {
        let ruleCount = code.ruleStarts.count - 1
        let (perType, overflow) = ruleCount.multipliedReportingOverflow(by: channelCount)
        let (total, overflowTotal) = perType.multipliedReportingOverflow(by: typeCount)
        guard !overflow, !overflowTotal, total <= Self.maximumSteps else { return nil }
        self.ruleCount = ruleCount
        self.channelCount = channelCount
        var steps: [UInt32] = []
        steps.reserveCapacity(total)
        var evaluated: [UInt16] = []
        var evaluatedStarts: [Int32] = [0]
        evaluatedStarts.reserveCapacity(typeCount * channelCount + 1)
        code.words.withUnsafeBufferPointer { words in
            for type in 0..<typeCount {
                for channel in 0..<channelCount {
                    for rule in 0..<ruleCount {
                        let step = Self.step(rule, code, words, type: type, group: groupOfType[type], channel: channel)
                        steps.append(step)
                        // Rule indices fit 16 bits: RoutingRuleSet.maximumRules is 65,536.
                        if step >> 16 == Self.evaluate { evaluated.append(UInt16(truncatingIfNeeded: rule)) }
                    }
                    evaluatedStarts.append(Int32(evaluated.count))
                }
            }
        }
        self.steps = steps
        self.evaluated = evaluated
        self.evaluatedStarts = evaluatedStarts
    }

    /// The plan for requests of service type `type` (an index) on channel `channel` (an ordinal).
    func plan(type: Int, channel: Int) -> Int { type * channelCount + channel }

    /// The steps of plan `plan`.
    func range(plan: Int) -> Range<Int> { plan * ruleCount..<(plan + 1) * ruleCount }

    /// The steps for requests of service type `type` (an index) on channel `channel` (an ordinal).
    func range(type: Int, channel: Int) -> Range<Int> { range(plan: plan(type: type, channel: channel)) }

    /// The positions in ``evaluated`` of plan `plan`'s rules to evaluate.
    func evaluatedRange(plan: Int) -> Range<Int> { Int(evaluatedStarts[plan])..<Int(evaluatedStarts[plan + 1]) }

    /// The whole walk's misses, in rule order, from the misses `recorded` for plan `plan`'s
    /// evaluated rules: the planned misses up to the deciding rule (the first evaluated rule
    /// without a recorded miss), or to the end when no rule decided.
    func misses(of plan: Int, recorded: [UInt32]) -> [UInt32] {
        var walk: [UInt32] = []
        walk.reserveCapacity(ruleCount)
        var next = 0
        for step in steps[range(plan: plan)] {
            guard step >> 16 == Self.evaluate else {
                walk.append(step)
                continue
            }
            // An evaluated rule with no recorded miss is the one that decided.
            guard next < recorded.count, recorded[next] & 0xFFFF == step & 0xFFFF else { break }
            walk.append(recorded[next])
            next += 1
        }
        return walk
    }

    /// The rule's miss when a type, group or channel test fails before any other kind of test;
    /// otherwise the rule is to be evaluated.
    private static func step(
        _ rule: Int,
        _ code: RoutingProgram.Code,
        _ words: UnsafeBufferPointer<UInt64>,
        type: Int,
        group: Int,
        channel: Int
    ) -> UInt32 {
        let first = Int(code.ruleStarts[rule])
        for position in first..<Int(code.ruleStarts[rule + 1]) {
            let test = code.tests[position]
            let holds: Bool
            switch test.kind {
            case .serviceTypes: holds = RoutingProgram.contains(words, test, type)
            case .groups: holds = RoutingProgram.contains(words, test, group)
            case .channels: holds = test.offset & (Int32(1) << Int32(channel)) != 0
            default: return UInt32(rule) | evaluate << 16
            }
            if !holds { return UInt32(rule) | UInt32(position - first) << 16 }
        }
        // Every test is about type, group or channel and holds: the rule matches unless its
        // department has returned the request, which only the request can say.
        return UInt32(rule) | evaluate << 16
    }
}
