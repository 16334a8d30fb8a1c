/// What the explained walk does with each rule, worked out once per service type and channel.
///
/// An explanation names, for every rule before the deciding one, the first condition that failed,
/// so the explained walk cannot skip rules the way the fast path does. But the service-type,
/// group and channel tests depend only on the request's type and channel: when one of them fails
/// before any test that reads the request itself (its place, time, answers or words), the rule's
/// miss is known before the request arrives. The plan lists those misses ready-made and leaves
/// only the other rules to be tested, so the walk and its explanation are exactly those of
/// testing every rule in order. For those, it lists the tests that read the request (probes),
/// with the type, group and channel tests around them already decided.
struct RoutingWalkPlan: Sendable {
    /// A test of a rule the walk must run against the request, or the mark of a rule whose every
    /// test the plan decided holds. A rule's probes are consecutive, in condition order.
    struct Probe: Sendable {
        /// The test's index in ``RoutingProgram/Code/tests``, or -1 for a rule with nothing left
        /// to test (it matches unless its department returned the request).
        let test: Int32
        let rule: UInt16
        /// The test's condition within its rule.
        let condition: UInt16
        /// How many probes of the same rule follow this one.
        let following: UInt16
        /// For the rule's last probe, when it holds: the condition after it that the plan knows
        /// fails, or ``matches`` when nothing fails.
        let then: UInt16
        /// ``then`` for a rule that matches when its probes hold.
        static let matches = UInt16(truncatingIfNeeded: RoutingWalkPlan.evaluate)
    }

    /// A step packs its rule in the low 16 bits and, in the high 16, the condition that fails
    /// (the same packing as ``RoutingScratch/misses``), or ``evaluate`` when the rule must be
    /// tested against the request.
    static let evaluate: UInt32 = 0xFFFF
    /// Plans larger than this many steps are not built (the walk then tests every rule): a
    /// million steps is 4 MB, about 600 rules over 150 service types and every channel.
    static let maximumSteps = 1 << 20

    /// Every plan's steps, one plan per (service type, channel), each `ruleCount` long.
    let steps: [UInt32]
    /// Each plan's probes, in rule order: plan `p`'s are
    /// `probes[probeStarts[p]..<probeStarts[p + 1]]`. The walk runs only these and records only
    /// the misses of their rules; the planned ones are read back from ``steps`` when the
    /// explanation is written (see ``misses(of:recorded:)``).
    let probes: [Probe]
    let probeStarts: [Int32]
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
        var probes: [Probe] = []
        var probeStarts: [Int32] = [0]
        probeStarts.reserveCapacity(typeCount * channelCount + 1)
        let fits = code.words.withUnsafeBufferPointer { words in
            for type in 0..<typeCount {
                for channel in 0..<channelCount {
                    for rule in 0..<ruleCount {
                        steps.append(
                            Self.step(
                                rule,
                                code,
                                words,
                                type: type,
                                group: groupOfType[type],
                                channel: channel,
                                probes: &probes
                            )
                        )
                    }
                    // A rule of many conditions can have many probes: bounded like the steps.
                    guard probes.count <= 4 * Self.maximumSteps else { return false }
                    probeStarts.append(Int32(probes.count))
                }
            }
            return true
        }
        guard fits else { return nil }
        self.steps = steps
        self.probes = probes
        self.probeStarts = probeStarts
    }

    /// Rule `rule`'s step: its miss when a type, group or channel test fails before any test
    /// that reads the request, else ``evaluate``, with the rule's probes appended to `probes`
    /// (its tests that read the request, up to the first type, group or channel test that fails).
    private static func step(
        _ rule: Int,
        _ code: RoutingProgram.Code,
        _ words: UnsafeBufferPointer<UInt64>,
        type: Int,
        group: Int,
        channel: Int,
        probes: inout [Probe]
    ) -> UInt32 {
        // Rule indices and conditions fit 16 bits: RoutingRuleSet.maximumRules is 65,536 and
        // maximumConditionsPerRule 65,535, so no condition index is `Probe.matches`.
        let first = Int(code.ruleStarts[rule])
        let start = probes.count
        var then = Probe.matches
        for position in first..<Int(code.ruleStarts[rule + 1]) {
            guard let holds = decided(code.tests[position], words, type: type, group: group, channel: channel) else {
                probes.append(
                    Probe(
                        test: Int32(position),
                        rule: UInt16(truncatingIfNeeded: rule),
                        condition: UInt16(truncatingIfNeeded: position - first),
                        following: 0,
                        then: Probe.matches
                    )
                )
                continue
            }
            if !holds {
                // Failing before any test of the request: a planned miss, nothing to probe.
                if probes.count == start { return UInt32(rule) | UInt32(position - first) << 16 }
                then = UInt16(truncatingIfNeeded: position - first)
                break
            }
        }
        if probes.count == start {
            // Every test is about type, group or channel and holds: the rule matches unless its
            // department has returned the request, which only the request can say.
            probes.append(
                Probe(test: -1, rule: UInt16(truncatingIfNeeded: rule), condition: 0, following: 0, then: then)
            )
            return UInt32(rule) | evaluate << 16
        }
        let count = probes.count - start
        for (offset, index) in (start..<probes.count).enumerated() {
            let probe = probes[index]
            probes[index] = Probe(
                test: probe.test,
                rule: probe.rule,
                condition: probe.condition,
                following: UInt16(truncatingIfNeeded: count - 1 - offset),
                then: offset == count - 1 ? then : Probe.matches
            )
        }
        return UInt32(rule) | evaluate << 16
    }

    /// The plan for requests of service type `type` (an index) on channel `channel` (an ordinal).
    func plan(type: Int, channel: Int) -> Int { type * channelCount + channel }

    /// The steps of plan `plan`.
    func range(plan: Int) -> Range<Int> { plan * ruleCount..<(plan + 1) * ruleCount }

    /// The positions in ``probes`` of plan `plan`'s probes.
    func probeRange(plan: Int) -> Range<Int> { Int(probeStarts[plan])..<Int(probeStarts[plan + 1]) }

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

    /// Whether `test` holds for requests of this type, group and channel; `nil` for a test that
    /// reads the request itself.
    private static func decided(
        _ test: RoutingProgram.Test,
        _ words: UnsafeBufferPointer<UInt64>,
        type: Int,
        group: Int,
        channel: Int
    ) -> Bool? {
        switch test.kind {
        case .serviceTypes: RoutingProgram.contains(words, test, type)
        case .groups: RoutingProgram.contains(words, test, group)
        case .channels: test.offset & (Int32(1) << Int32(channel)) != 0
        default: nil
        }
    }
}
