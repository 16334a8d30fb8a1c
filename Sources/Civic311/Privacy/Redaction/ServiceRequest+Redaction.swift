extension ServiceRequest: PersonalDataPrinting {
    func fields(_ disclosure: Disclosure) -> Mirror {
        Mirror(
            self,
            children: [
                "ticket": ticket, "opening": disclosure.value(opening), "createdAt": createdAt, "priority": priority,
                "department": department, "queue": queue as Any, "state": state,
                "closure": disclosure.value(closure), "firstRespondedAt": firstRespondedAt as Any,
                "resolvedAt": resolvedAt as Any, "closedAt": closedAt as Any, "updatedAt": updatedAt,
                "notes": disclosure.values(notes), "externalReferences": externalReferences, "links": links,
                "holdStartedAt": holdStartedAt as Any, "holds": holds, "escalations": escalations,
                "reopenCount": reopenCount, "returnCount": returnCount, "version": version,
            ],
            displayStyle: .struct
        )
    }
}

// `description` is the request's own text, so the printed form is `debugDescription`, which
// `print` and interpolation use for a type that is not `CustomStringConvertible`.
extension ServiceRequest: CustomDebugStringConvertible, CustomReflectable {
    /// The request with the submitter, answers' text, free text and notes redacted.
    public var debugDescription: String { rendered(.redacted) }
    public var customMirror: Mirror { fields(.redacted) }
    /// The request printed with its personal data.
    public var unredacted: Unredacted { Unredacted(self) }
}
