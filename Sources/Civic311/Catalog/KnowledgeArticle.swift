/// A knowledge-base answer that call-takers and self-service channels give for general-information
/// contacts ("When is bulk pickup?").
///
/// Articles are gathered into a ``KnowledgeBase``, which searches them, counts their use and lists
/// those due for review; a ``Jurisdiction`` holds its own and checks that every linked service type
/// and owning department exists.
public struct KnowledgeArticle: Hashable, Sendable, Codable, Identifiable {
    /// Who may be shown an article.
    public enum Audience: String, Hashable, Sendable, Codable, CaseIterable {
        /// Residents on every channel, and agents.
        case `public`
        /// Agents only: scripts, escalation notes, internal contacts. A search for the public
        /// audience never returns these.
        case `internal`
    }

    public let id: KnowledgeArticleID
    public var title: String
    /// The article's body: the answer as given to residents (or to agents, for an internal article).
    public var answer: String
    /// Words residents use for the question, for search.
    public var keywords: [String]
    /// The service types this article is about: the requests an agent offers after answering.
    public var serviceTypes: [ServiceTypeCode]
    public var audience: Audience
    /// The department that owns the content and keeps it true, if one does.
    public var department: DepartmentID?
    /// The day by which the owner must check the article again; past it, the article shows in
    /// ``KnowledgeBase/articlesPastReview(asOf:)``.
    public var reviewBy: LocalDate?

    public init(
        id: KnowledgeArticleID,
        title: String,
        answer: String,
        keywords: [String] = [],
        serviceTypes: [ServiceTypeCode] = [],
        audience: Audience = .public,
        department: DepartmentID? = nil,
        reviewBy: LocalDate? = nil
    ) {
        self.id = id
        self.title = title
        self.answer = answer
        self.keywords = keywords
        self.serviceTypes = serviceTypes
        self.audience = audience
        self.department = department
        self.reviewBy = reviewBy
    }

    // The coded form uses the knowledge document's keys (see ``KnowledgeBase/init(json:)``), and
    // reads what earlier versions wrote (only `id`, `title`, `answer` and `keywords`).
    private enum CodingKeys: String, CodingKey {
        case id, title, answer, keywords, serviceTypes, audience, department, reviewBy
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(KnowledgeArticleID.self, forKey: .id)
        title = try container.decode(String.self, forKey: .title)
        answer = try container.decode(String.self, forKey: .answer)
        keywords = try container.decodeIfPresent([String].self, forKey: .keywords) ?? []
        serviceTypes = try container.decodeIfPresent([ServiceTypeCode].self, forKey: .serviceTypes) ?? []
        audience = try container.decodeIfPresent(Audience.self, forKey: .audience) ?? .public
        department = try container.decodeIfPresent(DepartmentID.self, forKey: .department)
        if let text = try container.decodeIfPresent(String.self, forKey: .reviewBy) {
            do {
                reviewBy = try LocalDate(parsing: text)
            } catch {
                throw DecodingError.dataCorruptedError(forKey: .reviewBy, in: container, debugDescription: error.reason)
            }
        } else {
            reviewBy = nil
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(title, forKey: .title)
        try container.encode(answer, forKey: .answer)
        if !keywords.isEmpty { try container.encode(keywords, forKey: .keywords) }
        if !serviceTypes.isEmpty { try container.encode(serviceTypes, forKey: .serviceTypes) }
        try container.encode(audience, forKey: .audience)
        try container.encodeIfPresent(department, forKey: .department)
        try container.encodeIfPresent(reviewBy?.description, forKey: .reviewBy)
    }
}
