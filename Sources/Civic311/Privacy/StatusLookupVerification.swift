/// What a status lookup must show, beside the ticket number, before the public view is returned.
///
/// Ticket numbers follow the clock (see the *Privacy* article in this catalog), so a stranger can guess valid ones. With
/// ``ticketOnly`` (the default, and what Open311 GeoReport servers do) any valid ticket shows
/// its public view. With ``submitterProof(minimumPhoneDigits:)`` a lookup must also show a
/// ``SubmitterProof``; without a matching one the lookup fails exactly as for a ticket that does
/// not exist, so guessing reveals nothing, not even which tickets exist.
public struct StatusLookupVerification: Hashable, Sendable {
    private enum Mode: Hashable, Sendable {
        case ticketOnly
        case submitterProof
    }

    private let mode: Mode
    /// The fewest trailing phone digits a ``SubmitterProof/phoneEnding(_:)`` proof must give.
    public let minimumPhoneDigits: Int

    private init(_ mode: Mode, minimumPhoneDigits: Int) {
        self.mode = mode
        self.minimumPhoneDigits = minimumPhoneDigits
    }

    /// Anyone with a valid ticket number sees its public view. A proof, when one is given, must
    /// still match.
    public static var ticketOnly: Self { Self(.ticketOnly, minimumPhoneDigits: 4) }

    /// Every lookup must show the submitter's e-mail address, phone number, or at least
    /// `minimumPhoneDigits` (4 to 15) last digits of the phone number. An anonymous request can
    /// then be looked up by staff only.
    public static func submitterProof(minimumPhoneDigits: Int = 4) -> Self {
        Self(.submitterProof, minimumPhoneDigits: minimumPhoneDigits)
    }

    /// Whether a lookup without a proof is refused.
    public var requiresProof: Bool { mode == .submitterProof }

    /// The range ``ServiceCenter`` accepts for ``minimumPhoneDigits``: fewer than four digits
    /// is a 1-in-1,000 guess.
    public static let phoneDigitsRange = 4...15

    func validate() throws(ValidationError) {
        guard Self.phoneDigitsRange.contains(minimumPhoneDigits) else {
            throw ValidationError(
                .outOfRange,
                field: "privacy.statusLookup.minimumPhoneDigits",
                reason: "must be 4 to 15 digits, got \(minimumPhoneDigits)"
            )
        }
    }
}
