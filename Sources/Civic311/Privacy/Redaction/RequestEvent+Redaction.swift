extension RequestEvent: PersonalDataPrinting {
    func fields(_ disclosure: Disclosure) -> Mirror {
        Mirror(
            self,
            children: [
                "ticket": ticket, "sequence": sequence, "recordedAt": recordedAt, "actor": disclosure.value(actor),
                "change": disclosure.value(change), "fromState": fromState as Any, "toState": toState,
                "visibility": visibility,
            ],
            displayStyle: .struct
        )
    }
}

extension RequestEvent: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The event with the resident's identity and every free text redacted.
    public var description: String { rendered(.redacted) }
    public var debugDescription: String { rendered(.redacted) }
    public var customMirror: Mirror { fields(.redacted) }
    /// The event printed with its personal data.
    public var unredacted: Unredacted { Unredacted(self) }
}
