import Civic311
import Civic311SampleCounty
import Foundation
import Testing

/// A decision records rule and condition indices in 16 bits, so a rule set is limited to
/// ``RoutingRuleSet/maximumRules`` rules of at most ``RoutingRuleSet/maximumConditionsPerRule``
/// conditions. A larger set used to load and then trap on every `route()`; it is now refused
/// when it is built or loaded, naming the path.
@Suite struct RoutingLimitTests {
    let county = Jurisdiction.sampleCounty

    /// `count - 1` rules that never match a phone call, then the fallback.
    private func rules(_ count: Int) -> [RoutingRule] {
        (0..<(count - 1)).map { RoutingRule(id: "web-\($0)", when: [.channels([.web])], then: .assignResponsible) }
            + [RoutingRule(id: "fallback", when: [], then: .assignResponsible)]
    }

    private func phoneInput() throws -> RoutingInput {
        let draft = ServiceRequestDraft(
            serviceType: "POTHOLE",
            description: "Deep pothole",
            location: Location(address: "214 Elm Street"),
            answers: ["size": .choice("large"), "position": .choice("lane")],
            channel: .phone
        )
        return try RoutingInput(draft, in: county, receivedAt: Date(timeIntervalSince1970: 1_795_532_400))
    }

    private func expectIssue(
        at path: String,
        sourceLocation: SourceLocation = #_sourceLocation,
        _ body: () throws -> Void
    ) {
        do {
            try body()
            Issue.record("expected a ConfigurationError at \(path)", sourceLocation: sourceLocation)
        } catch let error as ConfigurationError {
            #expect(error.issues.contains { $0.path == path }, "\(error)", sourceLocation: sourceLocation)
        } catch {
            Issue.record("expected a ConfigurationError, got \(error)", sourceLocation: sourceLocation)
        }
    }

    @Test func aRuleSetAtTheLimitRoutesWithAnExplanation() throws {
        let set = try RoutingRuleSet(
            jurisdiction: county,
            rules: rules(RoutingRuleSet.maximumRules),
            triage: "311"
        )
        let decision = try set.route(phoneInput())
        #expect(decision.department == "DOT")
        #expect(decision.explanation.count == RoutingRuleSet.maximumRules + 1)
    }

    @Test func oneRuleMoreIsRefusedWhenBuilt() {
        expectIssue(at: "$.rules") {
            _ = try RoutingRuleSet(jurisdiction: county, rules: rules(RoutingRuleSet.maximumRules + 2), triage: "311")
        }
    }

    @Test func oneRuleMoreIsRefusedWhenLoaded() {
        let rule = #"{"id":"r%d","when":{"channels":["web"]},"then":"assignResponsible"}"#
        var members = (0...RoutingRuleSet.maximumRules).map { rule.replacingOccurrences(of: "%d", with: String($0)) }
        members.append(#"{"id":"fallback","when":{},"then":"assignResponsible"}"#)
        let document = #"{"triage":{"department":"311"},"rules":["# + members.joined(separator: ",") + "]}"
        expectIssue(at: "$.rules") {
            _ = try RoutingRuleSet(json: Data(document.utf8), jurisdiction: county)
        }
    }

    @Test func aRuleWithTooManyConditionsIsRefused() {
        let conditions = Array(
            repeating: RoutingCondition.channels([.phone]),
            count: RoutingRuleSet.maximumConditionsPerRule + 1
        )
        let set = [
            RoutingRule(id: "long", when: conditions, then: .assignResponsible),
            RoutingRule(id: "fallback", when: [], then: .assignResponsible),
        ]
        expectIssue(at: "$.rules[0].when") {
            _ = try RoutingRuleSet(jurisdiction: county, rules: set, triage: "311")
        }
    }
}
