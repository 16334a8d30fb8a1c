import Civic311

/// Who a submission's `api_key` belongs to, as the server knows it.
public struct GeoReportAPIClient: Hashable, Sendable {
    /// A name for logs and notices (`"Cedar Valley app"`).
    public var name: String
    /// Who intake records as submitting the request: usually an anonymous
    /// ``Civic311/Participant/resident(_:)``, or an integration for a partner system.
    public var participant: Participant
    /// The channel requests from this client arrive on.
    public var channel: Channel

    public init(name: String, participant: Participant, channel: Channel) {
        self.name = name
        self.participant = participant
        self.channel = channel
    }
}

/// Decides which submissions the server takes: the `api_key` is checked for `POST /requests`
/// only (the specification asks no key for reading), and a key the policy does not know gets
/// 403.
///
/// Implement it over your own key store; ``GeoReportAPIKeys`` is a fixed list.
public protocol GeoReportAPIKeyPolicy: Sendable {
    /// The client `key` belongs to for `jurisdiction`, or `nil` to refuse the submission.
    func client(forAPIKey key: String, jurisdiction: GeoReportJurisdictionID) async -> GeoReportAPIClient?
}

/// A fixed list of API keys, valid for every jurisdiction the server serves.
public struct GeoReportAPIKeys: GeoReportAPIKeyPolicy {
    private let clients: [(key: [UInt8], client: GeoReportAPIClient)]

    /// - Parameter clients: each key and the client it belongs to.
    public init(_ clients: [String: GeoReportAPIClient]) {
        self.clients = clients.map { (Array($0.key.utf8), $0.value) }
    }

    public func client(forAPIKey key: String, jurisdiction: GeoReportJurisdictionID) async -> GeoReportAPIClient? {
        // Compare against every key in full, so the time taken says nothing about how much of a
        // guessed key was right.
        let candidate = Array(key.utf8)
        var found: GeoReportAPIClient?
        for entry in clients where Self.constantTimeEqual(entry.key, candidate) { found = entry.client }
        return found
    }

    private static func constantTimeEqual(_ lhs: [UInt8], _ rhs: [UInt8]) -> Bool {
        var difference = UInt8(truncatingIfNeeded: lhs.count ^ rhs.count)
        for index in 0..<max(lhs.count, rhs.count) {
            let left = index < lhs.count ? lhs[index] : 0
            let right = index < rhs.count ? rhs[index] : 0
            difference |= left ^ right
        }
        return difference == 0 && lhs.count == rhs.count
    }
}
