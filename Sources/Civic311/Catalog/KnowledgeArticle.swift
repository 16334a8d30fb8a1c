/// A knowledge-base answer that call-takers and self-service channels give for general-information
/// contacts ("When is bulk pickup?").
public struct KnowledgeArticle: Hashable, Sendable, Codable, Identifiable {
    public let id: KnowledgeArticleID
    public var title: String
    /// The answer as given to residents.
    public var answer: String
    /// Words residents use for the question, for search.
    public var keywords: [String]

    public init(id: KnowledgeArticleID, title: String, answer: String, keywords: [String] = []) {
        self.id = id
        self.title = title
        self.answer = answer
        self.keywords = keywords
    }
}
