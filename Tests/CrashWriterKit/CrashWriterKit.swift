import Civic311
import Foundation

// What the crash-test writers share: the processes the crash tests SIGKILL print what they have
// done one whole line at a time, and work requests through the same department script.

/// Prints `text` and a newline in write(2) calls on standard output, so a line the parent reads
/// was written whole; exits with status 3 when standard output is gone.
package func printWhole(_ text: String) {
    let bytes = Array((text + "\n").utf8)
    var written = 0
    while written < bytes.count {
        let result = bytes.withUnsafeBytes { write(1, $0.baseAddress! + written, $0.count - written) }
        guard result > 0 else { exit(3) }
        written += result
    }
}

/// The department's next event for `request` by `crew`: accept, a note, start, resolve, close;
/// `nil` once closed. Never earlier than the request's last change.
package func departmentStep(for request: ServiceRequest, at instant: Date, crew: StaffID) -> RequestEvent? {
    let change: RequestChange
    let target: RequestState
    switch request.version {
    case 1: (change, target) = (.accepted, .assigned)
    case 2: (change, target) = (.noteAdded("Crew scheduled for \(request.ticket)."), .assigned)
    case 3: (change, target) = (.started, .inProgress)
    case 4: (change, target) = (.resolved(note: "Fixed."), .resolved)
    case 5: (change, target) = (.closed(Closure(reason: .completed, note: "Fixed and checked.")), .closed)
    default: return nil
    }
    return RequestEvent(
        ticket: request.ticket,
        sequence: request.version + 1,
        recordedAt: max(instant, request.updatedAt),
        actor: .departmentStaff(crew, department: request.department),
        change: change,
        fromState: request.state,
        toState: target,
        visibility: .public
    )
}

/// A pothole intake accepts, reported by `writer` for `submitter` on the phone.
package func potholeDraft(_ index: Int, by writer: String, for submitter: Submitter) -> ServiceRequestDraft {
    ServiceRequestDraft(
        serviceType: "POTHOLE",
        description: "Pothole \(index) reported by the \(writer).",
        location: Location(address: "\(index) Main Street"),
        answers: ["size": .choice("large"), "position": .choice("lane")],
        submitter: submitter,
        channel: .phone,
        agent: "crash-agent"
    )
}
