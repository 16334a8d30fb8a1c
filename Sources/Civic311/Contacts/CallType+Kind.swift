extension CallType {
    /// What a contact is about, without the article, referral or ticket it carries: the six rows
    /// of the ICMA call-type table (general information, referral, and the four service-request
    /// kinds).
    ///
    /// Planning and simulation work with kinds, before any article is chosen or ticket issued: the
    /// share of calls of each kind, a handle time per kind. `description` is the case name, or the
    /// ``ServiceRequestKind`` raw value for a service request (`"complaint"`).
    public enum Kind: Hashable, Sendable, CaseIterable, CustomStringConvertible {
        /// General information.
        case generalInformation
        /// A referral.
        case referral
        /// A service request of the given kind.
        case serviceRequest(ServiceRequestKind)

        /// The six kinds, general information and referral first, then the service-request kinds
        /// in ``ServiceRequestKind`` order.
        public static let allCases: [Kind] =
            [.generalInformation, .referral] + ServiceRequestKind.allCases.map { .serviceRequest($0) }

        /// The top-level type, for reporting.
        public var category: Category {
            switch self {
            case .generalInformation: .generalInformation
            case .referral: .referral
            case .serviceRequest: .serviceRequest
            }
        }

        /// Whether a contact of this kind is resolved during the contact itself: the agent answers
        /// a general-information question or transfers a referral and closes the ticket, while a
        /// service request still needs its department (the ICMA primer's "closing the loop"
        /// table). The one definition the call-day simulator's first-contact resolution and
        /// ``FirstContactMeasure`` share; see `Documentation/Measures.md`.
        public var isResolvedAtFirstContact: Bool {
            switch self {
            case .generalInformation, .referral: true
            case .serviceRequest: false
            }
        }

        /// The kind's position in ``allCases``, for tables indexed by kind; a switch, so no hashing.
        package var ordinal: Int {
            switch self {
            case .generalInformation: 0
            case .referral: 1
            case .serviceRequest(.complaint): 2
            case .serviceRequest(.compliment): 3
            case .serviceRequest(.formRequest): 4
            case .serviceRequest(.serviceRequest): 5
            }
        }

        public var description: String {
            switch self {
            case .generalInformation: "generalInformation"
            case .referral: "referral"
            case .serviceRequest(let kind): kind.rawValue
            }
        }
    }

    /// What the contact was about, without its details.
    public var kind: Kind {
        switch self {
        case .generalInformation: .generalInformation
        case .referral: .referral
        case .serviceRequest(let kind, _): .serviceRequest(kind)
        }
    }
}
