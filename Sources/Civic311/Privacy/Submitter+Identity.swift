extension Submitter {
    /// The submitter's e-mail address and phone number, normalized; a value that does not parse
    /// (intake refuses those) is left out.
    public var identities: [ContactIdentity] {
        [email.flatMap { ContactIdentity(email: $0) }, phone.flatMap { ContactIdentity(phone: $0) }].compactMap { $0 }
    }

    /// Whether `identity` is the submitter's e-mail address or phone number, however either was
    /// spelled (see ``ContactIdentity`` for the rules).
    public func isIdentified(by identity: ContactIdentity) -> Bool {
        switch identity.kind {
        case .email: email.flatMap { ContactIdentity(email: $0) } == identity
        case .phone: phone.flatMap { ContactIdentity(phone: $0) } == identity
        }
    }
}
