import Foundation

/// A request and where it must go: one row of a routing table's golden test.
public struct RoutingGoldenCase: Sendable {
    public let name: String
    public let input: RoutingInput
    public let department: DepartmentID
    /// The disposition expected too, when given.
    public let disposition: RoutingDisposition?

    public init(
        _ name: String,
        _ input: RoutingInput,
        expect department: DepartmentID,
        _ disposition: RoutingDisposition? = nil
    ) {
        self.name = name
        self.input = input
        self.department = department
        self.disposition = disposition
    }
}

/// A golden case the rule set routed elsewhere, with the decision and its explanation.
public struct RoutingMismatch: Sendable, CustomStringConvertible {
    public let goldenCase: RoutingGoldenCase
    public let decision: RoutingDecision

    public var description: String {
        let expected =
            goldenCase.disposition.map { "\(goldenCase.department) (\($0.rawValue))" } ?? "\(goldenCase.department)"
        return
            "'\(goldenCase.name)': expected \(expected), got \(decision.department) (\(decision.disposition.rawValue))\n  "
            + decision.explanation.joined(separator: "\n  ")
    }
}

extension RoutingRuleSet {
    /// Routes every case as a dry run and reports each one that went elsewhere, with the decision's
    /// explanation. An empty result means the table routes as intended.
    public func check(_ cases: [RoutingGoldenCase]) -> [RoutingMismatch] {
        var scratch = RoutingScratch()
        return cases.compactMap { goldenCase in
            let decision = decision(for: goldenCase.input, scratch: &scratch)
            let matches =
                decision.department == goldenCase.department
                && (goldenCase.disposition.map { $0 == decision.disposition } ?? true)
            return matches ? nil : RoutingMismatch(goldenCase: goldenCase, decision: decision)
        }
    }
}

extension RoutingInput {
    /// The routing input for a draft, validated against the jurisdiction as intake would.
    public init(_ draft: ServiceRequestDraft, in jurisdiction: Jurisdiction, receivedAt: Date) throws(ValidationError) {
        let valid = try draft.validated(against: jurisdiction)
        self.init(
            serviceType: valid.serviceType,
            description: draft.description,
            location: draft.location,
            answers: valid.answers,
            channel: draft.channel,
            receivedAt: receivedAt
        )
    }
}
