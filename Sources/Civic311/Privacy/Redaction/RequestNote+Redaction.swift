extension RequestNote: PersonalDataPrinting {
    func fields(_ disclosure: Disclosure) -> Mirror {
        Mirror(
            self,
            children: [
                "text": disclosure.text(text), "visibility": visibility, "writtenAt": writtenAt,
                "author": disclosure.value(author),
            ],
            displayStyle: .struct
        )
    }
}

extension RequestNote: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The note with its text redacted, public or internal alike: staff write residents' names
    /// into public notes too.
    public var description: String { rendered(.redacted) }
    public var debugDescription: String { rendered(.redacted) }
    public var customMirror: Mirror { fields(.redacted) }
    /// The note printed with its text.
    public var unredacted: Unredacted { Unredacted(self) }
}
