@_spi(Benchmarks) import Civic311
import Civic311SampleCounty
import Foundation
import Testing

/// Routing decisions and their explanation text over many generated drafts, on the sample county's
/// rules and on a 200-rule set with keyword conditions. The digests were taken from the router
/// before it walked only candidate rules, pooled its scratch and matched keywords on bytes, so any
/// change to a decision or to one character of its explanation fails here.
@Suite struct RoutingExplanationTests {
    static let county = Jurisdiction.sampleCounty
    /// Tuesday 24 November 2026, 10:00 in New York.
    static let tuesdayMorning = Date(timeIntervalSince1970: 1_795_532_400)

    @Test func sampleCountyDecisionsAndExplanationsAreUnchanged() throws {
        let inputs = try Self.inputs(count: 3_000, seed: 311)
        let digest = try Self.digest(RoutingRuleSet.sampleCounty, inputs)
        #expect(digest == 0xa08f_fd84_39ad_ffaf, "digest \(String(digest, radix: 16))")
    }

    @Test func twoHundredKeywordRulesDecideAndExplainAsBefore() throws {
        let ruleSet = try Self.keywordRuleSet()
        let inputs = try Self.inputs(count: 3_000, seed: 15)
        let digest = try Self.digest(ruleSet, inputs)
        #expect(digest == 0x2899_db7e_307e_50cf, "digest \(String(digest, radix: 16))")
    }

    /// A pooled scratch carries nothing from one request to the next: routing through the pool
    /// answers as a fresh scratch does, and the fast path picks the same rule.
    @Test func pooledScratchRoutesAsAFreshOne() throws {
        for ruleSet in [RoutingRuleSet.sampleCounty, try Self.keywordRuleSet()] {
            var scratch = RoutingScratch()
            for input in try Self.inputs(count: 2_000, seed: 9) {
                let pooled = try ruleSet.route(input)
                var fresh = RoutingScratch()
                #expect(pooled == ruleSet.decision(for: input, scratch: &fresh))
                #expect(ruleSet.decide(input, using: &scratch).rule.map { ruleSet.rules[$0].id } == pooled.rule)
            }
        }
    }

    @Test(arguments: keywordLists.indices)
    func keywordsMatchAsCaseInsensitiveTextSearchDid(list: Int) throws {
        // One rule per keyword, so the deciding rule names the first keyword found.
        let keywords = Self.keywordLists[list]
        let rules =
            keywords.enumerated().map { index, word in
                RoutingRule(id: "k\(index)", when: [.keywords([word])], then: .assign("DOT", queue: nil))
            } + [RoutingRule(id: "fallback", when: [], then: .assignResponsible)]
        let ruleSet = try RoutingRuleSet(jurisdiction: Self.county, rules: rules, triage: "311")
        for generated in try Self.inputs(count: 3_000, seed: 77) {
            // No department has returned these: the deciding rule is the first keyword found.
            let input = RoutingInput(
                serviceType: generated.serviceType,
                description: generated.description,
                location: generated.location,
                answers: generated.answers,
                channel: generated.channel,
                receivedAt: generated.receivedAt
            )
            let lowered = input.description.lowercased()
            let expected = keywords.firstIndex { lowered.contains($0.lowercased()) }.map { "k\($0)" } ?? "fallback"
            #expect(try ruleSet.route(input).rule == expected, "\(input.description.debugDescription)")
        }
    }

    // MARK: Generated inputs

    /// Words and phrases the generated descriptions are made of: keywords of both rule sets in
    /// several cases, near misses, non-ASCII letters whose lowercase form changes length, line
    /// breaks and combining marks.
    static let fragments = [
        "pothole", "School Bus", "SCHOOL BUS", "school\tbus", "schoolbus", "syringe", "Needles", "SHARPS", "sharp",
        "hole in road", "Hole In Road", "crater", "streetlight", "light out", "dark street", "graffiti", "tag",
        "dumping", "mattress", "flood", "sewage", "smell", "noise", "party", "bus", "school", "the", "and", "near",
        "  ", ",", ".", "!", "\r\n", "\n", "\t", "café", "CAFÉ", "cafe\u{301}", "señal", "SEÑAL", "İstanbul",
        "straße", "STRASSE", "ǅ", "ﬁre", "fire", "Ωmega", "ωmega", "日本", "🚌", "🚌🚌", "e\u{301}", "\u{301}", "K",
        "\u{212A}", "x",
    ]

    static let keywords = [
        "school bus", "needle", "syringe", "sharps", "Pothole", "hole in road", "café", "señal", "STRASSE", "straße",
        "ﬁ", "i̇", "ω", "\u{301}", "e\u{301}", "🚌", "k", "dark", "light out", "s\r\n", "x!",
    ]

    /// Keyword lists for each way a description is searched: ``keywords`` (ASCII ones in two
    /// words of the one-pass scan, the rest by `String`), a county's handful (one word), more
    /// than the scan takes (each keyword searched on its own), one keyword longer than a word,
    /// and more than 64 short keywords that the scan still takes (keyword indices past one word
    /// of a bit set), with ``keywords`` among them.
    static let keywordLists: [[String]] = [
        keywords,
        ["school bus", "needle", "SHARPS", "pothole", "k", "x!"],
        keywords + manyKeywords,
        [String(repeating: "school bus ", count: 6) + "school"] + keywords,
        shortKeywords + ["ω", "needle", "ﬁ", "x!", "bus"],
    ]

    /// Pairs of letters the fragments are made of, 80 of them: 160 bytes, three words of the scan.
    static let shortKeywords: [String] = {
        let letters: [Character] = Array("aeioustrnhl")
        return (0..<80).map { (index: Int) -> String in String([letters[index % 11], letters[index / 11 + 1]]) }
    }()

    /// Phrases the generated descriptions make, and near misses of them: over 256 bytes of ASCII.
    static let manyKeywords = [
        "pothole school bus", "the school bus", "near the crater", "sharp syringe", "streetlight tag",
        "dumping mattress", "flood sewage", "smell noise", "party near", "dark street light out",
        "hole in road crater", "graffiti tag", "school\tbus", "fire fire", "straße", "bus school",
        "and the", "near near", "sewage smell", "mattress dumping", "crater hole", "schoolbus school",
        "noise party", "tag graffiti", "the and", "light out dark", "needles pothole", "ωmega",
    ]

    static func inputs(count: Int, seed: UInt64) throws -> [RoutingInput] {
        var random = Generator(state: seed)
        let types = county.serviceTypes
        let departments = county.departments.map(\.id)
        var inputs: [RoutingInput] = []
        for _ in 0..<count {
            let serviceType = types[random.below(types.count)]
            var answers: [QuestionCode: AnswerValue] = [:]
            for question in serviceType.questions where question.isRequired || random.below(2) == 0 {
                switch question.kind {
                case .yesNo: answers[question.id] = .yesNo(random.below(2) == 0)
                case .singleChoice:
                    answers[question.id] = .choice(question.choices[random.below(question.choices.count)].value)
                case .multipleChoice:
                    answers[question.id] = .choices([question.choices[random.below(question.choices.count)].value])
                case .number: answers[question.id] = .number(Double(random.below(5) + 1))
                case .text: answers[question.id] = .text(random.below(2) == 0 ? "text" : "Text")
                case .dateTime: answers[question.id] = .dateTime(tuesdayMorning)
                }
            }
            let coordinate: Coordinate?
            switch random.below(4) {
            case 0: coordinate = nil
            case 1:
                // Across State Route 9 and its edges, where boundaries make locations ambiguous.
                coordinate = try Coordinate(
                    latitude: 39.0 + Double(random.below(1_500)) / 10_000,
                    longitude: -77.2015 + Double(random.below(300)) / 100_000
                )
            default:
                coordinate = try Coordinate(
                    latitude: 38.99 + Double(random.below(1_700)) / 10_000,
                    longitude: -77.26 + Double(random.below(2_200)) / 10_000
                )
            }
            var description = ""
            for _ in 0..<random.below(8) {
                description += fragments[random.below(fragments.count)]
                if random.below(3) > 0 { description += " " }
            }
            if description.allSatisfy(\.isWhitespace) { description += "Reported" }
            let draft = ServiceRequestDraft(
                serviceType: serviceType.id,
                description: description,
                location: Location(address: "1 Main Street", coordinate: coordinate),
                answers: answers,
                submitter: Submitter(name: "R", phone: "555-010-1234"),
                channel: Channel.allCases[random.below(Channel.allCases.count)]
            )
            // Any hour of a fortnight, so calendars open and close.
            let receivedAt = tuesdayMorning.addingTimeInterval(Double(random.below(14 * 96)) * 900)
            let base = try RoutingInput(draft, in: county, receivedAt: receivedAt)
            let excluded: Set<DepartmentID> =
                random.below(5) == 0 ? [serviceType.department, departments[random.below(departments.count)]] : []
            inputs.append(
                RoutingInput(
                    serviceType: base.serviceType,
                    description: base.description,
                    location: base.location,
                    answers: base.answers,
                    channel: base.channel,
                    receivedAt: base.receivedAt,
                    excluded: excluded
                )
            )
        }
        return inputs
    }

    /// 199 rules mixing keywords with service types, groups, channels, districts, answers and
    /// calendars, then a fallback: the shape of a real county's table, at the size the benchmark
    /// uses.
    static func keywordRuleSet() throws -> RoutingRuleSet {
        let types = county.serviceTypes
        let districts = DistrictMap.sampleCounty.districts.map(\.id)
        let channels = Channel.allCases
        let calendars = ServiceLevelEngine.sampleCounty.calendars
        let calendarNames = calendars.keys.sorted()
        var rules: [RoutingRule] = []
        for index in 0..<199 {
            var conditions: [RoutingCondition] = []
            let type = types[(index * 7) % types.count]
            switch index % 5 {
            case 0:
                conditions.append(
                    .keywords([keywords[index % keywords.count], keywords[(index * 3) % keywords.count]])
                )
                conditions.append(.serviceTypes([type.id]))
            case 1:
                conditions.append(.groups([type.group]))
                conditions.append(.keywords([keywords[(index * 5) % keywords.count]]))
                conditions.append(.inDistrict([districts[index % districts.count]]))
            case 2:
                conditions.append(.notInDistrict([districts[(index / 5) % districts.count]]))
                conditions.append(.channels([channels[index % channels.count]]))
                conditions.append(.keywords([keywords[(index * 11) % keywords.count]]))
            case 3:
                if let name = calendarNames.first {
                    conditions.append(index % 2 == 0 ? .during(calendar: name) : .outsideHoursOf(calendar: name))
                }
                conditions.append(.serviceTypes([type.id, types[(index * 3) % types.count].id]))
            default:
                if let question = type.questions.first(where: { $0.kind == .yesNo }) {
                    conditions.append(.serviceTypes([type.id]))
                    conditions.append(.answer(question.id, .yesNo(index % 2 == 0)))
                } else {
                    conditions.append(.keywords([keywords[(index * 13) % keywords.count]]))
                }
            }
            let action = Self.action(sendingTo: county.departments[index % county.departments.count], index: index)
            rules.append(RoutingRule(id: "rule-\(index)", name: "Rule \(index)", when: conditions, then: action))
        }
        rules.append(RoutingRule(id: "fallback", when: [], then: .assignResponsible))
        return try RoutingRuleSet(
            jurisdiction: county,
            rules: rules,
            districts: .sampleCounty,
            calendars: calendars,
            triage: "311",
            triageQueue: "triage",
            ambiguityDistance: 25
        )
    }

    /// An action sending to `department` as its kind allows: referred, sent to a contractor, or
    /// assigned (escalated for every third rule).
    static func action(sendingTo department: Department, index: Int) -> RoutingAction {
        switch department.kind {
        case .externalAgency: .refer(department.id)
        case .contractor: .sendToContractor(department.id, queue: "c\(index)")
        default: index % 3 == 0 ? .escalate(department.id, queue: nil) : .assign(department.id, queue: "q\(index)")
        }
    }

    /// FNV-1a over every decision's fields and explanation lines.
    static func digest(_ ruleSet: RoutingRuleSet, _ inputs: [RoutingInput]) throws -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        func mix(_ text: String) {
            for byte in text.utf8 {
                hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
            }
            hash = (hash ^ 0xff) &* 0x100_0000_01b3
        }
        for input in inputs {
            let decision = try ruleSet.route(input)
            mix(decision.department.rawValue)
            mix(decision.queue ?? "-")
            mix(decision.disposition.rawValue)
            mix(decision.rule ?? "-")
            mix(decision.advisory ?? "-")
            mix(decision.isAmbiguous ? "ambiguous" : "clear")
            for line in decision.explanation { mix(line) }
        }
        return hash
    }

    /// SplitMix64: the same drafts on every run and platform.
    struct Generator {
        var state: UInt64

        mutating func next() -> UInt64 {
            state &+= 0x9e37_79b9_7f4a_7c15
            var z = state
            z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
            z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
            return z ^ (z >> 31)
        }

        mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }
    }
}
