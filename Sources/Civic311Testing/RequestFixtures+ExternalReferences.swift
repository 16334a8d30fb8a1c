import Civic311
import Foundation

extension RequestFixtures {
    /// An event recording `identifier` in `system` for `request`, by a department integration, at
    /// a new instant; valid in every state.
    public mutating func externalReference(
        on request: ServiceRequest,
        system: String,
        identifier: String
    ) -> RequestEvent {
        // A note is valid in every state at a fresh instant; the reference takes its place.
        let note = note(on: request, text: "placeholder")
        return RequestEvent(
            ticket: note.ticket,
            sequence: note.sequence,
            recordedAt: note.recordedAt,
            actor: .integration("\(system)-bridge", department: request.department),
            change: .externalReferenceAdded(
                ExternalReference(system: system, identifier: identifier, recordedAt: note.recordedAt)
            ),
            fromState: note.fromState,
            toState: note.toState,
            visibility: .internal
        )
    }
}
