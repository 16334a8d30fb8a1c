extension RequestOpening: PersonalDataPrinting {
    func fields(_ disclosure: Disclosure) -> Mirror {
        Mirror(
            self,
            children: [
                "serviceType": serviceType, "kind": kind, "description": disclosure.text(description),
                "location": location as Any, "answers": disclosure.values(answers),
                "submitter": disclosure.value(submitter), "channel": channel, "agent": agent as Any,
                "priority": priority, "routing": routing, "serviceLevel": serviceLevel,
                "clientRequestID": clientRequestID as Any,
            ],
            displayStyle: .struct
        )
    }
}

// `description` is the request's own text, so the printed form is `debugDescription`.
extension RequestOpening: CustomDebugStringConvertible, CustomReflectable {
    /// The intake fields, so `print` and `dump` show them rather than the shared storage, with
    /// the submitter, answers' text and the description redacted.
    public var debugDescription: String { rendered(.redacted) }
    public var customMirror: Mirror { fields(.redacted) }
    /// The intake data printed with its personal data.
    public var unredacted: Unredacted { Unredacted(self) }
}
