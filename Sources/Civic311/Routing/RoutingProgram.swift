import Foundation

/// A rule set compiled for speed: codes become indices, sets become bit sets, and every
/// explanation line is written once, here, rather than per decision.
struct RoutingProgram: Sendable {
    /// One compiled condition: plain data, so walking the rules costs no reference counting.
    /// Set-valued tests keep their bit set as `count` words of ``RoutingProgram/words`` from
    /// `offset`; the other kinds keep an index or a mask in `offset`.
    struct Test: Sendable {
        enum Kind: UInt8, Sendable {
            case serviceTypes
            case groups
            case inDistrict
            case notInDistrict
            /// `offset` indexes ``RoutingProgram/calendars``.
            case during
            case outsideHoursOf
            /// `offset` is a mask of `1 << channel index`.
            case channels
            /// `offset` indexes ``RoutingProgram/answers``.
            case answer
            /// `offset` indexes ``RoutingProgram/keywordLists``.
            case keywords
        }

        let kind: Kind
        let offset: Int32
        let count: Int32

        var isGeographic: Bool { kind == .inDistrict || kind == .notInDistrict }
    }

    /// The flat storage every compiled test points into, built while compiling.
    struct Code: Sendable {
        /// Every rule's tests, one after another; rule `r` owns `ruleStarts[r]..<ruleStarts[r + 1]`.
        var tests: [Test] = []
        var ruleStarts: [Int32] = [0]
        /// Bit set storage for every set-valued test.
        var words: [UInt64] = []
        var calendars: [BusinessCalendar] = []
        var answers: [(QuestionCode, AnswerValue)] = []
        var keywordLists: [[String]] = []

        /// Appends a bit set holding `members` (each below `capacity`) and returns its test.
        mutating func bitSetTest(_ kind: Test.Kind, _ members: [Int], capacity: Int) -> Test {
            let count = max(1, (capacity + 63) / 64)
            let offset = words.count
            words.append(contentsOf: repeatElement(0, count: count))
            for member in members { words[offset + member >> 6] |= 1 << UInt64(member & 63) }
            return Test(kind: kind, offset: Int32(offset), count: Int32(count))
        }

        mutating func calendarTest(_ kind: Test.Kind, _ calendar: BusinessCalendar) -> Test {
            calendars.append(calendar)
            return Test(kind: kind, offset: Int32(calendars.count - 1), count: 0)
        }

        mutating func answerTest(_ question: QuestionCode, _ value: AnswerValue) -> Test {
            answers.append((question, value))
            return Test(kind: .answer, offset: Int32(answers.count - 1), count: 0)
        }

        mutating func keywordTest(_ words: [String]) -> Test {
            keywordLists.append(words)
            return Test(kind: .keywords, offset: Int32(keywordLists.count - 1), count: 0)
        }

    }

    static func channelMask(_ channels: Set<Channel>) -> Int32 {
        channels.reduce(0) { $0 | Int32(1) << Int32($1.ordinal) }
    }

    typealias Destination = (
        department: DepartmentID, queue: String?, disposition: RoutingDisposition, advisory: String?
    )

    let code: Code
    /// For each service type, the rules whose service-type and group tests admit it, in order:
    /// the fast path walks only these. Rule `r` of type `t` is
    /// `candidateRules[candidateStarts[t]..<candidateStarts[t + 1]]`.
    let candidateStarts: [Int32]
    let candidateRules: [Int32]
    let actions: [RoutingAction]
    let serviceTypeIndex: [ServiceTypeCode: Int]
    let groupOfType: [Int]
    let jurisdiction: Jurisdiction
    let ruleNames: [String]
    /// `missLines[rule][condition]`: why the rule did not match when that condition failed.
    let missLines: [[String]]
    /// Why each rule matched.
    let matchLines: [String]

    init(
        jurisdiction: Jurisdiction,
        rules: [RoutingRule],
        districts: DistrictMap?,
        calendars: [String: BusinessCalendar],
        triage: DepartmentID,
        conditionPath: (Int, Int) -> String,
        log: ConfigurationIssueLog
    ) {
        self.jurisdiction = jurisdiction
        var typeIndex: [ServiceTypeCode: Int] = [:]
        var groupIndex: [String: Int] = [:]
        var groupOfType: [Int] = []
        for (index, serviceType) in jurisdiction.serviceTypes.enumerated() {
            typeIndex[serviceType.id] = index
            if groupIndex[serviceType.group] == nil { groupIndex[serviceType.group] = groupIndex.count }
            groupOfType.append(groupIndex[serviceType.group]!)
        }
        serviceTypeIndex = typeIndex
        self.groupOfType = groupOfType

        if rules.isEmpty { log.add("$.rules", "a rule set needs at least one rule, ending with a fallback") }
        if let last = rules.last, !last.isFallback {
            log.add(
                "$.rules[\(rules.count - 1)]",
                "the last rule must have no conditions (a fallback), so that no request is left unrouted"
            )
        }
        // A decision records rule and condition indices in 16 bits (the scratch's `misses` and
        // `districtTests`), and the compiled tables index with 32 bits: larger sets are refused here,
        // where they are loaded, rather than trapping on every decision.
        if rules.count > RoutingRuleSet.maximumRules {
            log.add("$.rules", "a rule set holds at most \(RoutingRuleSet.maximumRules) rules, found \(rules.count)")
        }
        let (candidateEntries, overflow) = rules.count.multipliedReportingOverflow(by: jurisdiction.serviceTypes.count)
        if overflow || candidateEntries > Int(Int32.max) {
            log.add(
                "$.rules",
                "\(rules.count) rules over \(jurisdiction.serviceTypes.count) service types exceed the routing "
                    + "index (at most \(Int32.max) rule and service-type pairs)"
            )
        }
        let setCapacity = max(
            jurisdiction.serviceTypes.count,
            groupIndex.count,
            districts?.districts.count ?? 0
        )
        var ids: Set<String> = []
        var code = Code()
        var missLines: [[String]] = []
        var matchLines: [String] = []
        for (ruleIndex, rule) in rules.enumerated() {
            let rulePath = "$.rules[\(ruleIndex)]"
            if rule.id.isBlank { log.add("\(rulePath).id", "must not be empty") }
            if !ids.insert(rule.id).inserted { log.add("\(rulePath).id", "duplicate rule id '\(rule.id)'") }
            if rule.isFallback, ruleIndex < rules.count - 1 {
                log.add(rulePath, "matches every request, so the rules after it can never apply")
            }
            let label = "rule #\(ruleIndex + 1) '\(rule.name)'"
            var lines: [String] = []
            var reasons: [String] = []
            if rule.conditions.count > RoutingRuleSet.maximumConditionsPerRule {
                log.add(
                    "\(rulePath).when",
                    "a rule holds at most \(RoutingRuleSet.maximumConditionsPerRule) conditions, "
                        + "found \(rule.conditions.count)"
                )
            }
            for (conditionIndex, condition) in rule.conditions.enumerated() {
                let path = conditionPath(ruleIndex, conditionIndex)
                // Each test may add a bit set of `setCapacity` bits; every offset must stay an Int32.
                guard code.tests.count < Int(Int32.max), code.words.count + setCapacity / 64 + 1 < Int(Int32.max)
                else {
                    log.add(path, "the compiled rules exceed the routing index (\(Int32.max) entries)")
                    break
                }
                let context = Compiler(
                    jurisdiction: jurisdiction,
                    typeIndex: typeIndex,
                    groupIndex: groupIndex,
                    districts: districts,
                    calendars: calendars,
                    rule: rule,
                    path: path,
                    log: log
                )
                guard let (test, holds, fails) = context.compile(condition, into: &code) else { continue }
                code.tests.append(test)
                lines.append("\(label) did not match: \(fails)")
                reasons.append(holds)
            }
            Self.checkAction(rule.action, jurisdiction: jurisdiction, path: "\(rulePath).then", log: log)
            code.ruleStarts.append(Int32(code.tests.count))
            missLines.append(lines)
            let why = reasons.isEmpty ? "it is the fallback" : reasons.joined(separator: "; ")
            matchLines.append("\(label) matched: \(why) → \(Self.describe(rule.action, jurisdiction))")
        }
        // Too many pairs were reported above; the set is refused, so its index is never built.
        (candidateStarts, candidateRules) =
            overflow || candidateEntries > Int(Int32.max)
            ? ([0], [])
            : Self.candidates(code, typeCount: jurisdiction.serviceTypes.count, groupOfType: groupOfType)
        self.code = code
        self.actions = rules.map(\.action)
        self.ruleNames = rules.map(\.name)
        self.missLines = missLines
        self.matchLines = matchLines
    }

    // MARK: Deciding

    func decide(
        _ input: RoutingInput,
        districts: DistrictMap?,
        ambiguityDistance: Double,
        scratch: inout RoutingScratch
    ) -> RoutingOutcome {
        scratch.misses.removeAll(keepingCapacity: true)
        scratch.districtTests.removeAll(keepingCapacity: true)
        scratch.loweredDescription = nil
        let located: Bool
        if let districts, let point = input.location?.coordinate {
            // The distance is within the map's reach: checked when the rule set was built.
            located =
                (try? districts.locate(point, nearBoundaryWithin: ambiguityDistance, into: &scratch.lookup)) != nil
        } else {
            located = false
        }
        let typeIndex = serviceTypeIndex[input.serviceType.id] ?? -1
        let group = typeIndex >= 0 ? groupOfType[typeIndex] : -1
        let channel = Int32(1) << Int32(input.channel.ordinal)
        // Ambiguity needs the tested districts only when some boundary is near the point.
        let tracking = located && scratch.lookup.isNearBoundary
        let containing = located ? scratch.lookup.containing : []
        let explaining = scratch.isExplaining
        let ruleCount = code.ruleStarts.count - 1
        return code.tests.withUnsafeBufferPointer { tests in
            code.words.withUnsafeBufferPointer { words in
                code.ruleStarts.withUnsafeBufferPointer { ruleStarts in
                    /// Whether every test of the rule holds; records the miss when explaining.
                    func matches(_ ruleIndex: Int) -> Bool {
                        let first = Int(ruleStarts[ruleIndex])
                        for position in first..<Int(ruleStarts[ruleIndex + 1]) {
                            let test = tests[position]
                            let holds: Bool
                            switch test.kind {
                            case .serviceTypes:
                                holds = Self.contains(words, test, typeIndex)
                            case .groups:
                                holds = Self.contains(words, test, group)
                            case .inDistrict, .notInDistrict:
                                if tracking {
                                    scratch.districtTests.append((UInt16(ruleIndex), UInt16(position - first)))
                                }
                                var inside = false
                                for district in containing where Self.contains(words, test, district) {
                                    inside = true
                                    break
                                }
                                holds = test.kind == .inDistrict ? inside : !inside
                            case .channels:
                                holds = test.offset & channel != 0
                            default:
                                holds = slowTest(test, input, scratch: &scratch)
                            }
                            if !holds {
                                if explaining { scratch.misses.append((UInt16(ruleIndex), UInt16(position - first))) }
                                return false
                            }
                        }
                        if !input.excluded.isEmpty,
                            input.excluded.contains(destinationDepartment(of: ruleIndex, input: input))
                        {
                            if explaining { scratch.misses.append((UInt16(ruleIndex), UInt16.max)) }
                            return false
                        }
                        return true
                    }

                    if explaining || typeIndex < 0 {
                        for ruleIndex in 0..<ruleCount where matches(ruleIndex) {
                            return RoutingOutcome(rule: ruleIndex, ambiguity: ambiguity(scratch, words: words))
                        }
                    } else {
                        // Rules whose type or group test excludes this service type cannot match.
                        for position in Int(candidateStarts[typeIndex])..<Int(candidateStarts[typeIndex + 1]) {
                            let ruleIndex = Int(candidateRules[position])
                            if matches(ruleIndex) {
                                return RoutingOutcome(rule: ruleIndex, ambiguity: ambiguity(scratch, words: words))
                            }
                        }
                    }
                    return RoutingOutcome(rule: nil, ambiguity: nil)
                }
            }
        }
    }

    /// Which rules each service type can reach: a rule is excluded for a type when one of its
    /// service-type or group tests leaves the type out.
    private static func candidates(_ code: Code, typeCount: Int, groupOfType: [Int]) -> ([Int32], [Int32]) {
        var starts: [Int32] = [0]
        var rules: [Int32] = []
        code.words.withUnsafeBufferPointer { words in
            for type in 0..<typeCount {
                for rule in 0..<(code.ruleStarts.count - 1) {
                    let tests = code.tests[Int(code.ruleStarts[rule])..<Int(code.ruleStarts[rule + 1])]
                    let admitted = tests.allSatisfy { test in
                        switch test.kind {
                        case .serviceTypes: contains(words, test, type)
                        case .groups: contains(words, test, groupOfType[type])
                        default: true
                        }
                    }
                    if admitted { rules.append(Int32(rule)) }
                }
                starts.append(Int32(rules.count))
            }
        }
        return (starts, rules)
    }

    @inline(__always)
    private static func contains(_ words: UnsafeBufferPointer<UInt64>, _ test: Test, _ member: Int) -> Bool {
        guard member >= 0, member >> 6 < Int(test.count) else { return false }
        return words[Int(test.offset) + member >> 6] & (1 << UInt64(member & 63)) != 0
    }

    /// The tests that need more than integer arithmetic: calendars, answers and keywords.
    private func slowTest(_ test: Test, _ input: RoutingInput, scratch: inout RoutingScratch) -> Bool {
        switch test.kind {
        case .during:
            return code.calendars[Int(test.offset)].isOpen(at: input.receivedAt)
        case .outsideHoursOf:
            return !code.calendars[Int(test.offset)].isOpen(at: input.receivedAt)
        case .answer:
            let (question, expected) = code.answers[Int(test.offset)]
            guard let given = input.answers.first(where: { $0.question == question })?.value else { return false }
            return Self.answer(given, satisfies: expected)
        case .keywords:
            let lowered = scratch.loweredDescription ?? input.description.lowercased()
            scratch.loweredDescription = lowered
            return code.keywordLists[Int(test.offset)].contains { lowered.contains($0) }
        default:
            return false
        }
    }

    /// The nearest boundary, within the ambiguity distance, of a district this decision actually
    /// tested: a pothole near the state road's edge is in doubt; a noise complaint there is not,
    /// because no rule it reached asked where it was.
    private func ambiguity(_ scratch: RoutingScratch, words: UnsafeBufferPointer<UInt64>) -> BoundaryProximity? {
        guard !scratch.districtTests.isEmpty else { return nil }
        var nearest: BoundaryProximity?
        for proximity in scratch.lookup.nearBoundary where proximity.distance < (nearest?.distance ?? .infinity) {
            let tested = scratch.districtTests.contains { rule, condition in
                Self.contains(words, code.tests[Int(code.ruleStarts[Int(rule)]) + Int(condition)], proximity.district)
            }
            if tested { nearest = proximity }
        }
        return nearest
    }

    static func answer(_ given: AnswerValue, satisfies expected: AnswerValue) -> Bool {
        switch (given, expected) {
        case (.choices(let chosen), .choice(let value)): chosen.contains(value)
        case (.text(let text), .text(let value)): text.lowercased() == value.lowercased()
        default: given == expected
        }
    }

    // MARK: Destinations

    private func destinationDepartment(of ruleIndex: Int, input: RoutingInput) -> DepartmentID {
        destination(of: ruleIndex, input: input).department
    }

    func destination(of ruleIndex: Int, input: RoutingInput) -> Destination {
        switch actions[ruleIndex] {
        case .assignResponsible:
            let department = input.serviceType.department
            let disposition: RoutingDisposition
            switch jurisdiction.department(department)?.kind {
            case .externalAgency: disposition = .referred
            case .contractor: disposition = .contractor
            default: disposition = .assigned
            }
            return (department, nil, disposition, nil)
        case .assign(let department, let queue): return (department, queue, .assigned, nil)
        case .refer(let agency): return (agency, nil, .referred, nil)
        case .sendToContractor(let contractor, let queue): return (contractor, queue, .contractor, nil)
        case .escalate(let department, let queue): return (department, queue, .escalated, nil)
        case .emergencyAdvisory(let message, let department, let queue):
            return (department, queue, .emergencyAdvisory, message)
        }
    }

    func returnedLine(rule ruleIndex: Int, input: RoutingInput) -> String {
        let department = destinationDepartment(of: ruleIndex, input: input)
        return
            "rule #\(ruleIndex + 1) '\(ruleNames[ruleIndex])' matched, but \(department) returned the request: skipped"
    }

    static func describe(_ action: RoutingAction, _ jurisdiction: Jurisdiction) -> String {
        func name(_ id: DepartmentID) -> String { jurisdiction.departmentName(id) }
        func queued(_ queue: String?) -> String { queue.map { " (queue \($0))" } ?? "" }
        switch action {
        case .assignResponsible: return "assign to the service type's responsible department"
        case .assign(let department, let queue): return "assign to \(name(department))\(queued(queue))"
        case .refer(let agency): return "refer to \(name(agency))"
        case .sendToContractor(let contractor, let queue):
            return "send to contractor \(name(contractor))\(queued(queue))"
        case .escalate(let department, let queue): return "escalate to \(name(department))\(queued(queue))"
        case .emergencyAdvisory(_, let department, let queue):
            return "advise 911 and assign to \(name(department))\(queued(queue))"
        }
    }

    private static func checkAction(
        _ action: RoutingAction,
        jurisdiction: Jurisdiction,
        path: String,
        log: ConfigurationIssueLog
    ) {
        func require(_ id: DepartmentID, kind: Department.Kind?, _ what: String) {
            guard let department = jurisdiction.department(id) else {
                log.add(path, "unknown department '\(id)'")
                return
            }
            if let kind, department.kind != kind {
                log.add(path, "\(department.name) is not \(what)")
            }
        }
        switch action {
        case .assignResponsible: break
        case .assign(let department, _), .escalate(let department, _): require(department, kind: nil, "")
        case .refer(let agency): require(agency, kind: .externalAgency, "an external agency")
        case .sendToContractor(let contractor, _): require(contractor, kind: .contractor, "a contractor")
        case .emergencyAdvisory(let message, let department, _):
            require(department, kind: nil, "")
            if message.isBlank { log.add(path, "an emergency advisory needs a message for the resident") }
        }
    }
}
