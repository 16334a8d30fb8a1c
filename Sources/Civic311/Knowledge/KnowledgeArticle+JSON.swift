extension KnowledgeArticle {
    /// Reads one article of a knowledge document (a ``KnowledgeBase`` document or a
    /// ``Jurisdiction``'s `knowledgeArticles`), logging every problem at its path.
    package static func read(_ node: JSONNode) -> KnowledgeArticle? {
        guard node.expectObject() else { return nil }
        node.rejectUnknownKeys([
            "id", "title", "answer", "keywords", "serviceTypes", "audience", "department", "reviewBy",
        ])
        let id = node.string("id")
        let title = node.string("title")
        let answer = node.string("answer")
        let keywords = node.strings("keywords", required: false) ?? []
        let serviceTypes = node.strings("serviceTypes", required: false) ?? []
        var audience = Audience.public
        if let text = node.string("audience", required: false) {
            if let parsed = Audience(rawValue: text) {
                audience = parsed
            } else {
                node.issue(at: "audience", "unknown audience '\(text)'; expected public or internal")
            }
        }
        let department = node.string("department", required: false)
        var reviewBy: LocalDate?
        if let text = node.string("reviewBy", required: false) {
            do {
                reviewBy = try LocalDate(parsing: text)
            } catch {
                node.issue(at: "reviewBy", error.reason)
            }
        }
        guard let id, let title, let answer else { return nil }
        return KnowledgeArticle(
            id: KnowledgeArticleID(id),
            title: title,
            answer: answer,
            keywords: keywords,
            serviceTypes: serviceTypes.map { ServiceTypeCode($0) },
            audience: audience,
            department: department.map { DepartmentID($0) },
            reviewBy: reviewBy
        )
    }
}
