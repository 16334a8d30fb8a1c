import Foundation

extension KnowledgeBase {
    /// Loads a knowledge base from its JSON document.
    ///
    /// ```json
    /// { "articles": [ { "id": "KB-BULK", "title": "Bulk pickup", "answer": "Up to four items…",
    ///                   "keywords": ["couch"], "serviceTypes": ["BULK_PICKUP"], "audience": "public",
    ///                   "department": "SWR", "reviewBy": "2027-06-30" } ] }
    /// ```
    ///
    /// `keywords`, `serviceTypes`, `audience` (`public` by default), `department` and `reviewBy`
    /// (a `YYYY-MM-DD` day) may be left out. Every problem is reported with its JSON path
    /// (`$.articles[2].reviewBy`), and nothing is loaded when there is any. Linked service types and
    /// departments are checked when the articles are part of a ``Jurisdiction``'s document.
    public init(json data: Data) throws(ConfigurationError) {
        let articles = try JSONNode.load(data) { root -> [KnowledgeArticle]? in
            guard root.expectObject() else { return nil }
            root.rejectUnknownKeys(["articles"])
            guard let nodes = root.array("articles") else { return nil }
            let read = nodes.enumerated().compactMap { index, node in
                KnowledgeArticle.read(node).map { (offset: index, element: $0) }
            }
            KnowledgeBase.validate(read, root: "$.articles", log: root.log)
            return read.count == nodes.count ? read.map(\.element) : nil
        }
        self.init(checkedArticles: articles)
    }

    /// The knowledge base as its JSON document, which ``init(json:)`` reads back to an equal value.
    public func jsonData() -> Data {
        struct Document: Encodable { let articles: [KnowledgeArticle] }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // Encoding strings, identifiers and arrays of them cannot fail.
        return (try? encoder.encode(Document(articles: articles))) ?? Data()
    }
}
