@_spi(Benchmarks) import Civic311
import Civic311SampleCounty
import Foundation
import Testing

@Suite struct RoutingRuleSetTests {
    let county = Jurisdiction.sampleCounty
    let rules = RoutingRuleSet.sampleCounty
    /// Tuesday 24 November 2026, 10:00 in New York: office hours.
    let tuesdayMorning = Date(timeIntervalSince1970: 1_795_532_400)
    /// Saturday 28 November 2026, 23:00 in New York.
    let saturdayNight = Date(timeIntervalSince1970: 1_795_924_800)

    func input(
        _ type: ServiceTypeCode,
        at point: (Double, Double)? = (39.05, -77.22),
        answers: [QuestionCode: AnswerValue] = [:],
        description: String = "Reported by a resident",
        channel: Channel = .phone,
        when instant: Date? = nil
    ) throws -> RoutingInput {
        let serviceType = county.serviceType(type)!
        var all = answers
        for question in serviceType.questions where question.isRequired && all[question.id] == nil {
            switch question.kind {
            case .yesNo: all[question.id] = .yesNo(false)
            case .singleChoice: all[question.id] = .choice(question.choices[0].value)
            case .multipleChoice: all[question.id] = .choices([question.choices[0].value])
            case .number: all[question.id] = .number(1)
            case .text: all[question.id] = .text("text")
            case .dateTime: all[question.id] = .dateTime(tuesdayMorning)
            }
        }
        let coordinate = try point.map { try Coordinate(latitude: $0.0, longitude: $0.1) }
        let draft = ServiceRequestDraft(
            serviceType: type,
            description: description,
            location: Location(address: "1 Main Street", coordinate: coordinate),
            answers: all,
            submitter: Submitter(name: "R", phone: "555-010-1234"),
            channel: channel
        )
        return try RoutingInput(draft, in: county, receivedAt: instant ?? tuesdayMorning)
    }

    /// The sample county's routing table, row by row: one case per rule and per action.
    @Test func sampleCountyGoldenCases() throws {
        let cases = [
            RoutingGoldenCase(
                "tree on a power line",
                try input("TREE_DOWN", answers: ["on_structure": .yesNo(true)]),
                expect: "PKS",
                .emergencyAdvisory
            ),
            RoutingGoldenCase(
                "tree in a yard",
                try input("TREE_DOWN", answers: ["on_structure": .yesNo(false)]),
                expect: "PKS",
                .assigned
            ),
            RoutingGoldenCase(
                "sewage indoors",
                try input("SEWER_BACKUP", answers: ["inside": .yesNo(true)]),
                expect: "WSS",
                .escalated
            ),
            RoutingGoldenCase(
                "pothole on State Route 9",
                try input("POTHOLE", at: (39.05, -77.1995)),
                expect: "SHA",
                .referred
            ),
            RoutingGoldenCase(
                "missed trash in Millbrook",
                try input("MISSED_TRASH", at: (39.13, -77.11)),
                expect: "MIL",
                .referred
            ),
            RoutingGoldenCase(
                "missed trash in the Millbrook enclave",
                try input("MISSED_TRASH", at: (39.12, -77.10)),
                expect: "SWR",
                .assigned
            ),
            RoutingGoldenCase(
                "school bus",
                try input("NOISE", description: "The School Bus idles for an hour"),
                expect: "SCH",
                .referred
            ),
            RoutingGoldenCase("streetlight", try input("STREETLIGHT_OUT"), expect: "BRT", .contractor),
            RoutingGoldenCase(
                "offensive graffiti",
                try input("GRAFFITI", answers: ["offensive": .yesNo(true)]),
                expect: "DEP",
                .escalated
            ),
            RoutingGoldenCase(
                "needles",
                try input("ILLEGAL_DUMPING", description: "Bags of syringes behind the store"),
                expect: "HHS",
                .assigned
            ),
            RoutingGoldenCase(
                "noise at night",
                try input("NOISE", at: nil, when: saturdayNight),
                expect: "POL",
                .assigned
            ),
            RoutingGoldenCase(
                "dead animal on a weekend",
                try input("DEAD_ANIMAL", when: saturdayNight),
                expect: "SWR",
                .assigned
            ),
            RoutingGoldenCase(
                "pothole in the east",
                try input("POTHOLE", at: (39.05, -77.10)),
                expect: "DOT",
                .assigned
            ),
            RoutingGoldenCase("state road problem by catalog", try input("STATE_ROAD"), expect: "SHA", .referred),
            RoutingGoldenCase(
                "pothole near State Route 9",
                try input("POTHOLE", at: (39.05, -77.2006)),
                expect: "311",
                .triage
            ),
        ]
        let mismatches = rules.check(cases)
        #expect(mismatches.isEmpty, "\(mismatches.map { $0.description }.joined(separator: "\n"))")
    }

    @Test func goldenCheckReportsMismatchesWithTheirExplanation() throws {
        let wrong = RoutingGoldenCase(
            "pothole on State Route 9",
            try input("POTHOLE", at: (39.05, -77.1995)),
            expect: "DOT"
        )
        let mismatches = rules.check([wrong])
        #expect(mismatches.count == 1)
        #expect(mismatches.first?.decision.department == "SHA")
        #expect(mismatches.first?.description.contains("State Route 9") == true)
    }

    @Test func explanationSaysWhyEarlierRulesDidNotMatch() throws {
        let decision = try rules.route(try input("STREETLIGHT_OUT"))
        #expect(decision.rule == "streetlights")
        #expect(decision.explanation.first == "routing rules v1")
        #expect(
            decision.explanation.contains {
                $0.contains("'Tree on a house or a power line' did not match: service type is not one of TREE_DOWN")
            }
        )
        #expect(
            decision.explanation.contains {
                $0.contains(
                    "'Streets problems on State Route 9' did not match: the location is not in State Route 9 corridor"
                )
            }
        )
        #expect(decision.explanation.last?.contains("matched: service type is one of STREETLIGHT_OUT") == true)
        #expect(decision.explanation.count == 1 + 5 + 1)
    }

    @Test func emergencyAdvisoryCarriesTheMessage() throws {
        let decision = try rules.route(try input("TREE_DOWN", answers: ["on_structure": .yesNo(true)]))
        #expect(decision.advisory?.contains("call 911") == true)
        #expect(decision.queue == "emergency")
    }

    @Test func nearBoundaryIsAmbiguousOnlyWhereARuleAskedWhereItWas() throws {
        // 10 m west of the corridor's edge.
        let nearEdge = (39.05, -77.20062)
        let pothole = try rules.route(try input("POTHOLE", at: nearEdge))
        #expect(pothole.isAmbiguous)
        #expect(pothole.disposition == .triage)
        #expect(pothole.explanation.last?.contains("ambiguous") == true)
        // A noise complaint never reaches a district test, so the boundary does not matter.
        let noise = try rules.route(try input("NOISE", at: nearEdge))
        #expect(!noise.isAmbiguous)
        #expect(noise.department == "POL")
    }

    @Test func withoutACoordinateDistrictRulesDoNotMatch() throws {
        let decision = try rules.route(try input("POTHOLE", at: nil))
        #expect(decision.department == "DOT")
        #expect(decision.rule == "catalog")
        #expect(decision.explanation.contains { $0.contains("(or has no coordinate)") })
    }

    @Test func returnedRequestsSkipTheDepartmentsThatReturnedThem() throws {
        let base = try input("POTHOLE", at: (39.05, -77.10))
        let excluded = RoutingInput(
            serviceType: base.serviceType,
            description: base.description,
            location: base.location,
            answers: base.answers,
            channel: base.channel,
            receivedAt: base.receivedAt,
            excluded: ["DOT"]
        )
        let decision = try rules.route(excluded)
        #expect(decision.department == "311")
        #expect(decision.disposition == .triage)
        #expect(decision.explanation.contains { $0.contains("DOT returned the request: skipped") })
    }

    @Test func rerouteAfterReturnThroughTheCenter() async throws {
        var configuration = ServiceCenter.Configuration(clock: try ManualWallClock(tuesdayMorning), triage: "311")
        configuration.router = rules
        let center = try await ServiceCenter(jurisdiction: county, store: .inMemory, configuration: configuration)
        let ack = try await center.submit(
            ServiceRequestDraft(
                serviceType: "POTHOLE",
                description: "Pothole",
                location: Location(coordinate: try Coordinate(latitude: 39.05, longitude: -77.10)),
                answers: ["size": .choice("small"), "position": .choice("lane")],
                channel: .web
            ),
            by: .resident(nil)
        )
        let returned = try await center.returnAsNotOurs(
            ack.ticket,
            reason: "Private road",
            by: .departmentStaff("x", department: "DOT")
        )
        #expect(returned.department == "311")
        #expect(returned.returnCount == 1)
        let history = try await center.history(of: ack.ticket, by: .supervisor("s"))
        guard case .opened(let opening) = history[0].change, case .returned(_, _, let explanation) = history[1].change
        else {
            Issue.record("unexpected history \(history.map(\.change.action))")
            return
        }
        #expect(opening.routing.rule == "east-potholes")
        #expect(opening.routing.queue == "east-yard")
        #expect(explanation.contains { $0.contains("DOT returned the request") })
    }

    @Test func ruleSetWithoutFallbackIsRejected() {
        let error = #expect(throws: ConfigurationError.self) {
            try RoutingRuleSet(
                jurisdiction: county,
                rules: [RoutingRule(id: "only", when: [.serviceTypes(["POTHOLE"])], then: .assignResponsible)],
                triage: "311"
            )
        }
        #expect(error?.issues.contains { $0.path == "$.rules[0]" && $0.reason.contains("fallback") } == true)
    }

    @Test func loadingReportsEveryProblemWithItsPath() {
        let document = """
            {
              "triage": { "department": "NOPE" },
              "rules": [
                { "id": "a", "when": { "serviceTypes": ["UNKNOWN"] }, "then": { "refer": "DOT" } },
                { "id": "a", "when": { "inDistrict": ["ATLANTIS"], "answers": { "size": "huge" } }, "then": "assignResponsible" },
                { "id": "c", "when": { "channels": ["pigeon"], "colour": "red" }, "then": { "teleport": {} } },
                { "id": "d", "when": { "groups": ["Streets"] }, "then": "assignResponsible" }
              ]
            }
            """
        let error = #expect(throws: ConfigurationError.self) {
            try RoutingRuleSet(json: Data(document.utf8), jurisdiction: county, districts: .sampleCounty)
        }
        let paths = Set(error?.issues.map(\.path) ?? [])
        #expect(paths.contains("$.rules[2].when.colour"))
        #expect(paths.contains("$.rules[2].when.channels"))
        #expect(paths.contains("$.rules[2].then.teleport"))
        #expect(paths.count == 3)
        // Structural problems stop the load before references are checked, so fix them and look again.
        let second = """
            {
              "triage": { "department": "NOPE" },
              "rules": [
                { "id": "a", "when": { "serviceTypes": ["UNKNOWN"] }, "then": { "refer": "DOT" } },
                { "id": "a", "when": { "inDistrict": ["ATLANTIS"], "answers": { "size": "huge" } }, "then": "assignResponsible" },
                { "id": "d", "when": { "groups": ["Streets"] }, "then": "assignResponsible" }
              ]
            }
            """
        let next = #expect(throws: ConfigurationError.self) {
            try RoutingRuleSet(json: Data(second.utf8), jurisdiction: county, districts: .sampleCounty)
        }
        let nextPaths = Set(next?.issues.map(\.path) ?? [])
        #expect(
            nextPaths.isSuperset(of: [
                "$.rules[0].when.serviceTypes", "$.rules[0].then", "$.rules[1].id", "$.rules[1].when.inDistrict",
                "$.rules[1].when.answers", "$.rules[2]", "$.triage.department",
            ])
        )
    }

    @Test func decideIsDeterministicAndAgreesWithRoute() throws {
        var scratch = RoutingScratch()
        let request = try input("POTHOLE", at: (39.05, -77.1995))
        let outcome = rules.decide(request, using: &scratch)
        #expect(outcome.rule.map { rules.rules[$0].id } == "state-roads")
        #expect(try rules.route(request).rule == "state-roads")
    }

    /// The fast path skips rules whose type or group test rules a request out; it must choose the
    /// same rule, and see the same ambiguity, as the explained path that walks every rule.
    @Test func fastPathAgreesWithTheExplainedPath() throws {
        var generator = SplitMix64(seed: 0x5EED)
        func next() -> UInt64 { generator.next() }
        var scratch = RoutingScratch()
        for _ in 0..<3_000 {
            let serviceType = county.serviceTypes[Int(next() % UInt64(county.serviceTypes.count))]
            var answers: [QuestionCode: AnswerValue] = [:]
            for question in serviceType.questions where question.kind == .yesNo {
                answers[question.id] = .yesNo(next() % 2 == 0)
            }
            let latitude = 39.0 + Double(next() % 15_000) / 100_000
            let longitude = -77.25 + Double(next() % 20_000) / 100_000
            let instant = tuesdayMorning.addingTimeInterval(Double(next() % (7 * 86_400)))
            let request = try input(serviceType.id, at: (latitude, longitude), answers: answers, when: instant)
            let fast = rules.decide(request, using: &scratch)
            let explained = rules.decision(for: request, scratch: &scratch)
            #expect(fast.rule.map { rules.rules[$0].id } == explained.rule)
            #expect((fast.ambiguity != nil) == explained.isAmbiguous)
        }
    }

    /// Routing shares the service levels' office calendar, holidays included: Thanksgiving morning
    /// is outside office hours for routing as it is for SLAs.
    @Test func officeHoursIncludeTheServiceLevelHolidays() throws {
        let thanksgivingMorning = tuesdayMorning.addingTimeInterval(2 * 86_400)  // Thursday 26 November, 10:00
        let holiday = try rules.route(try input("NOISE", at: nil, when: thanksgivingMorning))
        #expect(holiday.rule == "night-noise")
        let workday = try rules.route(try input("NOISE", at: nil, when: tuesdayMorning))
        #expect(workday.rule == "catalog")
    }

    @Test func aCalendarDefinedTwiceIsRefused() {
        let document = """
            {
              "triage": { "department": "311" },
              "calendars": { "weekend": { "timeZone": "America/New_York", "weeklyHours": "24x7" } },
              "rules": [ { "id": "fallback", "when": { "during": "weekend" }, "then": "assignResponsible" },
                         { "id": "catalog", "when": {}, "then": "assignResponsible" } ]
            }
            """
        let error = #expect(throws: ConfigurationError.self) {
            try RoutingRuleSet(
                json: Data(document.utf8),
                jurisdiction: county,
                calendars: ["weekend": try BusinessCalendar.twentyFourSeven(timeZone: "America/New_York")]
            )
        }
        #expect(error?.issues.map(\.path) == ["$.calendars.weekend"])
    }

    @Test(arguments: [-1.0, .nan, .infinity])
    func aBadAmbiguityDistanceIsRefusedEvenWithoutDistricts(distance: Double) {
        let error = #expect(throws: ConfigurationError.self) {
            try RoutingRuleSet(
                jurisdiction: county,
                rules: [RoutingRule(id: "catalog", when: [], then: .assignResponsible)],
                triage: "311",
                ambiguityDistance: distance
            )
        }
        #expect(error?.issues.map(\.path) == ["$.ambiguityDistance"])
    }
}
