import Civic311
import Foundation

/// A request as the kit delivers it: changes made with ``RequestFixtures``, each turned into the
/// `Delivery` a `DepartmentOutbox` would make of it, with a key of the outbox's form and the
/// request's current reference in the adapter's system.
struct ScriptedRequest: Sendable {
    /// The adapter's system, under which the request records the references it is given.
    let system: String
    /// The destination name the keys begin with, as an outbox's do.
    let destination: String
    /// The request after the last change made.
    private(set) var request: ServiceRequest

    var ticket: TicketNumber { request.ticket }

    /// Opens a new request; returns it with its dispatch.
    static func open(
        _ fixtures: inout RequestFixtures,
        system: String,
        destination: String
    ) -> (ScriptedRequest, Delivery) {
        let (_, opening) = fixtures.opening()
        let request: ServiceRequest
        do {
            request = try ServiceRequest(opening: opening)
        } catch {
            preconditionFailure("fixture opening does not fold: \(error)")
        }
        let scripted = ScriptedRequest(system: system, destination: destination, request: request)
        return (scripted, scripted.delivery(.dispatch, of: opening))
    }

    /// Records `identifier` as the request's reference in the adapter's system, as the outbox does
    /// with the answer to a dispatch; nothing is delivered for it.
    mutating func record(_ identifier: String, _ fixtures: inout RequestFixtures) {
        let event = fixtures.externalReference(on: request, system: system, identifier: identifier)
        request = RequestFixtures.applying([event], to: request)
    }

    /// A change the destination delivers as an update: `action` made by the fixtures.
    mutating func update(_ action: LifecycleAction, _ fixtures: inout RequestFixtures) -> Delivery {
        guard let event = fixtures.followUp(to: request, action: action) else {
            preconditionFailure("\(action) is not allowed from \(request.state)")
        }
        return deliver(event, as: .update)
    }

    /// A public note, delivered as an update.
    mutating func note(_ text: String, _ fixtures: inout RequestFixtures) -> Delivery {
        deliver(fixtures.note(on: request, text: text, visibility: .public), as: .update)
    }

    /// The resident cancels the request: a cancellation.
    mutating func cancelByResident() -> Delivery {
        let closure = Closure(reason: .cancelledByResident, note: "The resident no longer needs it.")
        let event = RequestFixtures.event(.closed(closure), on: request, to: .closed, by: .resident(nil))
        return deliver(event, as: .cancel)
    }

    /// A supervisor moves the request to `department`: a cancellation when it leaves the
    /// destination, a dispatch when it comes back.
    mutating func reassign(to department: DepartmentID, as kind: Delivery.Kind) -> Delivery {
        let event = RequestFixtures.event(
            .reassigned(to: department, reason: "Moved by the conformance kit."),
            on: request,
            to: .new,
            by: .supervisor(StaffID("conformance-supervisor"))
        )
        return deliver(event, as: kind)
    }

    /// Applies `event` and returns its delivery.
    private mutating func deliver(_ event: RequestEvent, as kind: Delivery.Kind) -> Delivery {
        request = RequestFixtures.applying([event], to: request)
        return delivery(kind, of: event)
    }

    private func delivery(_ kind: Delivery.Kind, of event: RequestEvent) -> Delivery {
        Delivery(
            kind: kind,
            key: "\(destination)/\(request.ticket)/\(event.sequence)",
            request: request,
            event: event,
            reference: request.externalReference(in: system)
        )
    }
}
