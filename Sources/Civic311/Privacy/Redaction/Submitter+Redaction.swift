extension Submitter: PersonalDataPrinting {
    func fields(_ disclosure: Disclosure) -> Mirror {
        Mirror(
            self,
            children: [
                "name": disclosure.text(name), "phone": disclosure.text(phone), "email": disclosure.text(email),
            ],
            displayStyle: .struct
        )
    }
}

extension Submitter: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The submitter with every field redacted; which fields were given stays visible.
    public var description: String { rendered(.redacted) }
    public var debugDescription: String { rendered(.redacted) }
    public var customMirror: Mirror { fields(.redacted) }
    /// The submitter printed with its personal data.
    public var unredacted: Unredacted { Unredacted(self) }
}
