import Civic311

extension CallType.Kind {
    /// The four service-request kinds, in ``CallType/Kind/allCases`` order.
    static let serviceRequestKinds: [CallType.Kind] = ServiceRequestKind.allCases.map { .serviceRequest($0) }

    /// Whether a contact of this kind opens a service request ticket.
    var isServiceRequest: Bool { category == .serviceRequest }
}
