import Civic311
import Civic311SampleCounty
import Foundation
import Testing

@Suite struct JurisdictionTests {
    // MARK: The sample county

    @Test func serviceTypesPrintTheirFields() throws {
        let pothole = try #require(Jurisdiction.sampleCounty.serviceType("POTHOLE"))
        let printed = String(describing: pothole)
        #expect(printed.hasPrefix("ServiceType(id: POTHOLE, name: \"Pothole\""))
        #expect(!printed.contains("Storage"))
    }

    @Test func theSampleCountyLoads() throws {
        let county = Jurisdiction.sampleCounty
        #expect(county.name == "Cedar Valley County")
        #expect(county.timeZone.identifier == "America/New_York")
        #expect(county.departments.count >= 10)
        #expect(county.departments.filter { $0.kind == .externalAgency }.count >= 2)
        #expect(county.departments.contains { $0.kind == .contractor })
        #expect(county.serviceTypes.count >= 30)
        #expect(county.knowledgeArticles.count >= 3)
        let questions = county.serviceTypes.flatMap(\.questions)
        #expect(questions.count >= 30)
        #expect(Set(questions.map(\.kind)) == Set(ProbingQuestion.Kind.allCases), "every kind of question appears")
        for serviceType in county.serviceTypes {
            #expect(county.department(serviceType.department) != nil, "\(serviceType.id)")
            #expect(serviceType.targetSeconds > 0)
            #expect(serviceType.questions.map(\.order) == serviceType.questions.map(\.order).sorted())
            for question in serviceType.questions
            where question.kind == .singleChoice || question.kind == .multipleChoice {
                #expect(!question.choices.isEmpty, "\(serviceType.id).\(question.id)")
            }
        }
        #expect(county.serviceTypes.contains { $0.isPrivate })
        #expect(county.serviceTypes.contains { $0.requiresContact })
        #expect(county.serviceTypes.contains { !$0.requiresLocation })
    }

    @Test func lookupsFindWhatTheCatalogHolds() throws {
        let county = Jurisdiction.sampleCounty
        let pothole = try #require(county.serviceType("POTHOLE"))
        #expect(pothole.department == "DOT")
        #expect(pothole.targetSeconds == 72 * 3_600)
        #expect(pothole.questions.map(\.id) == ["size", "position", "damage"])
        #expect(pothole.question("size")?.choices.map(\.value) == ["small", "medium", "large"])
        #expect(pothole.question("colour") == nil)
        #expect(county.department("SHA")?.kind == .externalAgency)
        #expect(county.department("NOPE") == nil)
        #expect(county.serviceType("NOPE") == nil)
        #expect(county.knowledgeArticle("KB-HOURS") != nil)
        #expect(county.knowledgeArticle("KB-NOPE") == nil)
    }

    @Test func theSampleDocumentRoundTrips() throws {
        let reloaded = try Jurisdiction(json: Data(Jurisdiction.sampleCountyJSON.utf8))
        let county = Jurisdiction.sampleCounty
        #expect(reloaded.departments == county.departments)
        #expect(reloaded.serviceTypes == county.serviceTypes)
        #expect(reloaded.knowledgeArticles == county.knowledgeArticles)
    }

    // MARK: The jurisdiction's own rules

    @Test func theSampleCountyCarriesItsRules() throws {
        let county = Jurisdiction.sampleCounty
        let routing = try #require(county.routingRules)
        let serviceLevels = try #require(county.serviceLevels)
        #expect(routing.version == RoutingRuleSet.sampleCounty.version)
        #expect(routing.rules.map(\.id) == RoutingRuleSet.sampleCounty.rules.map(\.id))
        #expect(serviceLevels.agreements == ServiceLevelEngine.sampleCounty.agreements)
        let catalogOnly = try county.adopting(routingRules: nil, serviceLevels: nil)
        #expect(catalogOnly.routingRules == nil && catalogOnly.serviceLevels == nil)
        #expect(catalogOnly.serviceTypes == county.serviceTypes)
        let routingOnly = try catalogOnly.adopting(routingRules: routing, serviceLevels: nil)
        #expect(routingOnly.routingRules != nil && routingOnly.serviceLevels == nil)
    }

    @Test func rulesWrittenForAnotherCatalogAreRefusedWithTheirPaths() throws {
        // Testville has DOT, SHA and PKS, but none of the county's other departments or service types.
        let testville = try Jurisdiction(json: Self.document([]))
        let error = #expect(throws: ConfigurationError.self) {
            try testville.adopting(routingRules: .sampleCounty, serviceLevels: .sampleCounty)
        }
        let paths = error?.issues.map(\.path) ?? []
        #expect(paths.contains { $0.hasPrefix("$.routingRules.rules[") })
        #expect(paths.contains { $0.hasPrefix("$.serviceLevels.agreements[") })
        #expect(paths.allSatisfy { $0.hasPrefix("$.routingRules.") || $0.hasPrefix("$.serviceLevels.") })
    }

    // MARK: Loading documents

    /// A small valid document; each test changes one thing in it.
    private static func baseline() -> [String: Any] {
        [
            "name": "Testville",
            "timeZone": "America/Chicago",
            "departments": [
                ["id": "DOT", "name": "Streets", "kind": "internal"],
                ["id": "SHA", "name": "State Highways", "kind": "externalAgency", "phone": "555-0100"],
                ["id": "PKS", "name": "Parks"],
            ],
            "serviceTypes": [
                [
                    "code": "POTHOLE", "name": "Pothole", "group": "Streets", "department": "DOT", "targetHours": 72,
                    "keywords": ["pothole", "hole"],
                    "questions": [
                        [
                            "code": "size", "prompt": "How big?", "kind": "singleChoice", "required": true, "order": 1,
                            "choices": [["value": "small", "label": "Small"], ["value": "large"]],
                        ],
                        ["code": "notes", "prompt": "Anything else?", "kind": "text", "order": 2],
                    ],
                ],
                [
                    "code": "SIGN", "name": "Damaged sign", "group": "Streets", "department": "DOT",
                    "targetHours": 24.5, "requiresLocation": false, "requiresContact": true, "private": true,
                ],
            ],
            "knowledgeArticles": [["id": "KB-1", "title": "Hours", "answer": "Nine to five"]],
        ]
    }

    /// One step of a JSON path such as `serviceTypes[0].questions`.
    private enum Step {
        case key(String)
        case index(Int)
    }

    private static func steps(_ path: String) -> [Step] {
        path.split(separator: ".").flatMap { part -> [Step] in
            var steps: [Step] = []
            let pieces = part.split(separator: "[")
            steps.append(.key(String(pieces[0])))
            for piece in pieces.dropFirst() { steps.append(.index(Int(piece.dropLast())!)) }
            return steps
        }
    }

    /// `document` with the value at `path` replaced (`nil` removes it).
    private static func setting(_ path: String, to value: Any?, in document: Any) -> Any {
        func set(_ steps: ArraySlice<Step>, in node: Any) -> Any {
            guard let step = steps.first else { return value as Any }
            switch step {
            case .key(let key):
                var object = node as! [String: Any]
                if steps.count == 1 {
                    object[key] = value
                } else {
                    object[key] = set(steps.dropFirst(), in: object[key]!)
                }
                return object
            case .index(let index):
                var array = node as! [Any]
                array[index] = set(steps.dropFirst(), in: array[index])
                return array
            }
        }
        return set(steps(path)[...], in: document)
    }

    private static func document(_ changes: [(String, Any?)]) -> Data {
        var document: Any = baseline()
        for (path, value) in changes { document = setting(path, to: value, in: document) }
        return try! JSONSerialization.data(withJSONObject: document, options: [.sortedKeys])
    }

    /// Loads `data`, expecting it to fail; returns the issues.
    private static func issues(
        loading data: Data,
        code: ConfigurationError.Code = .invalidDocument
    ) -> [ConfigurationIssue] {
        do {
            let loaded = try Jurisdiction(json: data)
            Issue.record("loaded \(loaded.name) from an invalid document")
            return []
        } catch {
            #expect(error.code == code)
            return error.issues
        }
    }

    @Test func theBaselineLoads() throws {
        let loaded = try Jurisdiction(json: Self.document([]))
        #expect(loaded.name == "Testville")
        #expect(loaded.departments.map(\.id) == ["DOT", "SHA", "PKS"])
        #expect(loaded.department("PKS")?.kind == .internal, "kind defaults to internal")
        #expect(loaded.department("SHA")?.phone == "555-0100")
        let pothole = try #require(loaded.serviceType("POTHOLE"))
        #expect(pothole.targetSeconds == 72 * 3_600)
        #expect(pothole.requiresLocation && !pothole.requiresContact && !pothole.isPrivate)
        #expect(pothole.keywords == ["pothole", "hole"])
        #expect(pothole.question("size")?.choices.last == ProbingQuestion.Choice(value: "large", label: "large"))
        #expect(pothole.question("size")?.isRequired == true)
        #expect(pothole.question("notes")?.isRequired == false)
        let sign = try #require(loaded.serviceType("SIGN"))
        #expect(sign.targetSeconds == 24.5 * 3_600)
        #expect(!sign.requiresLocation && sign.requiresContact && sign.isPrivate)
        #expect(loaded.knowledgeArticle("KB-1")?.answer == "Nine to five")
    }

    private static var singleProblems: [(changes: [(String, Any?)], path: String, reason: String)] {
        [
            ([("serviceTypes[1].department", "NOPE")], "$.serviceTypes[1].department", "unknown department"),
            ([("departments[2].id", "DOT")], "$.departments[2].id", "duplicate department id"),
            ([("serviceTypes[1].code", "POTHOLE")], "$.serviceTypes[1].code", "duplicate service type code"),
            (
                [("serviceTypes[0].questions[0].choices", [Any]())], "$.serviceTypes[0].questions[0].choices",
                "at least one choice"
            ),
            ([("colour", "red")], "$.colour", "unknown key"),
            ([("departments[0].phon", "555")], "$.departments[0].phon", "unknown key"),
            (
                [("serviceTypes[0].questions[0].choices[0].lable", "S")],
                "$.serviceTypes[0].questions[0].choices[0].lable", "unknown key"
            ),
            ([("name", 5)], "$.name", "expected a string"),
            ([("name", " ")], "$.name", "must not be empty"),
            ([("departments", ["DOT": "Streets"])], "$.departments", "expected an array"),
            ([("departments[1]", "SHA")], "$.departments[1]", "expected an object"),
            ([("serviceTypes[0].targetHours", "72")], "$.serviceTypes[0].targetHours", "expected a number"),
            ([("serviceTypes[0].targetHours", 0)], "$.serviceTypes[0].targetHours", "positive"),
            ([("serviceTypes[1].targetHours", -5)], "$.serviceTypes[1].targetHours", "positive"),
            ([("serviceTypes[1].requiresLocation", 1)], "$.serviceTypes[1].requiresLocation", "expected true or false"),
            ([("serviceTypes[1].private", "yes")], "$.serviceTypes[1].private", "expected true or false"),
            ([("serviceTypes[0].keywords", ["pothole", 3])], "$.serviceTypes[0].keywords[1]", "expected a string"),
            ([("serviceTypes[0].questions[0].order", 1.5)], "$.serviceTypes[0].questions[0].order", "whole number"),
            ([("serviceTypes[0].questions[1].kind", "essay")], "$.serviceTypes[0].questions[1].kind", "unknown kind"),
            ([("departments[0].kind", "federal")], "$.departments[0].kind", "unknown kind"),
            ([("departments[0].name", nil)], "$.departments[0].name", "required value is missing"),
            ([("serviceTypes[0].group", nil)], "$.serviceTypes[0].group", "required value is missing"),
            ([("timeZone", "Mars/Olympus_Mons")], "$.timeZone", "unknown time zone"),
            ([("timeZone", nil)], "$.timeZone", "required value is missing"),
            (
                [("serviceTypes[0].questions[1].choices", [["value": "a"]])], "$.serviceTypes[0].questions[1].choices",
                "only choice questions"
            ),
            (
                [("serviceTypes[0].questions[0].choices[1].value", "small")],
                "$.serviceTypes[0].questions[0].choices[1].value", "duplicate choice"
            ),
            (
                [("serviceTypes[0].questions[1].code", "size")], "$.serviceTypes[0].questions[1].code",
                "duplicate question"
            ),
            (
                [
                    (
                        "knowledgeArticles",
                        [["id": "KB-1", "title": "A", "answer": "a"], ["id": "KB-1", "title": "B", "answer": "b"]]
                    )
                ],
                "$.knowledgeArticles[1].id", "duplicate knowledge article"
            ),
        ]
    }

    @Test(arguments: 0..<singleProblems.count)
    func eachProblemIsReportedWithItsPath(index: Int) {
        let problem = Self.singleProblems[index]
        let issues = Self.issues(loading: Self.document(problem.changes))
        #expect(issues.count == 1, "\(issues)")
        #expect(issues.first?.path == problem.path)
        #expect(issues.first?.reason.contains(problem.reason) == true, "\(issues.first?.reason ?? "no issue")")
    }

    @Test func everyShapeProblemIsReportedAtOnce() {
        let issues = Self.issues(
            loading: Self.document([
                ("colour", "red"),
                ("departments[0].phon", "555"),
                ("departments[1].kind", "federal"),
                ("serviceTypes[0].targetHours", "72"),
                ("serviceTypes[1].requiresLocation", "no"),
                ("serviceTypes[0].questions[1].kind", "essay"),
                ("knowledgeArticles", [["id": "KB-1", "title": "Hours"]]),
            ])
        )
        #expect(
            Set(issues.map(\.path)) == [
                "$.colour", "$.departments[0].phon", "$.departments[1].kind", "$.serviceTypes[0].targetHours",
                "$.serviceTypes[1].requiresLocation", "$.serviceTypes[0].questions[1].kind",
                "$.knowledgeArticles[0].answer",
            ]
        )
    }

    @Test func everyRuleProblemIsReportedAtOnce() {
        let issues = Self.issues(
            loading: Self.document([
                ("timeZone", "Mars/Olympus_Mons"),
                ("departments[2].id", "DOT"),
                ("serviceTypes[1].code", "POTHOLE"),
                ("serviceTypes[1].department", "NOPE"),
                ("serviceTypes[1].targetHours", 0),
                ("serviceTypes[0].questions[0].choices", [Any]()),
            ])
        )
        #expect(
            Set(issues.map(\.path)) == [
                "$.timeZone", "$.departments[2].id", "$.serviceTypes[1].code", "$.serviceTypes[1].department",
                "$.serviceTypes[1].targetHours", "$.serviceTypes[0].questions[0].choices",
            ]
        )
    }

    @Test func shapeAndRuleProblemsAreReportedTogether() {
        // One run must report everything: a misspelt key does not hide an unknown department.
        let issues = Self.issues(
            loading: Self.document([
                ("departments[0].phon", "555"),
                ("serviceTypes[1].department", "NOPE"),
                ("timeZone", "Mars/Olympus_Mons"),
            ])
        )
        #expect(
            Set(issues.map(\.path)) == ["$.departments[0].phon", "$.serviceTypes[1].department", "$.timeZone"],
            "\(issues)"
        )
    }

    @Test func questionProblemsPointAtTheQuestionInTheDocument() {
        // The document lists the questions out of their asking order; the path must still name
        // the question as written (index 0), not its place after sorting.
        let issues = Self.issues(
            loading: Self.document([
                ("serviceTypes[0].questions[0].order", 5),
                ("serviceTypes[0].questions[0].choices", [Any]()),
            ])
        )
        #expect(issues.map(\.path) == ["$.serviceTypes[0].questions[0].choices"])
    }

    @Test(arguments: ["", "{", "[1, 2", "{\"name\": }", "nul", "{\"name\" \"A\"}"])
    func malformedDocumentsAreRejected(text: String) {
        let issues = Self.issues(loading: Data(text.utf8), code: .malformedDocument)
        #expect(issues.count == 1)
        #expect(issues.first?.path == "$")
    }

    @Test func bytesThatAreNotUTF8AreMalformed() {
        let issues = Self.issues(loading: Data([0x7B, 0xFF, 0xFE, 0x7D]), code: .malformedDocument)
        #expect(issues.map(\.path) == ["$"])
    }

    @Test func aDocumentMustBeAnObject() {
        for text in ["[]", "42", "\"county\"", "null"] {
            let issues = Self.issues(loading: Data(text.utf8))
            #expect(issues.first?.path == "$", "\(text)")
        }
    }

    // MARK: Building in code

    @Test func buildingInCodeValidatesToo() {
        let choice = ProbingQuestion(id: "size", prompt: "How big?", kind: .singleChoice, isRequired: true)
        let error = #expect(throws: ConfigurationError.self) {
            try Jurisdiction(
                name: " ",
                timeZoneIdentifier: "Nowhere/Land",
                departments: [Department(id: "DOT", name: "Streets"), Department(id: "DOT", name: "Roads")],
                serviceTypes: [
                    ServiceType(id: "A", name: "A", group: "G", department: "NOPE", targetSeconds: 3_600),
                    ServiceType(id: "A", name: "B", group: "G", department: "DOT", targetSeconds: 0),
                    ServiceType(id: "C", name: "C", group: "G", department: "DOT", targetSeconds: .nan),
                    ServiceType(
                        id: "D",
                        name: "D",
                        group: "G",
                        department: "DOT",
                        targetSeconds: 60,
                        questions: [choice]
                    ),
                ],
                knowledgeArticles: [KnowledgeArticle(id: "KB", title: "T", answer: " ")]
            )
        }
        #expect(error?.code == .invalidDocument)
        #expect(
            error?.issues.map(\.path) == [
                "$.name", "$.timeZone", "$.departments[1].id", "$.serviceTypes[0].department", "$.serviceTypes[1].code",
                "$.serviceTypes[1].targetHours", "$.serviceTypes[2].targetHours",
                "$.serviceTypes[3].questions[0].choices",
                "$.knowledgeArticles[0].answer",
            ]
        )
    }

    @Test func aValidJurisdictionBuildsInCode() throws {
        let jurisdiction = try Jurisdiction(
            name: "Tiny Town",
            timeZoneIdentifier: "Europe/Dublin",
            departments: [Department(id: "OPS", name: "Operations")],
            serviceTypes: [
                ServiceType(
                    id: "LITTER",
                    name: "Litter",
                    group: "Streets",
                    department: "OPS",
                    targetSeconds: 86_400,
                    questions: [
                        ProbingQuestion(id: "b", prompt: "Second", kind: .yesNo, order: 2),
                        ProbingQuestion(id: "a", prompt: "First", kind: .text, order: 1),
                    ]
                )
            ]
        )
        #expect(jurisdiction.timeZone.identifier == "Europe/Dublin")
        #expect(jurisdiction.serviceType("LITTER")?.questions.map(\.id) == ["a", "b"], "questions in asking order")
    }
}
