/// An organisation that fulfils or receives requests: one of the jurisdiction's own departments,
/// an external agency (a state highway administration, a municipality, a utility) or a contractor.
public struct Department: Hashable, Sendable, Codable, Identifiable {
    /// How the organisation relates to the jurisdiction.
    public enum Kind: String, Hashable, Sendable, Codable, CaseIterable {
        /// A department of the jurisdiction itself; it works requests assigned to it.
        case `internal`
        /// Another government body; 311 refers residents to it and tracks the referral.
        case externalAgency
        /// A firm working for the jurisdiction; requests are sent to it and tracked.
        case contractor
    }

    public let id: DepartmentID
    public var name: String
    public var kind: Kind
    /// The number 311 transfers callers to, for referrals.
    public var phone: String?
    /// Where notifications for the department go.
    public var email: String?

    public init(id: DepartmentID, name: String, kind: Kind = .internal, phone: String? = nil, email: String? = nil) {
        self.id = id
        self.name = name
        self.kind = kind
        self.phone = phone
        self.email = email
    }
}
