/// An e-mail address or a phone number in the one form the center compares, so that two spellings
/// of the same address or number are equal.
///
/// Every comparison of residents' identities goes through this type: ownership in
/// ``AccessPolicy``, proofs in status lookups (``SubmitterProof``) and the scrubber's search for
/// the submitter's own details (``PersonalDataScrubber``).
///
/// **E-mail addresses** are trimmed of surrounding white space and lowercased whole. Domains are
/// case-insensitive by definition. The local part is case-sensitive in the letter of RFC 5321, but
/// no mailbox provider residents use treats `Zelda@` and `zelda@` as two people, and refusing the
/// real submitter is the likelier harm. Nothing else is rewritten: dots and `+tags` mean different
/// things at different providers, so `zelda+311@example.org` is not `zelda@example.org`.
///
/// **Phone numbers** keep their digits only, in E.164 form where the country is known:
/// - `+` then digits is an international number (`+44 20 7946 0958` → `+442079460958`);
/// - `011` or `00` then digits is the same written with a dialing prefix;
/// - eleven digits starting with `1`, or ten digits whose first is 2–9, is a North American
///   number (the 311 programs this SDK models are in the US and Canada): `(555) 010-7788`,
///   `555.010.7788` and `1-555-010-7788` are all `+15550107788`;
/// - any other run of 7–15 digits (a seven-digit local number, a national number with a leading
///   0) is kept as written, digits only: it equals only the same digits.
///
/// An extension (`x12`, `ext. 12`, `extension 12`, `#12`, `;ext=12`) is kept and compared:
/// `+15550107788;ext=12` is a desk at a switchboard, not whoever answers the main number.
public struct ContactIdentity: Hashable, Sendable {
    /// Which kind of identity this is.
    public enum Kind: String, Hashable, Sendable {
        case email
        case phone
    }

    public let kind: Kind
    /// The normalized form: `zelda@example.org`, `+15550107788`, `+15550107788;ext=12`.
    ///
    /// Personal data: printing a `ContactIdentity` redacts it.
    public let normalized: String

    /// Normalizes an e-mail address; `nil` unless it has the shape intake accepts (one `@`, text
    /// before it, a dot after it, no spaces).
    public init?(email: String) {
        let trimmed = String(email.trimmedOfWhiteSpace)
        guard ServiceRequestDraft.looksLikeEmail(trimmed) else { return nil }
        kind = .email
        normalized = trimmed.lowercased()
    }

    /// Normalizes a phone number; `nil` unless it has 7 to 15 digits, separated only by spaces,
    /// `+` (first), `-`, `.`, `/` and parentheses, with an optional extension.
    public init?(phone: String) {
        guard let parsed = PhoneNumberDigits(phone) else { return nil }
        kind = .phone
        normalized = parsed.normalized
    }

    /// Normalizes an e-mail address when `text` contains `@`, a phone number otherwise.
    public init?(_ text: String) {
        if text.utf8.contains(UInt8(ascii: "@")) { self.init(email: text) } else { self.init(phone: text) }
    }

    /// The last `count` digits of a phone number's line (the extension left out), or `nil` for an
    /// e-mail address or when the number is shorter.
    public func lastDigits(_ count: Int) -> Substring? {
        guard kind == .phone, count > 0 else { return nil }
        let line = normalized.prefix { $0 != ";" }.drop { $0 == "+" }
        guard line.count >= count else { return nil }
        return line.suffix(count)
    }

    /// The digits of a phone number's line as dialed within its country (the national number), or
    /// all of its digits when the country is unknown; `nil` for an e-mail address.
    var nationalDigits: Substring? {
        guard kind == .phone else { return nil }
        let line = normalized.prefix { $0 != ";" }
        if line.hasPrefix("+1") { return line.dropFirst(2) }
        return line.drop { $0 == "+" }
    }
}

extension StringProtocol {
    /// The text without leading and trailing white space (FoundationEssentials has no
    /// `trimmingCharacters(in:)`).
    fileprivate var trimmedOfWhiteSpace: SubSequence {
        let start = firstIndex { !$0.isWhitespace } ?? endIndex
        let end = lastIndex { !$0.isWhitespace }.map { index(after: $0) } ?? start
        return self[start..<Swift.max(start, end)]
    }
}
