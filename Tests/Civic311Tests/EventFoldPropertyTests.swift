@_spi(Benchmarks) import Civic311
import Civic311SampleCounty
import Foundation
import Testing

/// Random operation sequences through the facade: after every operation the stored request must
/// be exactly the fold of its stored history, the history must be well formed, a refused
/// operation must change nothing, and the outcome must be the one the access and lifecycle rules
/// predict.
@Suite struct EventFoldPropertyTests {
    private typealias Fixtures = FoundationFixtures
    private typealias Generator = FoundationFixtures.SplitMix64

    private static let reopenWindow: TimeInterval = 7 * 86_400

    private enum Step: CustomStringConvertible {
        case accept
        case start
        case putOnHold(String)
        case resume
        case resolve(String)
        case close(Closure.Reason, String)
        case reopen(String)
        case returnAsNotOurs(String)
        case reassign(DepartmentID, String)
        case note(String, Visibility)
        case externalReference(String, String)
        case link(RequestLink.Kind, TicketNumber)
        case priority(Priority)
        case advance(TimeInterval)

        var description: String {
            switch self {
            case .accept: "accept"
            case .start: "start"
            case .putOnHold(let text): "putOnHold(\(text.debugDescription))"
            case .resume: "resume"
            case .resolve(let text): "resolve(\(text.debugDescription))"
            case .close(let reason, let text): "close(\(reason), \(text.debugDescription))"
            case .reopen(let text): "reopen(\(text.debugDescription))"
            case .returnAsNotOurs(let text): "returnAsNotOurs(\(text.debugDescription))"
            case .reassign(let department, let text): "reassign(\(department), \(text.debugDescription))"
            case .note(let text, let visibility): "note(\(text.debugDescription), \(visibility))"
            case .externalReference(let system, let identifier): "externalReference(\(system), \(identifier))"
            case .link(let kind, let target): "link(\(kind), \(target))"
            case .priority(let priority): "priority(\(priority))"
            case .advance(let seconds): "advance(\(seconds))"
            }
        }
    }

    /// Everything a sequence needs to draw its next step.
    private struct Scene {
        let ticket: TicketNumber
        let other: TicketNumber
        let unknown: TicketNumber
    }

    private static func text(_ generator: inout Generator, _ valid: String) -> String {
        Int.random(in: 0..<10, using: &generator) == 0 ? "  " : valid
    }

    private static func randomStep(_ generator: inout Generator, _ scene: Scene) -> Step {
        switch Int.random(in: 0..<15, using: &generator) {
        case 0: return .accept
        case 1: return .start
        case 2: return .putOnHold(text(&generator, "Need the house number"))
        case 3: return .resume
        case 4: return .resolve(text(&generator, "Patched with hot asphalt"))
        case 5:
            let reasons: [Closure.Reason] = [
                .completed, .completed, .closedWithoutAction(code: "NO_DEFECT_FOUND"), .closedWithoutAction(code: " "),
                .duplicate(of: scene.other), .duplicate(of: scene.ticket), .referred(to: "SHA"),
                .referred(to: "BRT"), .referred(to: "NOPE"), .cancelledByResident,
            ]
            return .close(reasons.randomElement(using: &generator)!, text(&generator, "What we did"))
        case 6: return .reopen(text(&generator, "Still broken"))
        case 7: return .returnAsNotOurs(text(&generator, "Not our road"))
        case 8:
            let departments: [DepartmentID] = ["DOT", "PKS", "311", "SWR", "SHA", "NOPE"]
            return .reassign(departments.randomElement(using: &generator)!, text(&generator, "Better fit"))
        case 9, 10:
            let visibility: Visibility = Bool.random(using: &generator) ? .public : .internal
            return .note(text(&generator, "Crew booked for Tuesday"), visibility)
        case 11:
            let identifier = "WO-\(Int.random(in: 1...5, using: &generator))"
            let system = Bool.random(using: &generator) ? "cityworks" : "sap"
            return .externalReference(system, identifier)
        case 12:
            let targets = [scene.other, scene.other, scene.ticket, scene.unknown]
            return .link(.related, targets.randomElement(using: &generator)!)
        case 13: return .priority(Priority.allCases.randomElement(using: &generator)!)
        default:
            let choices: [TimeInterval] = [0, 1, 59, 3_600, 86_400, 8 * 86_400]
            return .advance(choices.randomElement(using: &generator)!)
        }
    }

    private static func randomParticipant(_ generator: inout Generator, current: DepartmentID) -> Participant {
        let pool: [Participant] = [
            Fixtures.supervisor, .system, Fixtures.callTaker, .departmentStaff("crew", department: current),
            .departmentStaff("crew", department: current), .integration("cityworks", department: current),
            Fixtures.roadCrew, Fixtures.parksCrew, Fixtures.triageDesk, Fixtures.submittingResident,
            Fixtures.otherResident, .resident(nil),
        ]
        return pool.randomElement(using: &generator)!
    }

    private static func blank(_ text: String) -> Bool { text.allSatisfy(\.isWhitespace) }

    /// Whether `step` should succeed, from the access policy, the lifecycle table and the input
    /// rules; `nil` when the outcome depends on routing (checked in the service-center tests).
    private static func predict(
        _ step: Step,
        by participant: Participant,
        on request: ServiceRequest,
        at now: Date,
        scene: Scene
    ) -> Bool? {
        let state = request.state
        func rule(_ operation: RequestOperation, _ action: LifecycleAction, valid: Bool = true) -> Bool {
            valid && AccessPolicy.allows(participant, operation, on: request, in: .sampleCounty)
                && LifecycleTable.target(of: action, from: state) != nil
        }
        switch step {
        case .accept: return rule(.accept, .accept)
        case .start: return rule(.start, .start)
        case .putOnHold(let text): return rule(.putOnHold, .putOnHold, valid: !blank(text))
        case .resume: return rule(.resume, .resume)
        case .resolve(let text): return rule(.resolve, .resolve, valid: !blank(text))
        case .close(let reason, let text):
            var valid = !blank(text)
            switch reason {
            case .completed: valid = valid && (state == .inProgress || state == .resolved)
            case .closedWithoutAction(let code): valid = valid && !blank(code)
            case .duplicate(let original): valid = valid && original == scene.other
            case .referred(let agency): valid = valid && agency == "SHA"
            case .cancelledByResident: break
            }
            return rule(reason == .cancelledByResident ? .cancel : .close, .close, valid: valid)
        case .reopen(let text):
            let finished = request.closedAt ?? request.resolvedAt ?? request.updatedAt
            let inWindow = now.timeIntervalSince(finished) <= reopenWindow
            return rule(.reopen, .reopen, valid: !blank(text) && inWindow)
        case .returnAsNotOurs:
            return nil
        case .reassign(let department, let text):
            return rule(.reassign, .reassign, valid: !blank(text) && department != "NOPE")
        case .note(let text, let visibility):
            return rule(visibility == .public ? .addPublicNote : .addInternalNote, .annotate, valid: !blank(text))
        case .externalReference:
            return rule(.addExternalReference, .annotate)
        case .link(_, let target):
            return rule(.link, .annotate, valid: target == scene.other)
        case .priority:
            return rule(.changePriority, .changePriority)
        case .advance:
            return nil
        }
    }

    private static func perform(
        _ step: Step,
        on ticket: TicketNumber,
        by participant: Participant,
        in fixture: Fixtures.Center
    ) async throws -> ServiceRequest? {
        let center = fixture.center
        switch step {
        case .accept: return try await center.accept(ticket, by: participant)
        case .start: return try await center.start(ticket, by: participant)
        case .putOnHold(let text): return try await center.putOnHold(ticket, waitingFor: text, by: participant)
        case .resume: return try await center.resume(ticket, by: participant)
        case .resolve(let text): return try await center.resolve(ticket, note: text, by: participant)
        case .close(let reason, let text):
            return try await center.close(ticket, reason: reason, note: text, by: participant)
        case .reopen(let text): return try await center.reopen(ticket, reason: text, by: participant)
        case .returnAsNotOurs(let text): return try await center.returnAsNotOurs(ticket, reason: text, by: participant)
        case .reassign(let department, let text):
            return try await center.reassign(ticket, to: department, reason: text, by: participant)
        case .note(let text, let visibility):
            return try await center.addNote(ticket, text, visibility: visibility, by: participant)
        case .externalReference(let system, let identifier):
            return try await center.addExternalReference(
                ticket,
                system: system,
                identifier: identifier,
                by: participant
            )
        case .link(let kind, let target): return try await center.link(ticket, kind, to: target, by: participant)
        case .priority(let priority): return try await center.changePriority(ticket, to: priority, by: participant)
        case .advance(let seconds):
            try fixture.clock.advance(by: seconds)
            return nil
        }
    }

    /// Every invariant of a stored request and its history; returns the violations.
    private static func violations(of request: ServiceRequest, history events: [RequestEvent]) -> [String] {
        var problems: [String] = []
        func check(_ condition: Bool, _ message: @autoclosure () -> String) {
            if !condition { problems.append(message()) }
        }
        do {
            check(try ServiceRequest.replaying(events) == request, "the snapshot is not the fold of its history")
        } catch {
            problems.append("the history does not fold: \(error)")
        }
        check(request.version == events.count, "version \(request.version) with \(events.count) events")
        check(events.map(\.sequence) == Array(1...max(events.count, 1)), "sequences are not 1...n")
        check(events.allSatisfy { $0.ticket == request.ticket }, "an event of another ticket")
        check(events.first?.fromState == nil && events.first?.toState == .new, "the first event is not an opening")
        for (previous, event) in zip(events, events.dropFirst()) {
            check(event.fromState == previous.toState, "event \(event.sequence) starts from the wrong state")
            check(event.recordedAt >= previous.recordedAt, "event \(event.sequence) goes back in time")
        }
        check(request.state == events.last?.toState, "state is not the last event's")
        check(request.updatedAt == events.last?.recordedAt, "updatedAt is not the last event's time")

        let isClosed = request.state == .closed
        check(isClosed == (request.closure != nil), "closed ⇔ closure")
        check(isClosed == (request.closedAt != nil), "closed ⇔ closedAt")
        if request.state == .resolved { check(request.resolvedAt != nil, "resolved without resolvedAt") }
        if request.state.isOpen {
            check(request.resolvedAt == nil, "open with resolvedAt")
            check(request.closedAt == nil, "open with closedAt")
        }
        if let resolvedAt = request.resolvedAt, let closedAt = request.closedAt {
            check(resolvedAt <= closedAt, "closed before it was resolved")
        }

        var reopened = 0
        var returned = 0
        var department: DepartmentID?
        var priority: Priority?
        var firstResponse: Date?
        var noteCount = 0
        var references: [ExternalReference] = []
        var rules: [String] = []
        var holdsEnded = 0
        for event in events {
            switch event.change {
            case .opened(let opening):
                department = opening.routing.department
                priority = opening.priority
            case .accepted, .started:
                if firstResponse == nil { firstResponse = event.recordedAt }
            case .reopened:
                reopened += 1
                noteCount += 1
            case .returned(_, let destination, _):
                returned += 1
                department = destination
            case .reassigned(let destination, _):
                department = destination
            case .priorityChanged(let changed):
                priority = changed
            case .externalReferenceAdded(let reference):
                references.append(reference)
            case .putOnHold, .resolved, .closed, .noteAdded:
                noteCount += 1
            case .escalated(let escalation):
                rules.append(escalation.rule)
                switch escalation.action {
                case .notifySupervisor: break
                case .raisePriority(let level): priority = max(priority ?? level, level)
                case .moveToQueue(let destination, _): department = destination
                }
            case .mergedInto:
                noteCount += 1
            case .unmerged:
                // Unmerging takes back the merge's note, and the end of a hold the merge made.
                noteCount -= 1
                if event.toState == .onHold { holdsEnded -= 1 }
            case .resumed, .linked, .delivery, .backOfficeUpdate, .surveyAnswered, .followerAdded, .followerRemoved,
                .duplicateLinked, .duplicateUnlinked, .personalDataErased, .retentionApplied:
                break
            }
            if event.fromState == .onHold && event.toState != .onHold { holdsEnded += 1 }
        }
        check(request.reopenCount == reopened, "reopenCount \(request.reopenCount), \(reopened) reopenings")
        check(request.returnCount == returned, "returnCount \(request.returnCount), \(returned) returns")
        check(request.department == department, "department \(request.department), last routed to \(department as Any)")
        check(request.priority == priority, "priority is not the last one set")
        check(request.firstRespondedAt == firstResponse, "firstRespondedAt is not the first accept or start")
        check(request.notes.count == noteCount, "\(request.notes.count) notes for \(noteCount) noting events")
        check(request.externalReferences == references, "external references differ from the history")
        check(request.escalations == rules, "escalations differ from the history")
        check((request.state == .onHold) == (request.holdStartedAt != nil), "onHold ⇔ holdStartedAt")
        check(request.holds.count == holdsEnded, "\(request.holds.count) holds for \(holdsEnded) ended waits")
        return problems
    }

    @Test func randomSequencesKeepEveryInvariant() async throws {
        var problems: [String] = []
        var outcomes = [true: 0, false: 0]
        var steps = 0
        for sequence in 0..<2_000 {
            let seed = 0x5EED_0000 + UInt64(sequence)
            var generator = Generator(seed: seed)
            let fixture = try await Fixtures.Center(reopenWindow: Self.reopenWindow)
            let other = try await fixture.pothole()
            let ticket = try await fixture.pothole()
            let scene = Scene(
                ticket: ticket,
                other: other,
                unknown: try TicketNumber(day: 1, secondOfDay: 1, node: 1, sequence: 1)
            )
            var trail: [String] = []
            for _ in 0..<Int.random(in: 1...30, using: &generator) {
                steps += 1
                let before = try await fixture.snapshot(ticket)
                let current = try #require(before.request)
                let step = Self.randomStep(&generator, scene)
                let participant = Self.randomParticipant(&generator, current: current.department)
                trail.append("\(step) by \(participant)")
                let predicted = Self.predict(step, by: participant, on: current, at: fixture.clock.now(), scene: scene)
                var returned: ServiceRequest?
                var succeeded: Bool
                do {
                    returned = try await Self.perform(step, on: ticket, by: participant, in: fixture)
                    succeeded = true
                } catch is AuthorizationError, is LifecycleError, is ValidationError {
                    succeeded = false
                } catch let error as StorageError where error.code == .notFound {
                    succeeded = false
                } catch {
                    problems.append("seed \(seed): unexpected \(error) after \(trail)")
                    succeeded = false
                }
                let after = try await fixture.snapshot(ticket)
                let stored = try #require(after.request)
                if case .advance = step {
                    succeeded = false
                } else {
                    outcomes[succeeded, default: 0] += 1
                }
                if let predicted, predicted != succeeded {
                    problems.append("seed \(seed): predicted \(predicted ? "success" : "refusal") for \(trail)")
                }
                // Recording a request's current external reference again succeeds and changes nothing.
                var alreadyCurrent = false
                if case .externalReference(let system, let identifier) = step {
                    alreadyCurrent = current.externalReference(in: system)?.identifier == identifier
                }
                if succeeded, alreadyCurrent {
                    if after != before { problems.append("seed \(seed): re-recording a reference changed the request") }
                    if returned != stored { problems.append("seed \(seed): returned request is not the stored one") }
                } else if succeeded {
                    if after.events.count != before.events.count + 1 { problems.append("seed \(seed): not one event") }
                    if after.events.last?.actor != participant { problems.append("seed \(seed): wrong actor") }
                    if returned != stored { problems.append("seed \(seed): returned request is not the stored one") }
                } else if after != before {
                    problems.append("seed \(seed): a refused step changed the request: \(trail)")
                }
                for violation in Self.violations(of: stored, history: after.events) {
                    problems.append("seed \(seed): \(violation) after \(trail)")
                }
                if problems.count > 20 { break }
            }
            // The other request is never touched by steps on this one.
            if try await fixture.snapshot(other).events.count != 1 { problems.append("seed \(seed): other changed") }
            if problems.count > 20 { break }
        }
        #expect(problems.isEmpty, "\(problems.count) problems, first: \(problems.prefix(3))")
        #expect(steps > 25_000)
        #expect(outcomes[true, default: 0] > 4_000, "enough steps succeed to walk the lifecycle")
        #expect(outcomes[false, default: 0] > 4_000, "enough steps are refused to test refusals")
    }
}
