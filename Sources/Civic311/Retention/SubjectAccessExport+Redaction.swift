// The export is a resident's personal data in bulk: printed, it shows neither the identity it
// was made for nor, through its records, anyone's details, unless asked for unredacted.
extension SubjectAccessExport: PersonalDataPrinting {
    func fields(_ disclosure: Disclosure) -> Mirror {
        Mirror(
            self,
            children: [
                "kind": kind, "subject": disclosure.text(subject), "generatedAt": generatedAt,
                "records": disclosure.values(records),
            ],
            displayStyle: .struct
        )
    }
}

extension SubjectAccessExport: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The export with the identity and every record's personal data redacted.
    public var description: String { rendered(.redacted) }
    public var debugDescription: String { rendered(.redacted) }
    public var customMirror: Mirror { fields(.redacted) }
    /// The export printed with its personal data.
    public var unredacted: Unredacted { Unredacted(self) }
}

extension SubjectAccessExport.Record: PersonalDataPrinting {
    func fields(_ disclosure: Disclosure) -> Mirror {
        Mirror(
            self,
            children: [
                "ticket": ticket, "roles": roles, "request": disclosure.value(request),
                "history": disclosure.values(history), "contact": contact,
            ],
            displayStyle: .struct
        )
    }
}

extension SubjectAccessExport.Record: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The record with its personal data redacted.
    public var description: String { rendered(.redacted) }
    public var debugDescription: String { rendered(.redacted) }
    public var customMirror: Mirror { fields(.redacted) }
    /// The record printed with its personal data.
    public var unredacted: Unredacted { Unredacted(self) }
}
