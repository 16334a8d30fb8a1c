import Foundation

/// A city or county as 311 sees it: its departments and partner agencies, its catalog of service
/// types with their probing questions, and its knowledge base; optionally also its own routing
/// rules and service levels (``routingRules``, ``serviceLevels``), which a ``ServiceCenter`` then
/// uses by default.
///
/// A jurisdiction is immutable and always valid: both ways of building one (in code with
/// ``init(name:timeZoneIdentifier:departments:serviceTypes:knowledgeArticles:)`` or from a JSON
/// document with ``init(json:)``) check every rule and report every problem at once, and
/// ``adopting(routingRules:serviceLevels:)`` checks the rules against the catalog.
public struct Jurisdiction: Sendable {
    public let name: String
    /// The IANA time zone residents live in, for example `"America/New_York"`.
    public let timeZoneIdentifier: String
    public let departments: [Department]
    public let serviceTypes: [ServiceType]
    /// The knowledge base, searchable; its articles' linked service types and departments exist.
    public let knowledgeBase: KnowledgeBase
    /// The knowledge base's articles.
    public var knowledgeArticles: [KnowledgeArticle] { knowledgeBase.articles }

    private let departmentIndex: [DepartmentID: Int]
    let serviceTypeIndex: CodeIndex<ServiceType>
    /// The name of each service type's responsible department, parallel to ``serviceTypes``.
    private let responsibleDepartmentNames: [String?]
    /// The service types' names and keywords, for ``lookUp(_:for:limit:)``.
    let serviceTypeSearch: SearchIndex
    /// Set only by ``adopting(routingRules:serviceLevels:)``, which checks the rules first.
    var ownRules: OwnRules?

    /// Builds and validates a jurisdiction; problems are reported with paths such as
    /// `serviceTypes[3].department`.
    public init(
        name: String,
        timeZoneIdentifier: String,
        departments: [Department],
        serviceTypes: [ServiceType],
        knowledgeArticles: [KnowledgeArticle] = []
    ) throws(ConfigurationError) {
        let log = ConfigurationIssueLog()
        Self.validate(
            name: name,
            timeZoneIdentifier: timeZoneIdentifier,
            departments: Array(departments.enumerated()),
            allDepartmentsRead: true,
            serviceTypes: Array(serviceTypes.enumerated()),
            allServiceTypesRead: true,
            questionsChecked: false,
            knowledgeArticles: Array(knowledgeArticles.enumerated()),
            allArticlesRead: true,
            root: "$",
            log: log
        )
        try log.check()
        self.init(
            checkedName: name,
            timeZoneIdentifier: timeZoneIdentifier,
            departments: departments,
            serviceTypes: serviceTypes,
            knowledgeArticles: knowledgeArticles
        )
    }

    /// Builds the indexes of a jurisdiction whose rules have been checked (by the public
    /// initializer or by the JSON loader, which checks them at document paths).
    init(
        checkedName name: String,
        timeZoneIdentifier: String,
        departments: [Department],
        serviceTypes: [ServiceType],
        knowledgeArticles: [KnowledgeArticle]
    ) {
        self.name = name
        self.timeZoneIdentifier = timeZoneIdentifier
        // Validation above guarantees the identifier resolves.
        self.timeZone = TimeZone(identifier: timeZoneIdentifier) ?? .gmt
        self.departments = departments
        // Each type carries its position (kept when it already has it, so a jurisdiction built
        // from another's types shares their definitions): see catalogIndex(of:).
        let serviceTypes = serviceTypes.enumerated().map { position, serviceType in
            serviceType.catalogPosition == position ? serviceType : serviceType.listed(at: position)
        }
        self.serviceTypes = serviceTypes
        self.knowledgeBase = KnowledgeBase(checkedArticles: knowledgeArticles)
        self.serviceTypeSearch = SearchIndex(
            serviceTypes.map { [(.title, $0.name), (.keywords, $0.keywords.joined(separator: " "))] }
        )
        self.departmentIndex = Dictionary(uniqueKeysWithValues: departments.enumerated().map { ($1.id, $0) })
        self.serviceTypeIndex = CodeIndex(serviceTypes.map(\.id))
        let departmentIndex = self.departmentIndex
        // Validation guarantees every responsible department exists; were one missing, intake
        // would look the department up again and refuse the request.
        self.responsibleDepartmentNames = serviceTypes.map {
            departmentIndex[$0.department].map { departments[$0].name }
        }
    }

    /// The time zone of ``timeZoneIdentifier``, resolved once at construction.
    public let timeZone: TimeZone

    /// The name of a department, without copying its record (intake asks for it per request).
    package func departmentName(_ id: DepartmentID) -> String {
        departmentIndex[id].map { departments[$0].name } ?? id.rawValue
    }

    /// The name of a department, or `nil` when the jurisdiction has no such department: one lookup
    /// that both checks a routing decision and names the department in the acknowledgement.
    package func knownDepartmentName(_ id: DepartmentID) -> String? {
        departmentIndex[id].map { departments[$0].name }
    }

    /// The name of a service type, without copying its record.
    package func serviceTypeName(_ code: ServiceTypeCode) -> String {
        serviceTypeIndex[code].map { serviceTypes[$0].name } ?? code.rawValue
    }

    public func department(_ id: DepartmentID) -> Department? {
        departmentIndex[id].map { departments[$0] }
    }

    public func serviceType(_ code: ServiceTypeCode) -> ServiceType? {
        serviceTypeIndex[code].map { serviceTypes[$0] }
    }

    /// The index of `serviceType`'s code in ``serviceTypes``, or `nil`. For a definition taken
    /// from this catalog (or one sharing its types) it is the position the type carries, checked
    /// by identity, so that routing and service levels, which intake hands the type it looked up,
    /// need not hash its code again; any other value is looked up by code.
    package func catalogIndex(of serviceType: ServiceType) -> Int? {
        let position = serviceType.catalogPosition
        if position >= 0, position < serviceTypes.count, serviceTypes[position].isSameDefinition(as: serviceType) {
            return position
        }
        return serviceTypeIndex[serviceType.id]
    }

    /// A service type with the name of its responsible department: intake's one catalog lookup,
    /// since most requests are routed to the responsible department.
    package func serviceTypeForIntake(
        _ code: ServiceTypeCode
    ) -> (serviceType: ServiceType, responsibleDepartmentName: String?)? {
        serviceTypeIndex[code].map { (serviceTypes[$0], responsibleDepartmentNames[$0]) }
    }

    public func knowledgeArticle(_ id: KnowledgeArticleID) -> KnowledgeArticle? {
        knowledgeBase.article(id)
    }
}

extension Jurisdiction {
    // One set of rules for both construction paths, so code and JSON can never disagree.
    static func validate(
        name: String?,
        timeZoneIdentifier: String?,
        departments: [(offset: Int, element: Department)],
        allDepartmentsRead: Bool,
        serviceTypes: [(offset: Int, element: ServiceType)],
        allServiceTypesRead: Bool,
        questionsChecked: Bool,
        knowledgeArticles: [(offset: Int, element: KnowledgeArticle)],
        allArticlesRead: Bool,
        root: String,
        log: ConfigurationIssueLog
    ) {
        if let name, name.isBlank { log.add("\(root).name", "must not be empty") }
        if let timeZoneIdentifier, TimeZone(identifier: timeZoneIdentifier) == nil {
            log.add("\(root).timeZone", "unknown time zone '\(timeZoneIdentifier)'")
        }
        var departmentIDs: Set<DepartmentID> = []
        for (index, department) in departments {
            let path = "\(root).departments[\(index)]"
            if department.id.rawValue.isEmpty { log.add("\(path).id", "must not be empty") }
            if !departmentIDs.insert(department.id).inserted {
                log.add("\(path).id", "duplicate department id '\(department.id)'")
            }
            if department.name.isBlank { log.add("\(path).name", "must not be empty") }
        }
        var codes: Set<ServiceTypeCode> = []
        let boundArticleIDs = allArticlesRead ? Set(knowledgeArticles.map(\.element.id)) : nil
        for (index, serviceType) in serviceTypes {
            let path = "\(root).serviceTypes[\(index)]"
            if serviceType.id.rawValue.isEmpty { log.add("\(path).code", "must not be empty") }
            if !codes.insert(serviceType.id).inserted {
                log.add("\(path).code", "duplicate service type code '\(serviceType.id)'")
            }
            if serviceType.name.isBlank { log.add("\(path).name", "must not be empty") }
            if allDepartmentsRead, !departmentIDs.contains(serviceType.department) {
                log.add("\(path).department", "unknown department '\(serviceType.department)'")
            }
            if !(serviceType.targetSeconds.isFinite && serviceType.targetSeconds > 0) {
                log.add("\(path).targetHours", "must be a positive number of hours")
            }
            if let rule = serviceType.duplicates, allServiceTypesRead {
                let known = Set(serviceTypes.map(\.element.id))
                for (relatedIndex, code) in rule.related.enumerated() {
                    let at = "\(path).duplicates.related[\(relatedIndex)]"
                    if code == serviceType.id { log.add(at, "a service type is not related to itself") }
                    if !known.contains(code) { log.add(at, "unknown service type '\(code)'") }
                }
            }
            validateBinding(
                of: serviceType,
                path: path,
                articleIDs: boundArticleIDs,
                departmentIDs: allDepartmentsRead ? departmentIDs : nil,
                log: log
            )
            if !questionsChecked {
                validate(questions: Array(serviceType.questions.enumerated()), root: "\(path).questions", log: log)
            }
        }
        let articlesRoot = "\(root).knowledgeArticles"
        KnowledgeBase.validate(knowledgeArticles, root: articlesRoot, log: log)
        for (index, article) in knowledgeArticles {
            let path = "\(articlesRoot)[\(index)]"
            if allServiceTypesRead {
                for (codeIndex, code) in article.serviceTypes.enumerated() where !codes.contains(code) {
                    log.add("\(path).serviceTypes[\(codeIndex)]", "unknown service type '\(code)'")
                }
            }
            if allDepartmentsRead, let department = article.department, !departmentIDs.contains(department) {
                log.add("\(path).department", "unknown department '\(department)'")
            }
        }
    }

    /// Checks a service type's knowledge binding; a `nil` set means its list could not be read whole,
    /// so references into it are not judged.
    private static func validateBinding(
        of serviceType: ServiceType,
        path: String,
        articleIDs: Set<KnowledgeArticleID>?,
        departmentIDs: Set<DepartmentID>?,
        log: ConfigurationIssueLog
    ) {
        if let article = serviceType.knowledgeArticle, let articleIDs, !articleIDs.contains(article) {
            log.add("\(path).knowledgeArticle", "unknown knowledge article '\(article)'")
        }
        if let url = serviceType.selfServiceURL,
            !["http", "https"].contains(url.scheme?.lowercased() ?? "") || (url.host?.isEmpty ?? true)
        {
            log.add("\(path).selfServiceURL", "must be an http or https address with a host")
        }
        if let referral = serviceType.referral {
            if let departmentIDs, !departmentIDs.contains(referral.agency) {
                log.add("\(path).referral.agency", "unknown department or agency '\(referral.agency)'")
            }
            if referral.transferNumber.isBlank { log.add("\(path).referral.transferNumber", "must not be empty") }
        }
    }

    static func validate(questions: [(offset: Int, element: ProbingQuestion)], root: String, log: ConfigurationIssueLog)
    {
        var questionCodes: Set<QuestionCode> = []
        for (index, question) in questions {
            let path = "\(root)[\(index)]"
            if question.id.rawValue.isEmpty { log.add("\(path).code", "must not be empty") }
            if !questionCodes.insert(question.id).inserted {
                log.add("\(path).code", "duplicate question code '\(question.id)'")
            }
            if question.prompt.isBlank { log.add("\(path).prompt", "must not be empty") }
            let takesChoices = question.kind == .singleChoice || question.kind == .multipleChoice
            if takesChoices && question.choices.isEmpty {
                log.add("\(path).choices", "a \(question.kind.rawValue) question needs at least one choice")
            }
            if !takesChoices && !question.choices.isEmpty {
                log.add("\(path).choices", "only choice questions take choices")
            }
            var values: Set<String> = []
            for (choiceIndex, choice) in question.choices.enumerated() where !values.insert(choice.value).inserted {
                log.add("\(path).choices[\(choiceIndex)].value", "duplicate choice '\(choice.value)'")
            }
        }
    }
}
