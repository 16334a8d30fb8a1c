import Civic311

extension AdapterConformanceArea {
    /// A dispatch answers a reference the outbox can record (not blank, at most 256 bytes), under
    /// a system name it can record (not blank, at most 64 bytes); different requests get
    /// different references; and the back office holds an open record under each, on which the
    /// dispatch took effect once.
    public static let dispatchReferences = AdapterConformanceArea("dispatch references") { run, fixtures in
        let check = run.check
        let system = run.system
        check.expect(
            !system.isBlank && system.utf8.count <= 64,
            "the adapter's system \"\(system)\" is blank or over 64 bytes; the outbox cannot record a reference under it"
        )
        var dispatched: [(ticket: TicketNumber, key: String, reference: String)] = []
        for _ in 0..<3 {
            let (request, dispatch) = run.open(&fixtures)
            let reference = try await run.dispatch(dispatch, "dispatching a new request")
            if let earlier = dispatched.first(where: { $0.reference == reference }) {
                check.record(
                    "different requests got the same reference \(reference): \(earlier.ticket) and \(request.ticket)"
                )
            }
            dispatched.append((request.ticket, dispatch.key, reference))
        }
        for (ticket, key, reference) in dispatched {
            try await run.expectRecord(reference, holds: [key], cancelled: false, "after dispatching \(ticket)")
        }
    }
}
