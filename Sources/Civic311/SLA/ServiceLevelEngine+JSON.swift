import Foundation

// The service-level document:
//
//     {
//       "calendars": { "county-offices": { <calendar document> }, "around-the-clock": { … } },
//       "defaultCalendar": "county-offices",
//       "centerCalendar": "around-the-clock",
//       "departmentCalendars": { "WSS": "around-the-clock" },
//       "atRiskShare": 0.75,
//       "agreements": [
//         { "serviceType": "POTHOLE", "version": 2,
//           "firstResponse": { "businessHours": 8 }, "resolution": { "businessDays": 3 },
//           "priorities": { "urgent": { "resolution": { "businessHours": 8 } } } }
//       ],
//       "escalations": [
//         { "id": "breach-to-supervisor", "when": "breached", "action": { "notifySupervisor": "sla-desk" } },
//         { "id": "no-response", "when": { "noFirstResponseWithin": { "businessHours": 4 } },
//           "action": { "raisePriority": "high" }, "serviceTypes": ["POTHOLE"] }
//       ]
//     }
//
// A duration is an object with one key: businessMinutes, businessHours, businessDays,
// calendarMinutes, calendarHours or calendarDays, and a positive whole number.

extension ServiceLevelEngine {
    /// Loads a service-level document for `jurisdiction`, reporting every problem with its JSON
    /// path (unknown department, service type or calendar, overlapping working intervals, a
    /// non-positive target, an unknown time zone…); nothing is loaded when there is any.
    public init(json data: Data, jurisdiction: Jurisdiction) throws(ConfigurationError) {
        let parts = try JSONNode.load(data) { root -> Parts? in
            guard root.expectObject() else { return nil }
            root.rejectUnknownKeys([
                "calendars", "defaultCalendar", "centerCalendar", "departmentCalendars", "atRiskShare",
                "agreements", "escalations",
            ])
            let calendars = root.member("calendars").flatMap(BusinessCalendar.readNamed)
            let defaultCalendar = root.string("defaultCalendar")
            let centerCalendar = root.string("centerCalendar", required: false)
            var departmentCalendars: [DepartmentID: String] = [:]
            if let node = root.member("departmentCalendars", required: false), node.expectObject(),
                case .object(let members) = node.value
            {
                for key in members.keys.sorted() {
                    if let name = node.string(key) { departmentCalendars[DepartmentID(key)] = name }
                }
            }
            let atRiskShare = root.double("atRiskShare", required: false) ?? 0.75
            let agreements = root.array("agreements")?.compactMap(Self.agreement)
            let rules = root.array("escalations", required: false)?.compactMap(Self.rule) ?? []
            guard let calendars, let defaultCalendar, let agreements, root.log.isEmpty else { return nil }
            return Parts(
                calendars: calendars,
                departmentCalendars: departmentCalendars,
                defaultCalendar: defaultCalendar,
                centerCalendar: centerCalendar,
                agreements: agreements,
                atRiskShare: atRiskShare,
                rules: rules
            )
        }
        try self.init(
            jurisdiction: jurisdiction,
            calendars: parts.calendars,
            departmentCalendars: parts.departmentCalendars,
            defaultCalendar: parts.defaultCalendar,
            centerCalendar: parts.centerCalendar,
            agreements: parts.agreements,
            atRiskShare: parts.atRiskShare,
            escalationRules: parts.rules
        )
    }

    private struct Parts {
        var calendars: [String: BusinessCalendar]
        var departmentCalendars: [DepartmentID: String]
        var defaultCalendar: String
        var centerCalendar: String?
        var agreements: [ServiceLevelAgreement]
        var atRiskShare: Double
        var rules: [EscalationRule]
    }

    private static func agreement(_ node: JSONNode) -> ServiceLevelAgreement? {
        guard node.expectObject() else { return nil }
        node.rejectUnknownKeys(["serviceType", "version", "calendar", "firstResponse", "resolution", "priorities"])
        let code = node.string("serviceType")
        let version = node.int("version", required: false) ?? 1
        let calendar = node.string("calendar", required: false)
        let targets = Self.targets(node)
        var overrides: [Priority: ServiceLevelTargets] = [:]
        if let priorities = node.member("priorities", required: false), priorities.expectObject(),
            case .object(let members) = priorities.value
        {
            for key in members.keys.sorted() {
                guard let priority = Priority.named(key) else {
                    priorities.issue(at: key, "unknown priority; expected low, normal, high or urgent")
                    continue
                }
                if let child = priorities.member(key), child.expectObject() {
                    child.rejectUnknownKeys(["firstResponse", "resolution"])
                    if let override = Self.targets(child) { overrides[priority] = override }
                }
            }
        }
        guard let code, let targets else { return nil }
        do {
            return try ServiceLevelAgreement(
                serviceType: ServiceTypeCode(code),
                version: version,
                targets: targets,
                priorityTargets: overrides,
                calendar: calendar
            )
        } catch {
            node.issue(at: error.field, error.reason)
            return nil
        }
    }

    private static func targets(_ node: JSONNode) -> ServiceLevelTargets? {
        let firstResponse = node.member("firstResponse", required: false).map(Self.duration)
        guard let resolution = node.member("resolution").flatMap(Self.duration) else { return nil }
        if case .some(.none) = firstResponse { return nil }
        return ServiceLevelTargets(firstResponse: firstResponse ?? nil, resolution: resolution)
    }

    /// `{ "businessHours": 8 }` and the like.
    static func duration(_ node: JSONNode) -> SLADuration? {
        guard node.expectObject(), case .object(let members) = node.value else { return nil }
        guard members.count == 1, let (key, _) = members.first else {
            node.issue(
                "expected exactly one unit, one of \(SLADuration.Unit.allCases.map(\.rawValue).joined(separator: ", "))"
            )
            return nil
        }
        guard let unit = SLADuration.Unit(rawValue: key) else {
            node.issue(
                at: key,
                "unknown unit; expected one of \(SLADuration.Unit.allCases.map(\.rawValue).joined(separator: ", "))"
            )
            return nil
        }
        guard let amount = node.int(key) else { return nil }
        do {
            return try SLADuration(amount, unit)
        } catch {
            node.issue(at: key, error.reason)
            return nil
        }
    }

    private static func rule(_ node: JSONNode) -> EscalationRule? {
        guard node.expectObject() else { return nil }
        node.rejectUnknownKeys(["id", "when", "action", "serviceTypes"])
        let id = node.string("id")
        let trigger = node.member("when").flatMap(Self.trigger)
        let action = node.member("action").flatMap(Self.action)
        let types = node.strings("serviceTypes", required: false).map { Set($0.map { ServiceTypeCode($0) }) }
        guard let id, let trigger, let action else { return nil }
        do {
            return try EscalationRule(id: id, trigger: trigger, action: action, serviceTypes: types)
        } catch {
            node.issue(at: error.field, error.reason)
            return nil
        }
    }

    private static func trigger(_ node: JSONNode) -> EscalationTrigger? {
        if case .string(let text) = node.value {
            switch text {
            case "atRisk": return .atRisk
            case "breached": return .breached
            default:
                node.issue("unknown trigger '\(text)'; expected atRisk, breached or { noFirstResponseWithin: … }")
                return nil
            }
        }
        guard node.expectObject() else { return nil }
        node.rejectUnknownKeys(["noFirstResponseWithin"])
        return node.member("noFirstResponseWithin").flatMap(Self.duration).map { .noFirstResponse(within: $0) }
    }

    private static func action(_ node: JSONNode) -> EscalationAction? {
        guard node.expectObject() else { return nil }
        node.rejectUnknownKeys(["notifySupervisor", "raisePriority", "moveToQueue"])
        if node.has("notifySupervisor") {
            return .notifySupervisor(queue: node.string("notifySupervisor"))
        }
        if node.has("raisePriority") {
            guard let name = node.string("raisePriority") else { return nil }
            guard let priority = Priority.named(name) else {
                node.issue(at: "raisePriority", "unknown priority '\(name)'")
                return nil
            }
            return .raisePriority(to: priority)
        }
        if let move = node.member("moveToQueue", required: false), move.expectObject() {
            move.rejectUnknownKeys(["department", "queue"])
            guard let department = move.string("department") else { return nil }
            return .moveToQueue(department: DepartmentID(department), queue: move.string("queue", required: false))
        }
        node.issue("expected one of notifySupervisor, raisePriority or moveToQueue")
        return nil
    }
}

extension Priority {
    /// The priority with this name (`"low"`, `"normal"`, `"high"`, `"urgent"`).
    static func named(_ name: String) -> Priority? {
        allCases.first { "\($0)" == name }
    }
}
