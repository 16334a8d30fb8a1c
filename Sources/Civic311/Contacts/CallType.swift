/// The kind of a service-request contact (the ICMA call-type table's SR sub-types).
public enum ServiceRequestKind: String, Hashable, Sendable, Codable, CaseIterable {
    case complaint
    case compliment
    /// A request for a form or brochure, mailed by the department.
    case formRequest
    /// A request for service (a pothole to fill, a bin to deliver).
    case serviceRequest
}

/// How a referral hands the caller on.
public enum TransferKind: String, Hashable, Sendable, Codable, CaseIterable {
    /// The caller is put through without an introduction (a blind transfer).
    case cold
    /// The agent introduces the caller and the issue before handing over.
    case warm
    /// The agent stays on a three-way call until the receiving party has the issue in hand.
    case hot
}

/// Where a referral sent the caller.
public struct Referral: Hashable, Sendable, Codable {
    /// The department or external agency referred to.
    public let target: DepartmentID
    public let transfer: TransferKind

    public init(target: DepartmentID, transfer: TransferKind) {
        self.target = target
        self.transfer = transfer
    }
}

/// What a contact was, in the ICMA call-type taxonomy.
public enum CallType: Hashable, Sendable, Codable {
    /// General information, answered from a knowledge article and closed at once.
    case generalInformation(article: KnowledgeArticleID)
    /// A referral (directory assistance), transferred and closed at once.
    case referral(Referral)
    /// A service request of a given kind, tracked under `request`: the contact's own ticket when
    /// it opened a new request, or an existing ticket when it follows one up (a complaint that
    /// the pothole was not fixed, a compliment for the crew).
    case serviceRequest(ServiceRequestKind, request: TicketNumber)

    /// The three top-level types, for reporting.
    public enum Category: String, Hashable, Sendable, Codable, CaseIterable {
        case generalInformation
        case referral
        case serviceRequest
    }

    public var category: Category {
        switch self {
        case .generalInformation: .generalInformation
        case .referral: .referral
        case .serviceRequest: .serviceRequest
        }
    }
}
