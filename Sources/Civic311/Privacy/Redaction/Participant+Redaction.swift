extension Participant: PersonalDataPrinting {
    func fields(_ disclosure: Disclosure) -> Mirror {
        let children: KeyValuePairs<String, Any> =
            switch self {
            case .resident(let id): ["resident": id.map { disclosure.text($0.rawValue) } as Any]
            case .callTaker(let id): ["callTaker": id]
            case .departmentStaff(let id, let department): ["departmentStaff": (id, department: department)]
            case .supervisor(let id): ["supervisor": id]
            case .integration(let name, let department): ["integration": (name, department: department)]
            case .system: [:]
            }
        return Mirror(self, children: children, displayStyle: .enum)
    }

    /// `resident <redacted>`, `call-taker maria`, `staff j.okafor of DOT`…: a resident's e-mail
    /// address or phone number is personal data; staff identifiers are not.
    func rendered(_ disclosure: Disclosure) -> String {
        switch self {
        case .resident(let id): id.map { "resident \(disclosure.text($0.rawValue))" } ?? "anonymous resident"
        case .callTaker(let id): "call-taker \(id)"
        case .departmentStaff(let id, let department): "staff \(id) of \(department)"
        case .supervisor(let id): "supervisor \(id)"
        case .integration(let name, let department): "integration \(name) for \(department)"
        case .system: "system"
        }
    }
}

extension Participant: CustomReflectable {
    public var customMirror: Mirror { fields(.redacted) }
    /// The participant printed with a resident's identity.
    public var unredacted: Unredacted { Unredacted(self) }
}
