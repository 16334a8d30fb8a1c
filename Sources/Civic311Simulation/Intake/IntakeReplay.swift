import Civic311
import Foundation

/// Replays a simulated day's contacts through the real intake, in simulated-time order.
///
/// Service requests are grouped into windows of simulated time and submitted with
/// `ServiceCenter.submit(batch:by:)`, the center's clock set to the window's last creation time;
/// general-information and referral contacts are recorded one by one at the time they ended. Agent
/// calls are submitted by a call-taker, IVR and online requests by an anonymous resident.
struct IntakeReplay {
    /// A service request the intake opened, as its department's work list needs it.
    struct OpenedRequest: Sendable, Hashable {
        let ticket: TicketNumber
        let department: DepartmentID
        /// Received, in seconds from the start.
        let created: Double
        /// Due, in seconds from the start.
        let due: Double
        let serviceType: ServiceTypeCode
    }

    /// What the replay stored.
    struct Tally: Sendable, Hashable {
        /// The service requests opened, in submission order; `nil` when an acknowledgement named a
        /// department ambiguously, so the work list must be read from the store instead.
        var opened: [OpenedRequest]? = []
        /// Service requests opened.
        var serviceRequests = 0
        /// General-information and referral contacts recorded.
        var contactsRecorded = 0
        /// Batches submitted.
        var batches = 0
    }

    let center: ServiceCenter
    let clock: ManualWallClock
    let start: Date
    let resident: SimulatedResident
    let seed: UInt64
    let recordsEveryContact: Bool
    let window: Double
    let agentIDs: [AgentID]

    private static let callTaker = Participant.callTaker("simulated-intake")
    private static let resident = Participant.resident(nil)

    func replay(day: FrontOfficeResult, requests: [SimulatedServiceRequest]) async throws -> Tally {
        // General-information and referral contacts, by the time they ended.
        var information: [Int] = []
        if recordsEveryContact {
            information.reserveCapacity(day.contacts.count - requests.count)
            for record in day.contacts where !record.callType.isServiceRequest {
                switch record.outcome {
                case .handled, .deflected, .selfService: information.append(record.id)
                case .abandoned, .unanswered: break
                }
            }
            information.sort { (day.contacts[$0].endedAt, $0) < (day.contacts[$1].endedAt, $1) }
        }
        var tally = Tally()
        tally.opened?.reserveCapacity(requests.count)
        var assisted: [ServiceRequestDraft] = []
        var unassisted: [ServiceRequestDraft] = []
        var contacts: [ContactDraft] = []
        var windowKey = -Double.infinity
        var windowTime = 0.0
        var nextRequest = 0
        var nextContact = 0
        while nextRequest < requests.count || nextContact < information.count {
            let requestTime = nextRequest < requests.count ? requests[nextRequest].createdAt : .infinity
            let contactTime =
                nextContact < information.count ? day.contacts[information[nextContact]].endedAt : .infinity
            let time = min(requestTime, contactTime)
            let key = window > 0 ? (time / window).rounded(.down) : time
            if key != windowKey {
                try await flush(&assisted, &unassisted, &contacts, at: windowTime, into: &tally)
                windowKey = key
            }
            windowTime = time
            if requestTime <= contactTime {
                let request = requests[nextRequest]
                let agent = day.contacts[request.contactID].agent.map { agentIDs[$0] }
                let draft = try resident.draft(for: request, agent: agent, seed: seed)
                if agent != nil { assisted.append(draft) } else { unassisted.append(draft) }
                nextRequest += 1
            } else {
                let record = day.contacts[information[nextContact]]
                if let draft = resident.contactDraft(for: record, agent: record.agent.map { agentIDs[$0] }) {
                    contacts.append(draft)
                }
                nextContact += 1
            }
        }
        try await flush(&assisted, &unassisted, &contacts, at: windowTime, into: &tally)
        return tally
    }

    private func flush(
        _ assisted: inout [ServiceRequestDraft],
        _ unassisted: inout [ServiceRequestDraft],
        _ contacts: inout [ContactDraft],
        at time: Double,
        into tally: inout Tally
    ) async throws {
        guard !assisted.isEmpty || !unassisted.isEmpty || !contacts.isEmpty else { return }
        try clock.set(start.addingTimeInterval(time))
        for (drafts, participant) in [(assisted, Self.callTaker), (unassisted, Self.resident)] where !drafts.isEmpty {
            let acknowledgements = try await center.submit(batch: drafts, by: participant)
            tally.serviceRequests += acknowledgements.count
            tally.batches += 1
            guard tally.opened != nil else { continue }
            for (draft, acknowledgement) in zip(drafts, acknowledgements) {
                let department = acknowledgement.department
                tally.opened?.append(
                    OpenedRequest(
                        ticket: acknowledgement.ticket,
                        department: department,
                        created: time,
                        due: acknowledgement.expectedBy.timeIntervalSince(start),
                        serviceType: draft.serviceType
                    )
                )
            }
        }
        assisted.removeAll(keepingCapacity: true)
        unassisted.removeAll(keepingCapacity: true)
        for draft in contacts {
            try await center.record(draft, by: draft.agent.map { .callTaker($0) } ?? .system)
            tally.contactsRecorded += 1
        }
        contacts.removeAll(keepingCapacity: true)
    }
}
