import Foundation

extension Jurisdiction {
    /// Loads a jurisdiction from its JSON document.
    ///
    /// ```json
    /// { "name": "Sample County", "timeZone": "America/New_York",
    ///   "departments": [ { "id": "DOT", "name": "Transportation", "kind": "internal" } ],
    ///   "serviceTypes": [ { "code": "POTHOLE", "name": "Pothole", "group": "Streets",
    ///                       "department": "DOT", "targetHours": 72,
    ///                       "questions": [ { "code": "size", "prompt": "How big?", "kind": "singleChoice",
    ///                                        "required": true, "choices": [ { "value": "small", "label": "Small" } ] } ] } ],
    ///   "knowledgeArticles": [ { "id": "KB-1", "title": "…", "answer": "…" } ] }
    /// ```
    ///
    /// A service type may also carry its knowledge binding: `"knowledgeArticle": "KB-1"`,
    /// `"selfServiceURL": "https://…"` and `"referral": { "agency": "SHA", "transferNumber": "…" }`,
    /// and its duplicate rule: `"duplicates": { "radiusMeters": 60, "windowDays": 14, "related":
    /// ["STREET_CAVE_IN"] }` (``DuplicateRule``; `related` is optional), and how open data
    /// publishes its location: `"publicLocation": "block"` (``LocationPublishing``: `exact`, the
    /// default, `block`, `district` or `withheld`; refused on a private type).
    /// Articles take the keys of a ``KnowledgeBase`` document, and their `serviceTypes` and
    /// `department` must exist in this document.
    ///
    /// Every problem is reported with its JSON path (unknown department, duplicate code, empty
    /// choice list, unknown key…) and nothing is loaded when there is any.
    public init(json data: Data) throws(ConfigurationError) {
        let parts = try JSONNode.load(data) { root -> Parts? in
            guard root.expectObject() else { return nil }
            root.rejectUnknownKeys(["name", "timeZone", "departments", "serviceTypes", "knowledgeArticles"])
            let name = root.string("name")
            let timeZone = root.string("timeZone")
            let departmentNodes = root.array("departments")
            let departments = departmentNodes.map(Self.indexed(Self.department))
            let serviceTypeNodes = root.array("serviceTypes")
            let serviceTypes = serviceTypeNodes.map(Self.indexed(Self.serviceType))
            let articleNodes = root.array("knowledgeArticles", required: false)
            let articles = articleNodes.map(Self.indexed(KnowledgeArticle.read)) ?? []
            // Rule checks run even after shape problems, on what could be read, at document indices.
            Jurisdiction.validate(
                name: name,
                timeZoneIdentifier: timeZone,
                departments: departments ?? [],
                allDepartmentsRead: departments != nil && departments?.count == departmentNodes?.count,
                serviceTypes: serviceTypes ?? [],
                allServiceTypesRead: serviceTypes != nil && serviceTypes?.count == serviceTypeNodes?.count,
                questionsChecked: true,
                knowledgeArticles: articles,
                allArticlesRead: articleNodes.map { $0.count == articles.count } ?? !root.has("knowledgeArticles"),
                root: "$",
                log: root.log
            )
            guard let name, let timeZone, let departments, let serviceTypes, root.log.isEmpty else { return nil }
            return Parts(
                name: name,
                timeZone: timeZone,
                departments: departments.map(\.element),
                serviceTypes: serviceTypes.map(\.element),
                articles: articles.map(\.element)
            )
        }
        // The rules were checked above, at document paths; only the indexes remain to build.
        self.init(
            checkedName: parts.name,
            timeZoneIdentifier: parts.timeZone,
            departments: parts.departments,
            serviceTypes: parts.serviceTypes,
            knowledgeArticles: parts.articles
        )
    }

    private struct Parts {
        var name: String
        var timeZone: String
        var departments: [Department]
        var serviceTypes: [ServiceType]
        var articles: [KnowledgeArticle]
    }

    private static func indexed<Element>(
        _ read: @escaping (JSONNode) -> Element?
    ) -> ([JSONNode]) -> [(offset: Int, element: Element)] {
        { nodes in nodes.enumerated().compactMap { index, node in read(node).map { (index, $0) } } }
    }

    private static func department(_ node: JSONNode) -> Department? {
        guard node.expectObject() else { return nil }
        node.rejectUnknownKeys(["id", "name", "kind", "phone", "email"])
        let id = node.string("id")
        let name = node.string("name")
        var kind = Department.Kind.internal
        if let text = node.string("kind", required: false) {
            if let parsed = Department.Kind(rawValue: text) {
                kind = parsed
            } else {
                node.issue(at: "kind", "unknown kind '\(text)'; expected internal, externalAgency or contractor")
            }
        }
        let phone = node.string("phone", required: false)
        let email = node.string("email", required: false)
        guard let id, let name else { return nil }
        return Department(id: DepartmentID(id), name: name, kind: kind, phone: phone, email: email)
    }

    private static func serviceType(_ node: JSONNode) -> ServiceType? {
        guard node.expectObject() else { return nil }
        node.rejectUnknownKeys([
            "code", "name", "group", "keywords", "department", "targetHours", "requiresLocation",
            "requiresContact", "private", "questions", "knowledgeArticle", "selfServiceURL", "referral",
            "duplicates", "publicLocation",
        ])
        let code = node.string("code")
        let name = node.string("name")
        let group = node.string("group")
        let keywords = node.strings("keywords", required: false) ?? []
        let department = node.string("department")
        let hours = node.double("targetHours")
        let requiresLocation = node.bool("requiresLocation", required: false) ?? true
        let requiresContact = node.bool("requiresContact", required: false) ?? false
        let isPrivate = node.bool("private", required: false) ?? false
        let indexedQuestions = node.array("questions", required: false).map(Self.indexed(Self.question)) ?? []
        // Checked in document order, so paths name the question as written.
        Jurisdiction.validate(questions: indexedQuestions, root: node.childPath("questions"), log: node.log)
        let questions = indexedQuestions.map(\.element)
        let article = node.string("knowledgeArticle", required: false)
        var selfServiceURL: URL?
        if let text = node.string("selfServiceURL", required: false) {
            selfServiceURL = URL(string: text)
            if selfServiceURL == nil { node.issue(at: "selfServiceURL", "not a URL: '\(text)'") }
        }
        let referral = node.member("referral", required: false).flatMap(Self.referral)
        let duplicates = node.member("duplicates", required: false).flatMap(Self.duplicateRule)
        let publicLocation = Self.publicLocation(node, isPrivate: isPrivate)
        guard let code, let name, let group, let department, let hours else { return nil }
        return ServiceType(
            id: ServiceTypeCode(code),
            name: name,
            group: group,
            keywords: keywords,
            department: DepartmentID(department),
            targetSeconds: hours * 3600,
            requiresLocation: requiresLocation,
            requiresContact: requiresContact,
            isPrivate: isPrivate,
            questions: questions,
            knowledgeArticle: article.map { KnowledgeArticleID($0) },
            selfServiceURL: selfServiceURL,
            referral: referral,
            duplicates: duplicates,
            publicLocation: publicLocation
        )
    }

    /// `"publicLocation"`: one of the ``LocationPublishing`` values, and only on a public type
    /// (a private one is never published, so a setting there is a mistake worth reporting).
    private static func publicLocation(_ node: JSONNode, isPrivate: Bool) -> LocationPublishing {
        guard let text = node.string("publicLocation", required: false) else { return .exact }
        guard let value = LocationPublishing(rawValue: text) else {
            let allowed = LocationPublishing.allCases.map(\.rawValue).joined(separator: ", ")
            node.issue(at: "publicLocation", "unknown value '\(text)'; expected one of \(allowed)")
            return .exact
        }
        if isPrivate {
            node.issue(
                at: "publicLocation",
                "a private service type is never published; remove publicLocation or the private flag"
            )
        }
        return value
    }

    private static func duplicateRule(_ node: JSONNode) -> DuplicateRule? {
        guard node.expectObject() else { return nil }
        node.rejectUnknownKeys(["radiusMeters", "windowDays", "related"])
        let radius = node.double("radiusMeters")
        let days = node.double("windowDays")
        let related = node.strings("related", required: false) ?? []
        guard let radius, let days else { return nil }
        do {
            return try DuplicateRule(
                radius: radius,
                window: days * 86_400,
                related: related.map { ServiceTypeCode($0) }
            )
        } catch {
            let key = ["radius": "radiusMeters", "window": "windowDays"][error.field] ?? error.field
            node.issue(at: key, error.reason)
            return nil
        }
    }

    private static func referral(_ node: JSONNode) -> ReferralTarget? {
        guard node.expectObject() else { return nil }
        node.rejectUnknownKeys(["agency", "transferNumber"])
        let agency = node.string("agency")
        let number = node.string("transferNumber")
        guard let agency, let number else { return nil }
        return ReferralTarget(agency: DepartmentID(agency), transferNumber: number)
    }

    private static func question(_ node: JSONNode) -> ProbingQuestion? {
        guard node.expectObject() else { return nil }
        node.rejectUnknownKeys(["code", "prompt", "kind", "required", "order", "choices"])
        let code = node.string("code")
        let prompt = node.string("prompt")
        var kind: ProbingQuestion.Kind?
        if let text = node.string("kind") {
            kind = ProbingQuestion.Kind(rawValue: text)
            if kind == nil {
                let allowed = ProbingQuestion.Kind.allCases.map(\.rawValue).joined(separator: ", ")
                node.issue(at: "kind", "unknown kind '\(text)'; expected one of \(allowed)")
            }
        }
        let required = node.bool("required", required: false) ?? false
        let order = node.int("order", required: false) ?? 0
        let choices = node.array("choices", required: false)?.compactMap(Self.choice) ?? []
        guard let code, let prompt, let kind else { return nil }
        return ProbingQuestion(
            id: QuestionCode(code),
            prompt: prompt,
            kind: kind,
            isRequired: required,
            order: order,
            choices: choices
        )
    }

    private static func choice(_ node: JSONNode) -> ProbingQuestion.Choice? {
        guard node.expectObject() else { return nil }
        node.rejectUnknownKeys(["value", "label"])
        guard let value = node.string("value") else { return nil }
        return ProbingQuestion.Choice(value: value, label: node.string("label", required: false) ?? value)
    }
}
