import Civic311

/// What a contact is about, following the ICMA "closing the loop" table: general information, a
/// referral, or one of the four kinds of service request (SR).
public enum SimulatedCallType: Int, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// General information: answered from the knowledge base, closed at once.
    case generalInformation = 0
    /// Referral (directory assistance): transferred to another number, closed.
    case referral
    /// SR sub-type: a complaint.
    case complaint
    /// SR sub-type: a compliment.
    case compliment
    /// SR sub-type: a request for a form or brochure.
    case formRequest
    /// SR sub-type: a request for service (dispatched to the field).
    case serviceRequest

    /// Whether the contact creates a service request ticket (the four SR sub-types).
    public var isServiceRequest: Bool { rawValue >= SimulatedCallType.complaint.rawValue }

    /// The four SR sub-types, in declaration order.
    public static let serviceRequestTypes: [SimulatedCallType] = [
        .complaint, .compliment, .formRequest, .serviceRequest,
    ]

    /// The case name, used in error paths such as `"callTypeShares[complaint]"`.
    public var description: String {
        switch self {
        case .generalInformation: "generalInformation"
        case .referral: "referral"
        case .complaint: "complaint"
        case .compliment: "compliment"
        case .formRequest: "formRequest"
        case .serviceRequest: "serviceRequest"
        }
    }
}
