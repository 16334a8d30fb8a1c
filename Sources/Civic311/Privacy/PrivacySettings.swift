/// How a ``ServiceCenter`` protects residents' personal data beyond the role rules of
/// ``AccessPolicy``: what public free text goes through, and what a status lookup must show.
public struct PrivacySettings: Hashable, Sendable {
    /// Applied to every free-text field of ``PublicServiceRequest`` (the description, the
    /// address, public notes: resolution, closure and hold notes). On by default; an empty set
    /// of rules turns it off.
    public var publicTextScrubber: PersonalDataScrubber
    /// What a status lookup must show beside the ticket number; ``StatusLookupVerification/ticketOnly``
    /// by default.
    public var statusLookup: StatusLookupVerification

    public init(
        publicTextScrubber: PersonalDataScrubber = PersonalDataScrubber(),
        statusLookup: StatusLookupVerification = .ticketOnly
    ) {
        self.publicTextScrubber = publicTextScrubber
        self.statusLookup = statusLookup
    }
}
