@_spi(Benchmarks) import Civic311
import Civic311Testing
import Foundation
import Synchronization
import Testing

/// The outbox against the fake back office: what it delivers, in what order, through outages,
/// lost answers, refusals and restarts.
@Suite struct DepartmentOutboxTests {
    private typealias Fixtures = FoundationFixtures
    private static let supervisor = Participant.supervisor("chief")
    private static let crew = Participant.departmentStaff("crew-7", department: "DOT")
    private static let publicWorks = try! OutboxDestination(name: "public-works", departments: ["DOT"])
    /// Patient enough to ride out the outages these tests schedule.
    private static let patient = try! RetryPolicy(maximumAttempts: 40, initialDelay: 1, maximumDelay: 60, jitter: 0.2)

    /// Keeps what the observer saw.
    private final class Observed: Sendable {
        let events = Mutex<[OutboxEvent]>([])
        var all: [OutboxEvent] { events.withLock { $0 } }
        var observer: @Sendable (OutboxEvent) -> Void { { event in self.events.withLock { $0.append(event) } } }
    }

    private static func outbox(
        _ fixture: Fixtures.Center,
        _ backOffice: FakeBackOffice,
        policy: RetryPolicy = patient,
        observed: Observed? = nil
    ) async throws -> DepartmentOutbox {
        try await DepartmentOutbox(
            center: fixture.center,
            adapter: backOffice,
            destination: publicWorks,
            retryPolicy: policy,
            seed: 7,
            observer: observed?.observer
        )
    }

    /// Passes until nothing waits, moving the clock to each retry; at most `limit` passes.
    private static func drain(_ outbox: DepartmentOutbox, clock: ManualWallClock, limit: Int = 200) async throws {
        for _ in 0..<limit {
            let figures = try await outbox.deliverDue()
            guard figures.pending > 0 else { return }
            if let next = await outbox.nextRetry, next > clock.now() {
                try clock.set(next)
            }
        }
        Issue.record("the outbox still had deliveries waiting after \(limit) passes")
    }

    @Test func dispatchesUpdatesAndCancelsEachRequestInOrder() async throws {
        let fixture = try await Fixtures.Center()
        let backOffice = try FakeBackOffice(clock: fixture.clock)
        let outbox = try await Self.outbox(fixture, backOffice)
        let kept = try await fixture.pothole()
        let moved = try await fixture.pothole()
        #expect(try await outbox.deliverDue().delivered == 2)

        try await fixture.center.accept(kept, by: Self.crew)
        try await fixture.center.start(kept, by: Self.crew)
        try await fixture.center.reassign(moved, to: "SWR", reason: "It is a sewer cave-in.", by: Self.supervisor)
        let figures = try await outbox.deliverDue()

        #expect(figures.delivered == 5)
        #expect(figures.pending == 0)
        let keptOrder = try #require(backOffice.workOrder(for: kept))
        #expect(keptOrder.actions == [.open, .accept, .start])
        #expect(!keptOrder.isCancelled)
        let movedOrder = try #require(backOffice.workOrder(for: moved))
        #expect(movedOrder.actions == [.open, .reassign])
        #expect(movedOrder.isCancelled)
        // The reference is on the request before the dispatch counts as delivered.
        let request = try await fixture.center.request(kept, by: Self.supervisor)
        #expect(request.externalReference(in: "workorders")?.identifier == keptOrder.reference)
        #expect(backOffice.duplicateEffects == 0)
    }

    /// A back office that answers the references it is told to, in order, whatever it is sent.
    private final class ScriptedReferences: DepartmentAdapter, Sendable {
        let system = "workorders"
        private let answers: Mutex<[String]>
        let updates = Mutex<[Delivery]>([])
        init(_ answers: [String]) { self.answers = Mutex(answers) }
        func dispatch(_ delivery: Delivery) async throws -> String { answers.withLock { $0.removeFirst() } }
        func update(_ delivery: Delivery) async throws { updates.withLock { $0.append(delivery) } }
        func cancel(_ delivery: Delivery) async throws {}
    }

    @Test func aReferenceTheCenterCannotRecordDeadLettersTheRequestAndNothingElse() async throws {
        let fixture = try await Fixtures.Center()
        // The second answer repeats the first (the back office mixed two records up); the third
        // is blank.
        let backOffice = ScriptedReferences(["WO-1", "WO-1", " ", "WO-4"])
        let tickets = [
            try await fixture.pothole(), try await fixture.pothole(), try await fixture.pothole(),
            try await fixture.pothole(),
        ]
        let outbox = try await DepartmentOutbox(
            center: fixture.center,
            adapter: backOffice,
            destination: Self.publicWorks
        )
        let figures = try await outbox.deliverDue()
        #expect(figures.delivered == 2)
        #expect(figures.deadLettered == 2)
        #expect(figures.pending == 0)
        let letters = await outbox.deadLetters
        #expect(letters.map(\.ticket) == [tickets[1], tickets[2]])
        #expect(letters.first?.reason.contains("a reference another request holds") == true)
        #expect(letters.last?.reason.contains("an unusable reference") == true)
        for (ticket, reference) in [(tickets[0], "WO-1"), (tickets[3], "WO-4")] {
            let request = try await fixture.center.request(ticket, by: Self.supervisor)
            #expect(request.externalReference(in: "workorders")?.identifier == reference)
        }
        for ticket in tickets[1...2] {
            #expect(try await fixture.center.request(ticket, by: Self.supervisor).externalReferences.isEmpty)
        }
    }

    @Test func aChangeMadeBeforeTheFirstPassFollowsItsDispatchWithTheReference() async throws {
        let fixture = try await Fixtures.Center()
        let backOffice = ScriptedReferences(["WO-7"])
        let ticket = try await fixture.pothole()
        // The outbox's copy of the request, taken from the opening, is stale by the time it
        // records the reference: the one-by-one path records it on the fresh request.
        try await fixture.center.accept(ticket, by: Self.crew)
        let outbox = try await DepartmentOutbox(
            center: fixture.center,
            adapter: backOffice,
            destination: Self.publicWorks
        )
        let figures = try await outbox.deliverDue()
        #expect(figures.delivered == 2)
        let updates = backOffice.updates.withLock { $0 }
        #expect(updates.map(\.reference?.identifier) == ["WO-7"])
        #expect(updates.first?.event.change == .accepted)
        let request = try await fixture.center.request(ticket, by: Self.supervisor)
        #expect(request.state == .assigned)
        #expect(request.externalReference(in: "workorders")?.identifier == "WO-7")
        #expect(try await fixture.store.checkpoint(of: "outbox.public-works") > .start)
    }

    @Test func requestsOfOtherDepartmentsAreNotDelivered() async throws {
        let fixture = try await Fixtures.Center()
        let backOffice = try FakeBackOffice(clock: fixture.clock)
        let destination = try OutboxDestination(name: "sewers", departments: ["SWR"])
        let outbox = try await DepartmentOutbox(center: fixture.center, adapter: backOffice, destination: destination)
        let ticket = try await fixture.pothole()
        try await outbox.deliverDue()
        #expect(backOffice.calls == 0)
        // Moved in: dispatched, as of the move.
        try await fixture.center.reassign(ticket, to: "SWR", reason: "It is a sewer cave-in.", by: Self.supervisor)
        try await outbox.deliverDue()
        #expect(backOffice.workOrder(for: ticket)?.actions == [.reassign])
    }

    @Test func anOutageIsRiddenOutWithGrowingWaitsAndEveryRequestIsDeliveredOnce() async throws {
        let fixture = try await Fixtures.Center()
        let outage = DateInterval(start: fixture.clock.now(), duration: 600)
        let backOffice = try FakeBackOffice(clock: fixture.clock, outages: [outage])
        let observed = Observed()
        let outbox = try await Self.outbox(fixture, backOffice, observed: observed)
        var tickets: [TicketNumber] = []
        for _ in 0..<5 { tickets.append(try await fixture.pothole()) }

        try await Self.drain(outbox, clock: fixture.clock)

        for ticket in tickets {
            #expect(backOffice.workOrder(for: ticket)?.actions == [.open])
        }
        #expect(backOffice.workOrders.count == 5)
        #expect(backOffice.duplicateEffects == 0)
        let figures = await outbox.figures
        #expect(figures.delivered == 5)
        #expect(figures.retried > 0)
        #expect(figures.deadLettered == 0)
        #expect(fixture.clock.now() >= outage.end)
        // Each request's waits double, shortened by at most the policy's jitter.
        let firstKey = "public-works/\(tickets[0])/1"
        let attempts = observed.all.compactMap { event -> Date? in
            guard case .retrying(firstKey, _, let next, _) = event else { return nil }
            return next
        }
        #expect(attempts.count >= 5)
        for (index, pair) in zip(attempts, attempts.dropFirst()).enumerated() {
            let wait = pair.1.timeIntervalSince(pair.0)
            let full = min(Self.patient.initialDelay * pow(2, Double(index + 1)), Self.patient.maximumDelay)
            #expect(
                wait >= full * (1 - Self.patient.jitter) - 0.002 && wait <= full + 0.002,
                "wait \(index + 1): \(wait) s"
            )
        }
    }

    @Test func lostAnswersAreRetriedWithTheSameKeySoNothingTakesEffectTwice() async throws {
        let fixture = try await Fixtures.Center()
        let backOffice = try FakeBackOffice(clock: fixture.clock, failureRate: 0.5, fault: .after, seed: 3)
        let outbox = try await Self.outbox(fixture, backOffice)
        var tickets: [TicketNumber] = []
        for _ in 0..<12 {
            let ticket = try await fixture.pothole()
            try await fixture.center.accept(ticket, by: Self.crew)
            tickets.append(ticket)
        }
        try await Self.drain(outbox, clock: fixture.clock)
        #expect(backOffice.workOrders.count == 12)
        #expect(backOffice.duplicateEffects == 0)
        #expect(backOffice.calls > 24, "some answers were lost and the calls repeated")
        for ticket in tickets {
            #expect(backOffice.workOrder(for: ticket)?.actions == [.open, .accept])
        }
    }

    @Test func aRefusedDeliveryIsDeadLetteredKeptAcrossARestartAndRetriedByAnOperator() async throws {
        let fixture = try await Fixtures.Center()
        let backOffice = try FakeBackOffice(clock: fixture.clock)
        backOffice.refuseAll(true)
        let observed = Observed()
        let first = try await Self.outbox(fixture, backOffice, observed: observed)
        let ticket = try await fixture.pothole()
        let other = try await fixture.pothole()

        let figures = try await first.deliverDue()
        #expect(figures.deadLettered == 2)
        #expect(figures.pending == 0)
        #expect(observed.all.contains { if case .deadLettered(ticket, _, 1, _) = $0 { true } else { false } })
        let history = try await fixture.store.events(for: ticket)
        guard case .delivery(let record) = history.last?.change,
            case .deadLettered(1, 1, let reason) = record.outcome
        else {
            Issue.record("no dead-letter record in the history: \(history.map(\.change))")
            return
        }
        #expect(record.destination == "public-works")
        #expect(reason.contains("422"))
        #expect(history.last?.visibility == .internal)

        // Held: later changes wait with the request.
        try await fixture.center.accept(ticket, by: Self.crew)
        let calls = backOffice.calls
        try await first.deliverDue()
        #expect(backOffice.calls == calls)

        // A restart finds the dead letters again.
        let second = try await Self.outbox(fixture, backOffice)
        #expect(await second.deadLetters.map(\.ticket) == [ticket, other])
        #expect(await second.figures.heldForOperator == 2)
        try await second.deliverDue()
        #expect(backOffice.calls == calls)

        backOffice.refuseAll(false)
        #expect(try await second.retry(ticket))
        #expect(try await second.retry(ticket) == false, "no longer held")
        try await second.deliverDue()
        #expect(backOffice.workOrder(for: ticket)?.actions == [.open, .accept])
        #expect(await second.figures.redelivered == 1)
        let after = try await fixture.store.events(for: ticket)
        #expect(
            after.contains {
                if case .delivery(let record) = $0.change {
                    record.outcome == .redelivered(through: after.count - 2)
                } else {
                    false
                }
            }
        )

        // A third start holds only the one never retried, and delivers nothing again.
        let third = try await Self.outbox(fixture, backOffice)
        #expect(await third.deadLetters.map(\.ticket) == [other])
        let callsBefore = backOffice.calls
        try await third.deliverDue()
        #expect(backOffice.calls == callsBefore)
        #expect(backOffice.duplicateEffects == 0)
    }

    @Test func theLastAttemptDeadLettersAnUnavailableBackOffice() async throws {
        let fixture = try await Fixtures.Center()
        let backOffice = try FakeBackOffice(
            clock: fixture.clock,
            outages: [DateInterval(start: fixture.clock.now(), duration: 86_400)]
        )
        let policy = try RetryPolicy(maximumAttempts: 3, initialDelay: 1, maximumDelay: 10, jitter: 0)
        let outbox = try await Self.outbox(fixture, backOffice, policy: policy)
        let ticket = try await fixture.pothole()
        try await Self.drain(outbox, clock: fixture.clock)
        #expect(backOffice.calls == 3)
        #expect(await outbox.deadLetters.first?.attempts == 3)
        #expect(await outbox.deadLetters.first?.ticket == ticket)
    }

    @Test func aRestartResumesAfterItsCheckpointAndANewOutboxRedeliversALostAnswerUnderTheSameKey() async throws {
        let fixture = try await Fixtures.Center()
        let backOffice = try FakeBackOffice(clock: fixture.clock)
        do {
            let first = try await Self.outbox(fixture, backOffice)
            for _ in 0..<3 { _ = try await fixture.pothole() }
            try await first.deliverDue()
        }
        #expect(backOffice.calls == 3)
        // Killed after the back office acted and before the answer came back.
        try backOffice.setFailureRate(1)
        let lost = try await fixture.pothole()
        do {
            let second = try await Self.outbox(fixture, backOffice)
            try await second.deliverDue()
        }
        #expect(backOffice.workOrders.count == 3, "the failure struck before the effect")
        try backOffice.setFailureRate(0)
        let third = try await Self.outbox(fixture, backOffice)
        try await third.deliverDue()
        #expect(backOffice.workOrders.count == 4)
        #expect(backOffice.workOrder(for: lost)?.actions == [.open])
        #expect(backOffice.calls == 5, "only the request not yet delivered was sent again")
    }

    /// Fails the first update it is given, then forwards everything to the back office.
    private final class FirstUpdateFails: DepartmentAdapter {
        let backOffice: FakeBackOffice
        let failed = Mutex(false)
        var system: String { backOffice.system }
        init(_ backOffice: FakeBackOffice) { self.backOffice = backOffice }
        func dispatch(_ delivery: Delivery) async throws -> String { try await backOffice.dispatch(delivery) }
        func update(_ delivery: Delivery) async throws {
            if failed.withLock({ failed in
                defer { failed = true }
                return !failed
            }) {
                throw DeliveryError(.unavailable, message: "503")
            }
            try await backOffice.update(delivery)
        }
        func cancel(_ delivery: Delivery) async throws { try await backOffice.cancel(delivery) }
    }

    /// Regression (found by the SIGKILL test): a change made before the dispatch's reference was
    /// recorded went out after a restart without the reference, and was dead-lettered for good.
    @Test func aChangeReadAfterARestartNamesTheRecordTheDispatchCreated() async throws {
        let fixture = try await Fixtures.Center()
        let backOffice = try FakeBackOffice(clock: fixture.clock)
        let adapter = FirstUpdateFails(backOffice)
        let ticket = try await fixture.pothole()
        try await fixture.center.accept(ticket, by: Self.crew)
        do {
            let first = try await DepartmentOutbox(
                center: fixture.center,
                adapter: adapter,
                destination: Self.publicWorks
            )
            #expect(try await first.deliverDue().retried == 1)
        }
        try fixture.clock.advance(by: 600)
        let second = try await DepartmentOutbox(center: fixture.center, adapter: adapter, destination: Self.publicWorks)
        let figures = try await second.deliverDue()
        #expect(figures.deadLettered == 0)
        #expect(backOffice.workOrder(for: ticket)?.actions == [.open, .accept])
        #expect(try await second.retry(ticket) == false)
    }

    /// What a back office holds per ticket: each record's changes and whether it was cancelled,
    /// in the order the records were made. Comparable across runs (references and sequences are not).
    private static func holdings(_ backOffice: FakeBackOffice) -> [TicketNumber: [[String]]] {
        var result: [TicketNumber: [(String, [String])]] = [:]
        for order in backOffice.workOrders.values {
            let summary = order.actions.map(\.rawValue) + (order.isCancelled ? ["cancelled"] : [])
            result[order.ticket, default: []].append((order.reference, summary))
        }
        return result.mapValues { $0.sorted { $0.0 < $1.0 }.map(\.1) }
    }

    /// Runs one seeded script of center operations and outbox passes; with `faults`, the back
    /// office fails, drops answers and has an outage, and the outbox restarts now and then.
    private static func run(seed: UInt64, faults: Bool) async throws -> [TicketNumber: [[String]]] {
        let fixture = try await Fixtures.Center()
        let start = fixture.clock.now()
        var random = SplitMix64(seed: seed)
        let backOffice = try FakeBackOffice(
            clock: fixture.clock,
            failureRate: faults ? 0.3 : 0,
            fault: seed % 2 == 0 ? .before : .after,
            outages: faults ? [DateInterval(start: start.addingTimeInterval(300), duration: 400)] : [],
            seed: seed
        )
        var outbox = try await outbox(fixture, backOffice)
        var tickets: [TicketNumber] = []
        let center = fixture.center
        for _ in 0..<60 {
            let roll = random.next() % 100
            let ticket = tickets.isEmpty ? nil : tickets[Int(random.next() % UInt64(tickets.count))]
            // Refused moves (a transition the state does not allow) are refused alike in both runs.
            switch (roll, ticket) {
            case (0..<25, _), (_, nil): tickets.append(try await fixture.pothole())
            case (25..<35, let ticket?): _ = try? await center.accept(ticket, by: Self.supervisor)
            case (35..<45, let ticket?): _ = try? await center.start(ticket, by: Self.supervisor)
            case (45..<52, let ticket?): _ = try? await center.resolve(ticket, note: "Patched.", by: Self.supervisor)
            case (52..<58, let ticket?):
                _ = try? await center.reassign(ticket, to: "SWR", reason: "Sewer work.", by: Self.supervisor)
            case (58..<62, let ticket?):
                _ = try? await center.reassign(ticket, to: "DOT", reason: "Road work after all.", by: Self.supervisor)
            case (62..<66, let ticket?):
                _ = try? await center.close(ticket, reason: .cancelledByResident, note: "Withdrawn.", by: .system)
            case (66..<72, let ticket?):
                _ = try? await center.addNote(ticket, "Crew scheduled.", visibility: .public, by: Self.supervisor)
            case (72..<82, _):
                // Drawn in both runs, so the scripts stay the same.
                let restarts = random.next() % 3 == 0
                if faults, restarts { outbox = try await Self.outbox(fixture, backOffice) }
                try await outbox.deliverDue()
            default:
                try await outbox.deliverDue()
            }
            try fixture.clock.advance(by: 20)
        }
        try backOffice.setFailureRate(0)
        if fixture.clock.now() < start.addingTimeInterval(700) { try fixture.clock.set(start.addingTimeInterval(700)) }
        try await drain(outbox, clock: fixture.clock, limit: 2_000)
        #expect(await outbox.deadLetters.isEmpty, "seed \(seed)")
        #expect(backOffice.duplicateEffects == 0, "seed \(seed)")
        return holdings(backOffice)
    }

    /// For any interleaving of failures, lost answers, an outage and restarts, the back office
    /// ends holding exactly what a fault-free run gives it.
    @Test(arguments: 1...12 as ClosedRange<UInt64>)
    func everyInterleavingOfFaultsEndsInTheFaultFreeState(seed: UInt64) async throws {
        let clean = try await Self.run(seed: seed, faults: false)
        let faulty = try await Self.run(seed: seed, faults: true)
        #expect(!clean.isEmpty)
        #expect(faulty == clean, "seed \(seed)")
    }

    @Test func destinationsAndPoliciesRefuseBadValuesNamingTheField() throws {
        #expect(throws: ValidationError.self) { try OutboxDestination(name: "", departments: ["DOT"]) }
        #expect {
            try OutboxDestination(name: "public works", departments: ["DOT"])
        } throws: { ($0 as? ValidationError)?.field == "name" }
        #expect {
            try OutboxDestination(name: "pw", departments: [])
        } throws: { ($0 as? ValidationError)?.field == "departments" }
        #expect {
            try RetryPolicy(maximumAttempts: 0, initialDelay: 1, maximumDelay: 2, jitter: 0)
        } throws: { ($0 as? ValidationError)?.field == "maximumAttempts" }
        #expect {
            try RetryPolicy(maximumAttempts: 3, initialDelay: .nan, maximumDelay: 2, jitter: 0)
        } throws: { ($0 as? ValidationError)?.field == "initialDelay" }
        #expect {
            try RetryPolicy(maximumAttempts: 3, initialDelay: 5, maximumDelay: 2, jitter: 0)
        } throws: { ($0 as? ValidationError)?.field == "maximumDelay" }
        #expect {
            try RetryPolicy(maximumAttempts: 3, initialDelay: 1, maximumDelay: 2, jitter: 1.5)
        } throws: { ($0 as? ValidationError)?.field == "jitter" }
        let clock = try ManualWallClock(Fixtures.start)
        for rate in [-0.1, 1.5, .nan] {
            #expect {
                try FakeBackOffice(clock: clock, failureRate: rate)
            } throws: { ($0 as? ValidationError)?.field == "failureRate" }
        }
        let backOffice = try FakeBackOffice(clock: clock)
        #expect(throws: ValidationError.self) { try backOffice.setFailureRate(2) }
    }

    @Test func aPollIntervalThatIsNotPositiveIsRefused() async throws {
        let fixture = try await Fixtures.Center()
        let outbox = try await Self.outbox(fixture, try FakeBackOffice(clock: fixture.clock))
        for interval in [Duration.zero, .milliseconds(-5)] {
            await #expect {
                try await outbox.run(pollInterval: interval)
            } throws: { ($0 as? ValidationError)?.field == "pollInterval" }
        }
    }
}
