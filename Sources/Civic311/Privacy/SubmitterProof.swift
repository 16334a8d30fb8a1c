/// What a resident (or a caller, through a call-taker) shows to be the person who submitted a
/// request: the e-mail address or phone number given at intake, or the last digits of that phone
/// number.
///
/// Proofs are compared through ``ContactIdentity``, so any spelling of the address or number
/// matches. They are knowledge, not authentication: they keep strangers who have a ticket number
/// (or guessed one) out, and the host still rate-limits attempts (see the *Privacy* article in this catalog).
public enum SubmitterProof: Hashable, Sendable {
    /// The e-mail address given at intake.
    case email(String)
    /// The phone number given at intake.
    case phone(String)
    /// The last digits of the phone number given at intake, separators allowed (`"77 88"`).
    /// Enough for a status lookup when the jurisdiction accepts that many digits
    /// (``StatusLookupVerification``); never enough to act on a request.
    case phoneEnding(String)

    /// Whether the proof shows the e-mail address or phone number in full, as acting for the
    /// submitter (cancelling, reopening) requires.
    public var isComplete: Bool {
        switch self {
        case .email, .phone: true
        case .phoneEnding: false
        }
    }

    /// Whether the proof matches `submitter`; a last-digits proof must give at least
    /// `minimumPhoneDigits` digits. An anonymous request matches no proof.
    public func matches(_ submitter: Submitter?, minimumPhoneDigits: Int) -> Bool {
        guard let submitter else { return false }
        switch self {
        case .email(let text), .phone(let text):
            guard let identity = ContactIdentity(text) else { return false }
            return submitter.isIdentified(by: identity)
        case .phoneEnding(let text):
            var digits: [UInt8] = []
            for byte in text.utf8 {
                if ASCII.isDigit(byte) {
                    guard digits.count < 15 else { return false }
                    digits.append(byte)
                } else if !ASCII.isNumberSeparator(byte) {
                    return false
                }
            }
            guard digits.count >= max(minimumPhoneDigits, 1),
                let phone = submitter.phone.flatMap({ ContactIdentity(phone: $0) }),
                let ending = phone.lastDigits(digits.count)
            else { return false }
            return ending.utf8.elementsEqual(digits)
        }
    }
}

extension SubmitterProof: PersonalDataPrinting {
    func fields(_ disclosure: Disclosure) -> Mirror {
        let children: KeyValuePairs<String, Any> =
            switch self {
            case .email(let text): ["email": disclosure.text(text)]
            case .phone(let text): ["phone": disclosure.text(text)]
            case .phoneEnding(let text): ["phoneEnding": disclosure.text(text)]
            }
        return Mirror(self, children: children, displayStyle: .enum)
    }
}

extension SubmitterProof: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The kind of proof, with its value redacted.
    public var description: String { rendered(.redacted) }
    public var debugDescription: String { rendered(.redacted) }
    public var customMirror: Mirror { fields(.redacted) }
    /// The proof printed with its value.
    public var unredacted: Unredacted { Unredacted(self) }
}
