/// Where a service type that is not the jurisdiction's matter is referred: the agency that handles
/// it and the number a call-taker transfers the caller to.
public struct ReferralTarget: Hashable, Sendable, Codable {
    /// The agency (usually an ``Department/Kind/externalAgency``), a department of the jurisdiction.
    public var agency: DepartmentID
    /// The number to transfer to, as dialled ("(555) 010-3001").
    public var transferNumber: String

    public init(agency: DepartmentID, transferNumber: String) {
        self.agency = agency
        self.transferNumber = transferNumber
    }
}
