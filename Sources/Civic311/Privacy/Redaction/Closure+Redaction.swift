extension Closure: PersonalDataPrinting {
    func fields(_ disclosure: Disclosure) -> Mirror {
        Mirror(self, children: ["reason": reason, "note": disclosure.text(note)], displayStyle: .struct)
    }
}

extension Closure: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The closure with its note redacted.
    public var description: String { rendered(.redacted) }
    public var debugDescription: String { rendered(.redacted) }
    public var customMirror: Mirror { fields(.redacted) }
    /// The closure printed with its note.
    public var unredacted: Unredacted { Unredacted(self) }
}
