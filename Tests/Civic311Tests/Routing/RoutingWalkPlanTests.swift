import Civic311SampleCounty
import Foundation
import Testing

@_spi(Benchmarks) @testable import Civic311

/// The explained walk's shortcuts (misses planned from the service type and channel, explanations
/// kept per walk) against the exhaustive walk that tests every rule and writes every line, over
/// rule sets whose conditions come in every order, so a planned miss is sometimes the first
/// condition, sometimes behind a district, keyword, answer or calendar test.
@Suite struct RoutingWalkPlanTests {
    typealias Generator = RoutingExplanationTests.Generator

    @Test(arguments: [1, 2, 3, 4]) func plannedWalksDecideAndExplainAsTheExhaustiveWalk(seed: UInt64) throws {
        var random = Generator(state: seed)
        let ruleSet = try Self.shuffledRuleSet(using: &random)
        #expect(ruleSet.program.walkPlan != nil)
        var planned = RoutingScratch()
        var exhaustive = RoutingScratch()
        exhaustive.isExhaustive = true
        let inputs = try RoutingExplanationTests.inputs(count: 1_500, seed: seed &+ 100)
        // Twice over, so the second pass reads explanations kept in the first.
        for input in inputs + inputs {
            let expected = ruleSet.decision(for: input, scratch: &exhaustive)
            #expect(ruleSet.decision(for: input, scratch: &planned) == expected)
            #expect(try ruleSet.route(input) == expected)
        }
    }

    /// A scratch is a value: a copy keeps the misses it had while the original decides again
    /// (the misses live in a buffer the walk writes without `Array`'s checks).
    @Test func aCopiedScratchKeepsItsMisses() throws {
        var random = Generator(state: 9)
        let ruleSet = try Self.shuffledRuleSet(using: &random)
        let inputs = try RoutingExplanationTests.inputs(count: 200, seed: 9)
        var scratch = RoutingScratch()
        var checked = 0
        for (first, second) in zip(inputs, inputs.dropFirst()) {
            _ = ruleSet.decision(for: first, scratch: &scratch)
            let copy = scratch
            let kept = copy.misses
            _ = ruleSet.decision(for: second, scratch: &scratch)
            var again = scratch
            _ = ruleSet.decision(for: first, scratch: &again)
            #expect(copy.misses == kept)
            #expect(again.misses == kept)
            if kept != scratch.misses { checked += 1 }
        }
        // The inputs' walks differ often enough that a shared buffer would have shown.
        #expect(checked > 50)
    }

    @Test func planMissesAreTheFirstFailingTypeGroupOrChannelTest() throws {
        let county = Jurisdiction.sampleCounty
        let pothole = try #require(county.serviceTypes.first { $0.id == "POTHOLE" } ?? county.serviceTypes.first)
        let other = try #require(county.serviceTypes.first { $0.group != pothole.group })
        let rules = [
            // Channel fails first for a phone call: planned miss at condition 0.
            RoutingRule(
                id: "web-only",
                when: [.channels([.web]), .serviceTypes([pothole.id])],
                then: .assignResponsible
            ),
            // A keyword comes first: the rule is evaluated whatever the type.
            RoutingRule(
                id: "words",
                when: [.keywords(["crater"]), .serviceTypes([other.id])],
                then: .assignResponsible
            ),
            // Group holds, type fails: planned miss at condition 1.
            RoutingRule(
                id: "group-then-type",
                when: [.groups([pothole.group]), .serviceTypes([other.id])],
                then: .assignResponsible
            ),
            // Only type and channel tests, all holding: evaluated (a department may have returned it).
            RoutingRule(id: "phone", when: [.channels([.phone])], then: .assignResponsible),
            RoutingRule(id: "fallback", when: [], then: .assignResponsible),
        ]
        let ruleSet = try RoutingRuleSet(jurisdiction: county, rules: rules, triage: "311")
        let plan = try #require(ruleSet.program.walkPlan)
        let type = try #require(ruleSet.program.jurisdiction.catalogIndex(of: pothole))
        let steps = Array(plan.steps[plan.range(plan: plan.plan(type: type, channel: Channel.phone.ordinal))])
        let evaluate = RoutingWalkPlan.evaluate << 16
        #expect(steps == [0, 1 | evaluate, 2 | 1 << 16, 3 | evaluate, 4 | evaluate])
        // The walk evaluates only rules 1, 3 and 4 and records their misses; the whole walk is
        // read back from the plan up to the deciding rule, or to the end when none decided.
        let index = plan.plan(type: type, channel: Channel.phone.ordinal)
        // Probes: rule 1's keyword test, then its type test decided to fail (condition 1) when
        // the keyword holds; rules 3 and 4, whose every test the plan decided holds.
        let probes = plan.probes[plan.probeRange(plan: index)].map {
            [Int($0.test), Int($0.rule), Int($0.condition), Int($0.following), Int($0.then)]
        }
        let keywordTest = Int(ruleSet.program.code.ruleStarts[1])
        let evaluateMark = Int(RoutingWalkPlan.Probe.matches)
        #expect(probes == [[keywordTest, 1, 0, 0, 1], [-1, 3, 0, 0, evaluateMark], [-1, 4, 0, 0, evaluateMark]])
        #expect(plan.misses(of: index, recorded: []) == [0])
        #expect(plan.misses(of: index, recorded: [1]) == [0, 1, 2 | 1 << 16])
        let returned = RoutingScratch.returned << 16
        #expect(plan.misses(of: index, recorded: [1, 3 | returned]) == [0, 1, 2 | 1 << 16, 3 | returned])
        #expect(
            plan.misses(of: index, recorded: [1, 3 | returned, 4 | returned])
                == [0, 1, 2 | 1 << 16, 3 | returned, 4 | returned]
        )
    }

    @Test func keptExplanationsAreFoundByTheirWholeWalk() {
        var cache = RoutingExplanationCache(capacity: 3)
        let walk: [UInt32] = [1, 2 | 1 << 16, 5]
        walk.withUnsafeBufferPointer { misses in
            cache.insert(key: 7, misses: misses, rule: 6, plan: 0, lines: ["a"])
            #expect(cache.lines(key: 7, misses: misses, rule: 6, plan: 0) == ["a"])
            // The same walk deciding on another rule, and a key that is not kept.
            #expect(cache.lines(key: 7, misses: misses, rule: 5, plan: 0) == nil)
            #expect(cache.lines(key: 8, misses: misses, rule: 6, plan: 0) == nil)
        }
        // Walks whose keys collide are told apart by their misses, including a prefix of a walk.
        let longer: [UInt32] = walk + [9]
        longer.withUnsafeBufferPointer { misses in
            #expect(cache.lines(key: 7, misses: misses, rule: 6, plan: 0) == nil)
            cache.insert(key: 7, misses: misses, rule: 6, plan: 0, lines: ["b"])
            #expect(cache.lines(key: 7, misses: misses, rule: 6, plan: 0) == ["b"])
        }
        walk.withUnsafeBufferPointer { #expect(cache.lines(key: 7, misses: $0, rule: 6, plan: 0) == ["a"]) }
        [UInt32]().withUnsafeBufferPointer { empty in
            cache.insert(key: 0, misses: empty, rule: 0, plan: 0, lines: ["c"])
            #expect(cache.lines(key: 0, misses: empty, rule: 0, plan: 0) == ["c"])
            #expect(cache.count == 3)
            // Full: the cache starts over rather than grow.
            cache.insert(key: 1, misses: empty, rule: 1, plan: 0, lines: ["d"])
            #expect(cache.count == 1)
            #expect(cache.lines(key: 0, misses: empty, rule: 0, plan: 0) == nil)
            #expect(cache.lines(key: 1, misses: empty, rule: 1, plan: 0) == ["d"])
        }
        // The line bound: a walk longer than it is not kept, and one that would pass it starts over.
        var small = RoutingExplanationCache(capacity: 10, lineCapacity: 4)
        [UInt32(1)].withUnsafeBufferPointer { misses in
            small.insert(key: 1, misses: misses, rule: 0, plan: 0, lines: ["a", "b", "c", "d", "e"])
            #expect(small.count == 0 && small.lines(key: 1, misses: misses, rule: 0, plan: 0) == nil)
            small.insert(key: 1, misses: misses, rule: 0, plan: 0, lines: ["a", "b", "c"])
            small.insert(key: 2, misses: misses, rule: 1, plan: 0, lines: ["d", "e"])
            #expect(small.count == 1 && small.lineCount == 2)
            #expect(small.lines(key: 1, misses: misses, rule: 0, plan: 0) == nil)
            #expect(small.lines(key: 2, misses: misses, rule: 1, plan: 0) == ["d", "e"])
        }
        // The same recorded misses under another plan are another walk.
        [UInt32(1), 2].withUnsafeBufferPointer { misses in
            cache.insert(key: 5, misses: misses, rule: 2, plan: 0, lines: ["e"])
            #expect(cache.lines(key: 5, misses: misses, rule: 2, plan: 1) == nil)
            #expect(cache.lines(key: 5, misses: misses, rule: 2, plan: 0) == ["e"])
        }
    }

    /// A walk's key reads every miss in order, the deciding rule and the plan; a walk past a
    /// returning department has none. Keys are hashed as the walk records its misses.
    @Test func aWalksKeyReadsEveryMissTheRuleAndThePlan() {
        func key(_ misses: [UInt32], rule: Int, plan: Int = 0) -> Int? {
            var scratch = RoutingScratch()
            scratch.reset()
            scratch.plan = plan
            for miss in misses { scratch.recordMiss(miss) }
            #expect(scratch.misses == misses)
            return scratch.walkKey(rule: rule)
        }
        let walk = key([1, 2], rule: 0)
        #expect(walk != nil)
        #expect(walk == key([1, 2], rule: 0))
        #expect(walk != key([2, 1], rule: 0))
        #expect(walk != key([1, 2], rule: 1))
        #expect(walk != key([1, 2], rule: 0, plan: 1))
        #expect(walk != key([1], rule: 0))
        #expect(key([1, 3 | RoutingScratch.returned << 16], rule: 4) == nil)
        // Past the buffer's first capacity, every miss still counts and is kept.
        let long = (0..<300).map { UInt32($0) | 1 << 16 }
        #expect(key(long, rule: 300) != key(Array(long.dropLast()) + [299 | 2 << 16], rule: 300))
    }

    /// 120 rules of two to four conditions drawn from every kind, in random order, then a fallback.
    /// Type tests name the rule's type and one at random, so some hold and some fail.
    static func shuffledRuleSet(using random: inout Generator) throws -> RoutingRuleSet {
        let county = Jurisdiction.sampleCounty
        let types = county.serviceTypes
        let districts = DistrictMap.sampleCounty.districts.map(\.id)
        let calendars = ServiceLevelEngine.sampleCounty.calendars
        let calendarName = try #require(calendars.keys.sorted().first)
        let channels = Channel.allCases
        let keywords = RoutingExplanationTests.keywords
        var rules: [RoutingRule] = []
        for index in 0..<120 {
            var conditions: [RoutingCondition] = []
            // Every type or group test admits this type, so an answer test always has a type that
            // asks its question.
            let type = types[random.below(types.count)]
            for _ in 0..<(2 + random.below(3)) {
                switch random.below(7) {
                case 0: conditions.append(.serviceTypes([type.id, types[random.below(types.count)].id]))
                case 1: conditions.append(.groups([type.group]))
                case 2: conditions.append(.channels([channels[random.below(channels.count)], .phone]))
                case 3: conditions.append(.keywords([keywords[random.below(keywords.count)]]))
                case 4:
                    let district: Set<String> = [districts[random.below(districts.count)]]
                    conditions.append(random.below(2) == 0 ? .inDistrict(district) : .notInDistrict(district))
                case 5:
                    conditions.append(
                        random.below(2) == 0 ? .during(calendar: calendarName) : .outsideHoursOf(calendar: calendarName)
                    )
                default:
                    if let question = type.questions.first(where: { $0.kind == .yesNo }) {
                        conditions.append(.answer(question.id, .yesNo(random.below(2) == 0)))
                    } else {
                        conditions.append(.channels([.web, .mobileApp]))
                    }
                }
            }
            let department = county.departments[random.below(county.departments.count)]
            let action = RoutingExplanationTests.action(sendingTo: department, index: index)
            rules.append(RoutingRule(id: "rule-\(index)", when: conditions, then: action))
        }
        rules.append(RoutingRule(id: "fallback", when: [], then: .assignResponsible))
        return try RoutingRuleSet(
            jurisdiction: county,
            rules: rules,
            districts: .sampleCounty,
            calendars: calendars,
            triage: "311",
            ambiguityDistance: 25
        )
    }
}
