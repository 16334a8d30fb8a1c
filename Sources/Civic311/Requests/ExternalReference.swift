import Foundation

/// The identifier a department's own system gave to a request (a Cityworks work order, a Confirm
/// enquiry). A request can collect several over time, as back-office records are re-keyed
/// (an enquiry becomes an inspection, then a defect); the latest for a system is the current one.
public struct ExternalReference: Hashable, Sendable, Codable {
    /// The system that issued the identifier, for example `"cityworks"`.
    public let system: String
    public let identifier: String
    public let recordedAt: Date

    public init(system: String, identifier: String, recordedAt: Date) {
        self.system = system
        self.identifier = identifier
        self.recordedAt = recordedAt
    }
}
