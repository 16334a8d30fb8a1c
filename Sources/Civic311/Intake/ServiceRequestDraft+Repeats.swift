extension ServiceRequestDraft {
    /// The first field in which this draft differs from the intake data of an earlier request,
    /// or `nil` when it repeats it: what decides whether a reused client request ID is a retry.
    ///
    /// Only what the submitter sent is compared, as Swift compares values (so canonically
    /// equivalent text is the same text, and answers are compared by question, in any order);
    /// what intake settled (the route, the due date) may differ between a submission and its
    /// retry and is not compared.
    func firstDifference(from opening: RequestOpening) -> String? {
        if serviceType != opening.serviceType { return "serviceType" }
        if kind != opening.kind { return "kind" }
        if description != opening.description { return "description" }
        if location != opening.location { return "location" }
        if answers.count != opening.answers.count || !opening.answers.allSatisfy({ answers[$0.question] == $0.value }) {
            return "answers"
        }
        if submitter != opening.submitter { return "submitter" }
        if channel != opening.channel { return "channel" }
        if agent != opening.agent { return "agent" }
        if priority != opening.priority { return "priority" }
        return nil
    }
}
