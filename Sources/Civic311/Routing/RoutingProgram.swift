import Foundation
import Synchronization

/// A rule set compiled for speed: codes become indices, sets become bit sets, keywords become
/// lowered bytes and the masks of one scan for all of them, and every explanation line is written
/// once, here, rather than per decision.
///
/// A class, shared by every copy of its ``RoutingRuleSet``, so that a decision can keep a
/// reference to it and write its explanation only when someone reads it.
final class RoutingProgram: Sendable {
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
            /// `count` keywords listed from index `offset` of ``RoutingProgram/Code/keywordLists``.
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
        /// Every distinct keyword, lowered as `String.lowercased()` lowers it: rules that share a
        /// keyword share its search, done at most once per decision.
        var keywords: [String] = []
        var keywordIndex: [String: Int32] = [:]
        /// Each keyword test's keywords, as indices into ``keywords``.
        var keywordLists: [Int32] = []
        /// Beside each entry of ``keywordLists``, its test's keywords as a bit set over the
        /// first 64 keywords (0 when the test names a later one), so that a test whose keywords
        /// were all searched already in this decision is answered by one `and`.
        var keywordMasks: [UInt64] = []
        /// Keyword `k`'s UTF-8 bytes are `keywordBytes[keywordStarts[k]..<keywordStarts[k + 1]]`.
        var keywordBytes: [UInt8] = []
        var keywordStarts: [Int32] = [0]
        /// Whether a byte search finds keyword `k` exactly where a text search would: it is ASCII
        /// without CR or LF (which a text search treats as one character when paired).
        var keywordIsASCII: [Bool] = []
        /// For each ASCII keyword of two bytes or more, the pair bits (see
        /// ``RoutingScratch/pairBit(_:_:)``) of its first, middle and last pairs of bytes, 10 bits
        /// each; `nil` for a keyword the pair filter does not apply to.
        var keywordPairs: [UInt32?] = []

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

        /// `words` are already lowered.
        mutating func keywordTest(_ words: [String]) -> Test {
            let first = keywordLists.count
            for word in words {
                if let known = keywordIndex[word] {
                    keywordLists.append(known)
                    continue
                }
                keywordIndex[word] = Int32(keywords.count)
                keywordLists.append(Int32(keywords.count))
                keywords.append(word)
                keywordBytes.append(contentsOf: word.utf8)
                keywordStarts.append(Int32(keywordBytes.count))
                let isASCII = word.utf8.allSatisfy {
                    $0 < 0x80 && $0 != UInt8(ascii: "\r") && $0 != UInt8(ascii: "\n")
                }
                keywordIsASCII.append(isASCII)
                let bytes = Array(word.utf8)
                if isASCII, bytes.count >= 2 {
                    let bits = [0, (bytes.count - 2) / 2, bytes.count - 2].map {
                        UInt32(RoutingScratch.pairBit(bytes[$0], bytes[$0 + 1]))
                    }
                    keywordPairs.append(bits[0] | bits[1] << 10 | bits[2] << 20)
                } else {
                    keywordPairs.append(nil)
                }
            }
            let indices = keywordLists[first...]
            let mask = indices.allSatisfy { $0 < 64 } ? indices.reduce(UInt64(0)) { $0 | 1 << UInt64($1) } : 0
            keywordMasks.append(contentsOf: repeatElement(mask, count: words.count))
            return Test(kind: .keywords, offset: Int32(first), count: Int32(words.count))
        }

    }

    static func channelMask(_ channels: Set<Channel>) -> Int32 {
        channels.reduce(0) { $0 | Int32(1) << Int32($1.ordinal) }
    }

    typealias Destination = (
        department: DepartmentID, queue: String?, disposition: RoutingDisposition, advisory: String?
    )

    let code: Code
    let version: Int
    let districts: DistrictMap?
    let ambiguityDistance: Double
    /// For each service type, the rules whose service-type and group tests admit it, in order:
    /// the fast path walks only these. Rule `r` of type `t` is
    /// `candidateRules[candidateStarts[t]..<candidateStarts[t + 1]]`.
    let candidateStarts: [Int32]
    let candidateRules: [Int32]
    let actions: [RoutingAction]
    let groupOfType: [Int]
    /// How each service type's responsible department takes a request assigned to it.
    let responsibleDispositions: [RoutingDisposition]
    let jurisdiction: Jurisdiction
    let ruleNames: [String]
    /// `missLines[rule][condition]`: why the rule did not match when that condition failed.
    let missLines: [[String]]
    /// Why each rule matched.
    let matchLines: [String]
    /// The first line of every explanation.
    let versionLine: String
    /// The explained walk's misses known from the service type and channel alone; `nil` for a
    /// rule set too large to plan (the walk then tests every rule).
    let walkPlan: RoutingWalkPlan?
    /// Every ASCII keyword in one pass over an ASCII description; `nil` when they are too many
    /// (each is then searched on its own when a test first needs it).
    let keywordScan: KeywordScan?
    /// Explanations written for earlier walks, handed out again for the same walk.
    private let explanations = Mutex(RoutingExplanationCache())
    /// Scratches that ``withScratch(_:)`` lends out, so routing a request allocates none.
    private let scratches = Mutex<[LentScratch]>([])

    /// A pooled scratch, lent by reference so that lending it copies none of its buffers.
    // @unchecked: `scratch` is only touched by the one caller the pool has lent it to; the
    // pool's Mutex orders handing it out and taking it back.
    private final class LentScratch: @unchecked Sendable {
        // Unchecked: only the one borrower touches it (see above), so the runtime's check that no
        // two accesses overlap, a call into the runtime on every decision, can never fire.
        @exclusivity(unchecked) var scratch = RoutingScratch()
    }

    init(
        jurisdiction: Jurisdiction,
        rules: [RoutingRule],
        districts: DistrictMap?,
        calendars: [String: BusinessCalendar],
        ambiguityDistance: Double,
        version: Int,
        conditionPath: (Int, Int) -> String,
        log: ConfigurationIssueLog
    ) {
        self.jurisdiction = jurisdiction
        self.version = version
        self.districts = districts
        self.ambiguityDistance = ambiguityDistance
        var typeIndex: [ServiceTypeCode: Int] = [:]
        var groupIndex: [String: Int] = [:]
        var groupOfType: [Int] = []
        for (index, serviceType) in jurisdiction.serviceTypes.enumerated() {
            typeIndex[serviceType.id] = index
            if groupIndex[serviceType.group] == nil { groupIndex[serviceType.group] = groupIndex.count }
            groupOfType.append(groupIndex[serviceType.group]!)
        }
        self.groupOfType = groupOfType
        responsibleDispositions = jurisdiction.serviceTypes.map {
            Self.disposition(of: $0.department, in: jurisdiction)
        }

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
        let candidates =
            overflow || candidateEntries > Int(Int32.max)
            ? ([0], [])
            : Self.candidates(code, typeCount: jurisdiction.serviceTypes.count, groupOfType: groupOfType)
        self.candidateStarts = candidates.0
        self.candidateRules = candidates.1
        self.walkPlan =
            overflow || candidateEntries > Int(Int32.max)
            ? nil
            : RoutingWalkPlan(
                code,
                typeCount: jurisdiction.serviceTypes.count,
                groupOfType: groupOfType,
                channelCount: Channel.allCases.count
            )
        self.versionLine = "routing rules v\(version)"
        self.keywordScan = KeywordScan(keywords: code.keywords, isASCII: code.keywordIsASCII)
        self.code = code
        self.actions = rules.map(\.action)
        self.ruleNames = rules.map(\.name)
        self.missLines = missLines
        self.matchLines = matchLines
    }

    // MARK: Deciding

    /// Runs `body` with a scratch borrowed from this program's pool (or a new one when every
    /// pooled scratch is in use), so that routing one request at a time allocates no working
    /// memory after the first few requests.
    func withScratch<Result>(_ body: (inout RoutingScratch) -> Result) -> Result {
        let lent = scratches.withLock { $0.popLast() } ?? LentScratch()
        defer {
            scratches.withLock { pool in
                // A few per concurrent caller; more would only hold memory.
                if pool.count < 16 { pool.append(lent) }
            }
        }
        return body(&lent.scratch)
    }

    func decide(_ input: RoutingInput, scratch: inout RoutingScratch) -> RoutingOutcome {
        scratch.reset()
        let located: Bool
        if let districts, let point = input.location?.coordinate {
            // The distance is within the map's reach: checked when the rule set was built.
            located =
                (try? districts.locate(point, nearBoundaryWithin: ambiguityDistance, into: &scratch.lookup)) != nil
        } else {
            located = false
        }
        let typeIndex = jurisdiction.catalogIndex(of: input.serviceType) ?? -1
        scratch.typeIndex = typeIndex
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
                    /// Whether test `position` (condition `condition` of rule `ruleIndex`) holds.
                    func holds(_ position: Int, rule ruleIndex: Int, condition: Int) -> Bool {
                        let test = tests[position]
                        switch test.kind {
                        case .serviceTypes:
                            return Self.contains(words, test, typeIndex)
                        case .groups:
                            return Self.contains(words, test, group)
                        case .inDistrict, .notInDistrict:
                            if tracking {
                                scratch.districtTests.append((UInt16(ruleIndex), UInt16(condition)))
                            }
                            var inside = false
                            if containing.count == 1 {
                                inside = Self.contains(words, test, containing[0])
                            } else {
                                for district in containing where Self.contains(words, test, district) {
                                    inside = true
                                    break
                                }
                            }
                            return test.kind == .inDistrict ? inside : !inside
                        case .channels:
                            return test.offset & channel != 0
                        case .keywords:
                            // Settled earlier in this decision: answered without the call.
                            if scratch.description != .unread, let settled = settledMention(test, scratch) {
                                return settled
                            }
                            return mentions(test, input.description, scratch: &scratch)
                        default:
                            return slowTest(test, input, scratch: &scratch)
                        }
                    }

                    /// Whether the rule's department has returned the request; records the miss
                    /// when explaining.
                    func isReturned(_ ruleIndex: Int) -> Bool {
                        guard !input.excluded.isEmpty,
                            input.excluded.contains(destinationDepartment(of: ruleIndex, input: input))
                        else { return false }
                        if explaining { scratch.recordMiss(UInt32(ruleIndex) | RoutingScratch.returned << 16) }
                        return true
                    }

                    /// Whether every test of the rule holds; records the miss when explaining.
                    func matches(_ ruleIndex: Int) -> Bool {
                        let first = Int(ruleStarts[ruleIndex])
                        for position in first..<Int(ruleStarts[ruleIndex + 1])
                        where !holds(position, rule: ruleIndex, condition: position - first) {
                            if explaining {
                                scratch.recordMiss(UInt32(ruleIndex) | UInt32(position - first) << 16)
                            }
                            return false
                        }
                        return !isReturned(ruleIndex)
                    }

                    if explaining, !scratch.isExhaustive, typeIndex >= 0, let walkPlan {
                        // Rules whose miss the type and channel decide are neither tested nor
                        // recorded: the plan holds them. A district test is never reached in
                        // them, so ambiguity is unchanged too. The other rules' tests that read
                        // the request are the plan's probes, run in order.
                        let plan = walkPlan.plan(type: typeIndex, channel: input.channel.ordinal)
                        scratch.plan = plan
                        return walkPlan.probes.withUnsafeBufferPointer { probes in
                            var position = Int(walkPlan.probeStarts[plan])
                            let end = Int(walkPlan.probeStarts[plan + 1])
                            while position < end {
                                let probe = probes[position]
                                let ruleIndex = Int(probe.rule)
                                position += 1
                                if probe.test >= 0,
                                    !holds(Int(probe.test), rule: ruleIndex, condition: Int(probe.condition))
                                {
                                    scratch.recordMiss(UInt32(ruleIndex) | UInt32(probe.condition) << 16)
                                    position += Int(probe.following)
                                    continue
                                }
                                if probe.following > 0 { continue }
                                if probe.then != RoutingWalkPlan.Probe.matches {
                                    scratch.recordMiss(UInt32(ruleIndex) | UInt32(probe.then) << 16)
                                    continue
                                }
                                if !isReturned(ruleIndex) {
                                    return RoutingOutcome(rule: ruleIndex, ambiguity: ambiguity(scratch, words: words))
                                }
                            }
                            return RoutingOutcome(rule: nil, ambiguity: nil)
                        }
                    }
                    // Near a boundary, every district test a full walk would reach decides whether
                    // the location is ambiguous, so the walk must not skip rules then either.
                    if explaining || typeIndex < 0 || tracking {
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
    static func contains(_ words: UnsafeBufferPointer<UInt64>, _ test: Test, _ member: Int) -> Bool {
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
            return mentions(test, input.description, scratch: &scratch)
        default:
            return false
        }
    }

    /// Whether the description contains one of the test's keywords, ignoring case: exactly
    /// `description.lowercased().contains(keyword)`. An ASCII description is read once per
    /// decision: by ``keywordScan``, which settles every keyword a byte search may answer, or,
    /// for a rule set with too many keywords for it, lowered into bytes that each keyword is
    /// searched in. Other text, and keywords a byte search could split differently from a text
    /// search, take the `String` path.
    private func mentions(_ test: Test, _ description: String, scratch: inout RoutingScratch) -> Bool {
        if scratch.description == .unread {
            scratch.forgetKeywords(count: code.keywords.count)
            // After a scan, the loop below only meets keywords outside ASCII.
            let scanned = keywordScan.map { scratch.scan(description, with: $0) } ?? false
            if !scanned {
                scratch.read(description)
                // Up to 64 keywords, an explained walk settles all of them at once: it reaches most
                // keyword tests anyway, and each test is then one `and` with its mask. The fast path
                // may stop at an early rule, so it searches each keyword when a test first needs it.
                if scratch.isExplaining, scratch.description == .ascii, code.keywords.count <= 64 {
                    var searched: UInt64 = 0
                    var found: UInt64 = 0
                    for keyword in code.keywords.indices where code.keywordIsASCII[keyword] {
                        searched |= 1 << UInt64(keyword)
                        if occurs(keyword, in: &scratch) { found |= 1 << UInt64(keyword) }
                    }
                    scratch.keywordsSearched[0] = searched
                    scratch.keywordsFound[0] = found
                }
            }
        }
        if let settled = settledMention(test, scratch) { return settled }
        let end = Int(test.offset) + Int(test.count)
        for entry in Int(test.offset)..<end {
            let keyword = Int(code.keywordLists[entry])
            let word = keyword >> 6
            let bit = UInt64(1) << UInt64(keyword & 63)
            // Searched already in this decision (another rule names the same keyword).
            if scratch.keywordsSearched[word] & bit != 0 {
                if scratch.keywordsFound[word] & bit != 0 { return true }
                continue
            }
            let found: Bool
            if scratch.description == .ascii, code.keywordIsASCII[keyword] {
                found = occurs(keyword, in: &scratch)
            } else {
                let lowered = scratch.loweredDescription ?? description.lowercased()
                scratch.loweredDescription = lowered
                found = lowered.contains(code.keywords[keyword])
            }
            scratch.keywordsSearched[word] |= bit
            if found {
                scratch.keywordsFound[word] |= bit
                return true
            }
        }
        return false
    }

    /// The answer to keyword test `test` when its keywords are among the first 64 and one of them
    /// was found in this decision, or all were searched; `nil` otherwise. The description must
    /// have been read (``RoutingScratch/keywordsFound`` is sized then).
    @inline(__always)
    private func settledMention(_ test: Test, _ scratch: RoutingScratch) -> Bool? {
        let mask = test.count > 0 ? code.keywordMasks[Int(test.offset)] : 0
        guard mask != 0 else { return nil }
        if scratch.keywordsFound[0] & mask != 0 { return true }
        if scratch.keywordsSearched[0] & mask == mask { return false }
        return nil
    }

    /// Rule sets with more keywords than this filter them by pairs of bytes before searching.
    static let pairFilterThreshold = 3

    /// Whether ASCII keyword `keyword` occurs in the description, read as lowered ASCII bytes.
    private func occurs(_ keyword: Int, in scratch: inout RoutingScratch) -> Bool {
        // A pair of the keyword's bytes that the description lacks rules it out unsearched. Building
        // the pair set reads the text once, as three or four searches would, so a set of fewer
        // keywords skips it.
        if code.keywords.count > Self.pairFilterThreshold, let pairs = code.keywordPairs[keyword],
            !scratch.hasPairs(pairs)
        {
            return false
        }
        let start = Int(code.keywordStarts[keyword])
        let stop = Int(code.keywordStarts[keyword + 1])
        return scratch.loweredBytes.withUnsafeBufferPointer { text in
            code.keywordBytes.withUnsafeBufferPointer { bytes in
                Self.search(text, for: UnsafeBufferPointer(rebasing: bytes[start..<stop]))
            }
        }
    }

    /// Whether `pattern` (not empty) occurs in `text`: `memchr` finds each place the first byte
    /// occurs (many bytes at a time), `memcmp` checks the rest there.
    private static func search(_ text: UnsafeBufferPointer<UInt8>, for pattern: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = pattern.first, pattern.count <= text.count, let base = text.baseAddress,
            let rest = pattern.baseAddress.map({ $0 + 1 })
        else { return false }
        let last = text.count - pattern.count
        var position = 0
        while position <= last {
            guard let found = memchr(base + position, Int32(first), last - position + 1) else { return false }
            position = UnsafeRawPointer(base).distance(to: UnsafeRawPointer(found))
            // The second byte rules most places out without a call.
            if pattern.count == 1 || base[position + 1] == rest[0],
                memcmp(base + position + 1, rest, pattern.count - 1) == 0
            {
                return true
            }
            position += 1
        }
        return false
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

    // MARK: Explaining

    /// The lines for `outcome`, from the misses an explaining walk recorded in `scratch`: written
    /// once per distinct walk and kept (see ``RoutingExplanationCache``), except the ambiguity
    /// line, which names the distance, and walks past a returning department, which name it.
    func explanation(of outcome: RoutingOutcome, input: RoutingInput, scratch: RoutingScratch) -> [String] {
        var lines: [String]
        if !scratch.isExhaustive, let ruleIndex = outcome.rule, let key = scratch.walkKey(rule: ruleIndex) {
            lines = scratch.withMisses { misses in
                if let kept = explanations.withLock({
                    $0.lines(key: key, misses: misses, rule: ruleIndex, plan: scratch.plan)
                }) {
                    return kept
                }
                let written = self.lines(walkMisses(scratch), input: input, rule: ruleIndex)
                explanations.withLock {
                    $0.insert(key: key, misses: misses, rule: ruleIndex, plan: scratch.plan, lines: written)
                }
                return written
            }
        } else {
            lines = self.lines(walkMisses(scratch), input: input, rule: outcome.rule)
        }
        if let ambiguity = outcome.ambiguity, let districts {
            let district = districts.districts[ambiguity.district]
            lines.append(
                "the location is \(Self.wholeMetres(ambiguity.distance)) m from the boundary of "
                    + "\(district.name ?? district.id) (within \(Self.wholeMetres(ambiguityDistance)) m): "
                    + "ambiguous, sent to triage to confirm"
            )
        }
        return lines
    }

    /// `distance` as `String(format: "%.0f", distance)` writes it (halves to even), without
    /// Foundation's formatter, which cost a twentieth of intake for a request near a boundary.
    static func wholeMetres(_ distance: Double) -> String {
        // Beyond 2^53 every double is whole; the sign of zero and non-finite values are left
        // to the formatter.
        guard distance.isFinite, abs(distance) < 0x1p53, distance.sign == .plus || distance != 0 else {
            return String(format: "%.0f", distance)
        }
        let whole = distance.rounded(.toNearestOrEven)
        // "%.0f" writes a negative value that rounds to zero as "-0".
        if whole == 0, distance.sign == .minus { return "-0" }
        return String(Int64(whole))
    }

    /// Every miss of the walk `scratch` recorded, the planned ones included.
    private func walkMisses(_ scratch: RoutingScratch) -> [UInt32] {
        guard scratch.plan >= 0, let walkPlan else { return scratch.misses }
        return walkPlan.misses(of: scratch.plan, recorded: scratch.misses)
    }

    /// The version line, a line per miss and the deciding rule's line (or triage's).
    private func lines(_ misses: [UInt32], input: RoutingInput, rule: Int?) -> [String] {
        var lines: [String] = []
        lines.reserveCapacity(misses.count + 3)
        lines.append(versionLine)
        for miss in misses {
            let ruleIndex = Int(miss & 0xFFFF)
            let condition = miss >> 16
            if condition == RoutingScratch.returned {
                lines.append(returnedLine(rule: ruleIndex, input: input))
            } else {
                lines.append(missLines[ruleIndex][Int(condition)])
            }
        }
        guard let rule else {
            lines.append("no rule is left for a department that has not returned the request: sent to triage")
            return lines
        }
        lines.append(matchLines[rule])
        return lines
    }

    // MARK: Destinations

    private func destinationDepartment(of ruleIndex: Int, input: RoutingInput) -> DepartmentID {
        if case .assignResponsible = actions[ruleIndex] { return input.serviceType.department }
        return destination(of: ruleIndex, input: input).department
    }

    /// Where rule `ruleIndex` sends the request; `typeIndex` is the index of its service type
    /// (``RoutingScratch/typeIndex``), which saves looking its department up, or -1.
    func destination(of ruleIndex: Int, input: RoutingInput, typeIndex: Int = -1) -> Destination {
        switch actions[ruleIndex] {
        case .assignResponsible:
            let department = input.serviceType.department
            // The catalog's type names the same department as the request's: its kind is known.
            if typeIndex >= 0, typeIndex < responsibleDispositions.count,
                jurisdiction.serviceTypes[typeIndex].department == department
            {
                return (department, nil, responsibleDispositions[typeIndex], nil)
            }
            return (department, nil, Self.disposition(of: department, in: jurisdiction), nil)
        case .assign(let department, let queue): return (department, queue, .assigned, nil)
        case .refer(let agency): return (agency, nil, .referred, nil)
        case .sendToContractor(let contractor, let queue): return (contractor, queue, .contractor, nil)
        case .escalate(let department, let queue): return (department, queue, .escalated, nil)
        case .emergencyAdvisory(let message, let department, let queue):
            return (department, queue, .emergencyAdvisory, message)
        }
    }

    /// How a request assigned to its responsible `department` is handed over.
    static func disposition(of department: DepartmentID, in jurisdiction: Jurisdiction) -> RoutingDisposition {
        switch jurisdiction.department(department)?.kind {
        case .externalAgency: .referred
        case .contractor: .contractor
        default: .assigned
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
