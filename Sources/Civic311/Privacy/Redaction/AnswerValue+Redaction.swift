extension AnswerValue: PersonalDataPrinting {
    func fields(_ disclosure: Disclosure) -> Mirror {
        let children: KeyValuePairs<String, Any> =
            switch self {
            case .text(let text): ["text": disclosure.text(text)]
            case .number(let number): ["number": number]
            case .dateTime(let date): ["dateTime": date]
            case .choice(let value): ["choice": value]
            case .choices(let values): ["choices": values]
            case .yesNo(let value): ["yesNo": value]
            }
        return Mirror(self, children: children, displayStyle: .enum)
    }
}

extension AnswerValue: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The answer with a text answer redacted: residents type personal data into those. Choices,
    /// numbers, dates and yes/no answers are the catalog's own values and stay visible.
    public var description: String { rendered(.redacted) }
    public var debugDescription: String { rendered(.redacted) }
    public var customMirror: Mirror { fields(.redacted) }
    /// The answer printed with a text answer's text.
    public var unredacted: Unredacted { Unredacted(self) }
}

extension Answer: PersonalDataPrinting {
    func fields(_ disclosure: Disclosure) -> Mirror {
        Mirror(self, children: ["question": question, "value": disclosure.value(value)], displayStyle: .struct)
    }
}

extension Answer: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    public var description: String { rendered(.redacted) }
    public var debugDescription: String { rendered(.redacted) }
    public var customMirror: Mirror { fields(.redacted) }
    /// The answer printed with a text answer's text.
    public var unredacted: Unredacted { Unredacted(self) }
}
