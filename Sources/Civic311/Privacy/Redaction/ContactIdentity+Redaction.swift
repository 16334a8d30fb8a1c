extension ContactIdentity: PersonalDataPrinting {
    func fields(_ disclosure: Disclosure) -> Mirror {
        Mirror(self, children: ["kind": kind, "normalized": disclosure.text(normalized)], displayStyle: .struct)
    }
}

extension ContactIdentity: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The kind of identity, with the address or number redacted.
    public var description: String { rendered(.redacted) }
    public var debugDescription: String { rendered(.redacted) }
    public var customMirror: Mirror { fields(.redacted) }
    /// The identity printed with its address or number.
    public var unredacted: Unredacted { Unredacted(self) }
}
