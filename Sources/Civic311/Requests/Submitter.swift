/// The resident who made a request, when they chose to give their details.
///
/// Every field is personal data: it never appears in the public view of a request, in open data,
/// or in events delivered to residents. A request without a submitter is anonymous.
public struct Submitter: Hashable, Sendable, Codable {
    public var name: String?
    public var phone: String?
    public var email: String?

    public init(name: String? = nil, phone: String? = nil, email: String? = nil) {
        self.name = name
        self.phone = phone
        self.email = email
    }

    /// Whether any means of contacting the resident was given.
    public var isContactable: Bool { phone != nil || email != nil }
}
