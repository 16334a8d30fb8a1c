extension CenterEvent: PersonalDataPrinting {
    func fields(_ disclosure: Disclosure) -> Mirror {
        let children: KeyValuePairs<String, Any> =
            switch self {
            case .contactRecorded(let contact): ["contactRecorded": contact]
            case .requestChanged(let event, let request):
                ["requestChanged": (disclosure.value(event), request: disclosure.value(request))]
            }
        return Mirror(self, children: children, displayStyle: .enum)
    }
}

extension CenterEvent: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The event with the request's personal data and free text redacted, so a subscriber that
    /// logs what it receives logs no personal data.
    public var description: String { rendered(.redacted) }
    public var debugDescription: String { rendered(.redacted) }
    public var customMirror: Mirror { fields(.redacted) }
    /// The event printed with its personal data.
    public var unredacted: Unredacted { Unredacted(self) }
}
