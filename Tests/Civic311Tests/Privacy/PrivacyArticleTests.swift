import Civic311
import Civic311SampleCounty
import Foundation
import Testing

/// The code of the Privacy article, run: the host maps its authenticated users to participants,
/// a center requires proof for status lookups, and printed values hide personal data.
@Suite struct PrivacyArticleTests {
    private typealias Fixtures = FoundationFixtures

    // docs: begin privacy-host-session
    /// Who the host's sign-in says is asking, after the host has checked it.
    enum Session {
        case staff(userName: String, role: String, department: String?)
        case resident(verifiedEmail: String?)
    }

    /// The one place the host turns an authenticated session into a participant; an unknown role
    /// gets nothing rather than the most a role could have.
    static func participant(for session: Session) -> Participant? {
        switch session {
        case .staff(let name, "call-taker", _): .callTaker(AgentID(name))
        case .staff(let name, "supervisor", _): .supervisor(StaffID(name))
        case .staff(let name, "crew", let department?):
            .departmentStaff(StaffID(name), department: DepartmentID(department))
        case .staff: nil
        case .resident(let email): .resident(email.map { ResidentID($0) })
        }
    }
    // docs: end

    @Test func sessionsBecomeTheLeastParticipantTheyAllow() {
        #expect(
            Self.participant(for: .staff(userName: "maria", role: "call-taker", department: nil)) == .callTaker("maria")
        )
        #expect(
            Self.participant(for: .staff(userName: "j.okafor", role: "crew", department: "DOT"))
                == .departmentStaff("j.okafor", department: "DOT")
        )
        #expect(Self.participant(for: .staff(userName: "j.okafor", role: "crew", department: nil)) == nil)
        #expect(Self.participant(for: .staff(userName: "x", role: "admin", department: nil)) == nil)
        #expect(Self.participant(for: .resident(verifiedEmail: nil)) == .resident(nil))
    }

    @Test func aVerifiedLookupAndRedactedPrinting() async throws {
        // docs: begin privacy-verified-lookup
        var configuration = ServiceCenter.Configuration(node: 1)
        configuration.privacy.statusLookup = .submitterProof(minimumPhoneDigits: 4)
        let center = try await ServiceCenter(
            jurisdiction: .sampleCounty,
            store: .inMemory,
            configuration: configuration
        )
        // docs: end
        let ticket = try await center.submit(
            Fixtures.potholeDraft(submitter: Submitter(name: "Sam Rivera", phone: "555-010-7788")),
            by: Fixtures.callTaker
        ).ticket
        // docs: begin privacy-lookup-with-proof
        // The resident gives the ticket and the last four digits of the phone number they left.
        let view = try await center.status(of: ticket, verifiedBy: .phoneEnding("7788"))
        // docs: end
        #expect(view.ticket == ticket)
        await #expect(throws: AuthorizationError.self) { _ = try await center.status(of: ticket) }

        // docs: begin privacy-printing
        let request = try await center.request(ticket, by: .supervisor("chief"))
        if let submitter = request.submitter {
            print(submitter)  // Submitter(name: Optional(<redacted>), phone: Optional(<redacted>), email: nil)
            // Submitter(name: Optional("Sam Rivera"), phone: Optional("555-010-7788"), email: nil)
            print(submitter.unredacted)
        }
        // docs: end
        let submitter = try #require(request.submitter)
        #expect("\(submitter)" == "Submitter(name: Optional(<redacted>), phone: Optional(<redacted>), email: nil)")
        #expect(
            "\(submitter.unredacted)"
                == #"Submitter(name: Optional("Sam Rivera"), phone: Optional("555-010-7788"), email: nil)"#
        )
    }
}
