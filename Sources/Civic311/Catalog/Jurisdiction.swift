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
    public let knowledgeArticles: [KnowledgeArticle]

    private let departmentIndex: [DepartmentID: Int]
    private let serviceTypeIndex: [ServiceTypeCode: Int]
    /// The name of each service type's responsible department, parallel to ``serviceTypes``.
    private let responsibleDepartmentNames: [String?]
    private let articleIndex: [KnowledgeArticleID: Int]
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
            questionsChecked: false,
            knowledgeArticles: Array(knowledgeArticles.enumerated()),
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
        self.serviceTypes = serviceTypes
        self.knowledgeArticles = knowledgeArticles
        self.departmentIndex = Dictionary(uniqueKeysWithValues: departments.enumerated().map { ($1.id, $0) })
        self.serviceTypeIndex = Dictionary(uniqueKeysWithValues: serviceTypes.enumerated().map { ($1.id, $0) })
        self.articleIndex = Dictionary(uniqueKeysWithValues: knowledgeArticles.enumerated().map { ($1.id, $0) })
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

    /// A service type with the name of its responsible department: intake's one catalog lookup,
    /// since most requests are routed to the responsible department.
    package func serviceTypeForIntake(
        _ code: ServiceTypeCode
    ) -> (serviceType: ServiceType, responsibleDepartmentName: String?)? {
        serviceTypeIndex[code].map { (serviceTypes[$0], responsibleDepartmentNames[$0]) }
    }

    public func knowledgeArticle(_ id: KnowledgeArticleID) -> KnowledgeArticle? {
        articleIndex[id].map { knowledgeArticles[$0] }
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
        questionsChecked: Bool,
        knowledgeArticles: [(offset: Int, element: KnowledgeArticle)],
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
            if !questionsChecked {
                validate(questions: Array(serviceType.questions.enumerated()), root: "\(path).questions", log: log)
            }
        }
        var articleIDs: Set<KnowledgeArticleID> = []
        for (index, article) in knowledgeArticles {
            let path = "\(root).knowledgeArticles[\(index)]"
            if !articleIDs.insert(article.id).inserted {
                log.add("\(path).id", "duplicate knowledge article id '\(article.id)'")
            }
            if article.answer.isBlank { log.add("\(path).answer", "must not be empty") }
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
