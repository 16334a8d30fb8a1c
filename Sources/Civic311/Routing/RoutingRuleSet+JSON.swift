import Foundation

// The routing document (districts come separately, as GeoJSON, in a DistrictMap):
//
//     {
//       "version": 4,
//       "triage": { "department": "311", "queue": "triage" },
//       "ambiguityDistance": 25,
//       "calendars": { "weekend": { "timeZone": "America/New_York",
//                                   "weeklyHours": { "saturday": [["00:00", "24:00"]], "sunday": [["00:00", "24:00"]] } } },
//       "rules": [
//         { "id": "tree-on-structure", "name": "Tree on a house or a power line",
//           "when": { "serviceTypes": ["TREE_DOWN"], "answers": { "on_structure": true } },
//           "then": { "emergencyAdvisory": { "message": "If anyone is hurt or a line is down, call 911 now.",
//                                            "department": "PKS", "queue": "emergency" } } },
//         { "id": "state-roads", "when": { "groups": ["Streets"], "inDistrict": ["SR-9"] }, "then": { "refer": "SHA" } },
//         { "id": "fallback", "when": {}, "then": "assignResponsible" }
//       ]
//     }
//
// "when" keys: serviceTypes, groups, inDistrict, notInDistrict (lists), during, outsideHoursOf (a
// calendar name), channels (list), answers (question code → true/false, a choice, a number or a
// text), keywords (list). "then": "assignResponsible", or one of { "assign": { "department", "queue" } },
// { "refer": "<agency>" }, { "sendToContractor": { "department", "queue" } },
// { "escalate": { "department", "queue" } }, { "emergencyAdvisory": { "message", "department", "queue" } }.

extension RoutingRuleSet {
    /// Loads a routing document for `jurisdiction`, with `districts` for its district conditions.
    ///
    /// Every problem is reported with its JSON path (an unknown department, service type, district
    /// or question, a rule set without a fallback, an answer outside a question's choices…), and
    /// nothing is loaded when there is any.
    ///
    /// Time-window conditions name calendars from the document's own `calendars` or from
    /// `calendars` given here (for example a ``ServiceLevelEngine``'s, so that "outside county office
    /// hours" means the same thing, holidays included, for routing and for service levels); a name
    /// defined in both places is an error.
    public init(
        json data: Data,
        jurisdiction: Jurisdiction,
        districts: DistrictMap? = nil,
        calendars shared: [String: BusinessCalendar] = [:]
    ) throws(ConfigurationError) {
        var keys: [[String]] = []
        let parts = try JSONNode.load(data) { root -> Parts? in
            guard root.expectObject() else { return nil }
            root.rejectUnknownKeys(["version", "triage", "ambiguityDistance", "calendars", "rules"])
            let version = root.int("version", required: false) ?? 1
            let triage = root.member("triage")
            triage?.rejectUnknownKeys(["department", "queue"])
            let triageDepartment = triage.flatMap { $0.expectObject() ? $0.string("department") : nil }
            let triageQueue = triage?.string("queue", required: false)
            let distance = root.double("ambiguityDistance", required: false) ?? 25
            var calendars = root.member("calendars", required: false).map(BusinessCalendar.readNamed) ?? [:]
            for name in shared.keys.sorted() {
                if calendars?[name] != nil {
                    root.issue(at: "calendars.\(name)", "is also given by the caller; use one definition")
                }
                calendars?[name] = shared[name]
            }
            var rules: [RoutingRule] = []
            for node in root.array("rules") ?? [] {
                let (rule, ruleKeys) = Self.rule(node)
                keys.append(ruleKeys)
                if let rule { rules.append(rule) }
            }
            guard let triageDepartment, let calendars, root.log.isEmpty else { return nil }
            return Parts(
                version: version,
                triage: DepartmentID(triageDepartment),
                triageQueue: triageQueue,
                distance: distance,
                calendars: calendars,
                rules: rules
            )
        }
        try self.init(
            jurisdiction: jurisdiction,
            rules: parts.rules,
            districts: districts,
            calendars: parts.calendars,
            triage: parts.triage,
            triageQueue: parts.triageQueue,
            ambiguityDistance: parts.distance,
            version: parts.version,
            conditionPath: { rule, condition in "$.rules[\(rule)].when.\(keys[rule][condition])" }
        )
    }

    private struct Parts {
        var version: Int
        var triage: DepartmentID
        var triageQueue: String?
        var distance: Double
        var calendars: [String: BusinessCalendar]
        var rules: [RoutingRule]
    }

    /// The order conditions are read in, so explanations and paths are stable.
    private static let conditionKeys = [
        "serviceTypes", "groups", "channels", "inDistrict", "notInDistrict", "during", "outsideHoursOf", "answers",
        "keywords",
    ]

    private static func rule(_ node: JSONNode) -> (RoutingRule?, [String]) {
        guard node.expectObject() else { return (nil, []) }
        node.rejectUnknownKeys(["id", "name", "when", "then"])
        let id = node.string("id")
        let name = node.string("name", required: false)
        var conditions: [RoutingCondition] = []
        var keys: [String] = []
        if let when = node.member("when"), when.expectObject() {
            when.rejectUnknownKeys(Set(conditionKeys))
            for key in conditionKeys where when.has(key) {
                for condition in Self.conditions(key, when) {
                    conditions.append(condition)
                    keys.append(key)
                }
            }
        }
        let action = node.member("then").flatMap(Self.action)
        guard let id, let action else { return (nil, keys) }
        return (RoutingRule(id: id, name: name, when: conditions, then: action), keys)
    }

    private static func conditions(_ key: String, _ when: JSONNode) -> [RoutingCondition] {
        switch key {
        case "serviceTypes": return when.strings(key).map { [.serviceTypes(Set($0.map { ServiceTypeCode($0) }))] } ?? []
        case "groups": return when.strings(key).map { [.groups(Set($0))] } ?? []
        case "inDistrict": return when.strings(key).map { [.inDistrict(Set($0))] } ?? []
        case "notInDistrict": return when.strings(key).map { [.notInDistrict(Set($0))] } ?? []
        case "during": return when.string(key).map { [.during(calendar: $0)] } ?? []
        case "outsideHoursOf": return when.string(key).map { [.outsideHoursOf(calendar: $0)] } ?? []
        case "keywords": return when.strings(key).map { [.keywords($0)] } ?? []
        case "channels":
            guard let names = when.strings(key) else { return [] }
            var channels: Set<Channel> = []
            for name in names {
                guard let channel = Channel(rawValue: name) else {
                    when.issue(at: key, "unknown channel '\(name)'")
                    return []
                }
                channels.insert(channel)
            }
            return [.channels(channels)]
        case "answers":
            guard let answers = when.member(key), answers.expectObject(), case .object(let members) = answers.value
            else {
                return []
            }
            return members.keys.sorted().compactMap { code in
                guard let value = answers.member(code).flatMap(Self.answerValue) else { return nil }
                return .answer(QuestionCode(code), value)
            }
        default:
            return []
        }
    }

    private static func answerValue(_ node: JSONNode) -> AnswerValue? {
        switch node.value {
        case .bool(let flag): return .yesNo(flag)
        case .string(let text): return .choice(text)
        case .number(let number): return .number(number)
        case .array:
            guard let values = node.arrayValue?.compactMap(\.stringValue) else { return nil }
            return .choices(values)
        default:
            node.issue("expected true/false, a choice, a number or a list of choices")
            return nil
        }
    }

    private static func action(_ node: JSONNode) -> RoutingAction? {
        if case .string(let text) = node.value {
            guard text == "assignResponsible" else {
                node.issue("unknown action '\(text)'; expected \"assignResponsible\" or an action object")
                return nil
            }
            return .assignResponsible
        }
        guard node.expectObject(), case .object(let members) = node.value, members.count == 1,
            let key = members.keys.first
        else {
            node.issue("expected exactly one of assign, refer, sendToContractor, escalate or emergencyAdvisory")
            return nil
        }
        let known: Set = ["assign", "refer", "sendToContractor", "escalate", "emergencyAdvisory"]
        guard known.contains(key) else {
            node.rejectUnknownKeys(known)
            return nil
        }
        if key == "refer" { return node.string("refer").map { .refer(DepartmentID($0)) } }
        guard let body = node.member(key), body.expectObject() else { return nil }
        body.rejectUnknownKeys(
            key == "emergencyAdvisory" ? ["message", "department", "queue"] : ["department", "queue"]
        )
        guard let department = body.string("department").map({ DepartmentID($0) }) else { return nil }
        let queue = body.string("queue", required: false)
        switch key {
        case "assign": return .assign(department, queue: queue)
        case "sendToContractor": return .sendToContractor(department, queue: queue)
        case "escalate": return .escalate(department, queue: queue)
        case "emergencyAdvisory":
            guard let message = body.string("message") else { return nil }
            return .emergencyAdvisory(message: message, department: department, queue: queue)
        default: return nil
        }
    }
}
