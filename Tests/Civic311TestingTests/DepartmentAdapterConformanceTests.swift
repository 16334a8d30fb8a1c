import Civic311
import Civic311Testing
import Testing

/// The adapter kit catches broken adapters: each adapter of `BrokenAdapters.swift` has one fault,
/// and the whole kit, run over it, must report that fault in the area meant to catch it, in words
/// that name it, and nowhere else. Failures are collected, not printed.
@Suite struct DepartmentAdapterConformanceTests {
    /// The kit over adapters made by `makeAdapter`, inspecting their ledgers.
    static func kit<Adapter: LedgerAdapter>(
        _ makeAdapter: @escaping @Sendable () -> Adapter
    ) -> DepartmentAdapterConformance<Adapter> {
        DepartmentAdapterConformance(makeAdapter: makeAdapter) { adapter, reference in adapter.ledger.view(reference) }
    }

    /// Expects `failures` to come from `area` and `others` alone, each of them reporting, and one
    /// failure of `area` to say `words`.
    static func expect(
        _ failures: [AdapterConformanceFailure],
        caughtBy area: AdapterConformanceArea,
        alsoBy others: Set<AdapterConformanceArea> = [],
        toSay words: String...,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let areas = Set(failures.map(\.area))
        #expect(areas == others.union([area]), "\(failures)", sourceLocation: sourceLocation)
        #expect(
            failures.contains { failure in failure.area == area && words.allSatisfy { failure.message.contains($0) } },
            "no failure of \(area) says \(words): \(failures.prefix(3).map(\.message))",
            sourceLocation: sourceLocation
        )
    }

    @Test func aFaithfulAdapterPasses() async {
        let failures = await Self.kit { FaithfulAdapter() }.failures()
        #expect(failures.isEmpty, "\(failures)")
    }

    @Test func theFakeBackOfficePassesThroughLostAnswersAndTimeouts() async throws {
        for fault in [FakeBackOffice.Fault.before, .after] {
            let clock = try RequestFixtures.makeClock()
            let kit = DepartmentAdapterConformance(seed: 12) {
                try FakeBackOffice(clock: clock, failureRate: 0.2, fault: fault, seed: 3)
            } inspect: { backOffice, reference in
                backOffice.recordView(for: reference)
            }
            let failures = await kit.failures()
            #expect(failures.isEmpty, "\(fault): \(failures)")
        }
    }

    @Test func areasSharingOneBackOfficeNeverShareAKey() async {
        let ledger = Ledger()
        let failures = await Self.kit { SharedLedger(ledger: ledger) }.failures()
        #expect(failures.isEmpty, "\(failures)")
    }

    @Test func catchesANewRecordOnEveryDispatch() async {
        let failures = await Self.kit { NewRecordOnEveryDispatch() }.failures()
        // Racing retries are retries: the concurrent area sees the fault too.
        Self.expect(
            failures,
            caughtBy: .retriedDispatch,
            alsoBy: [.concurrentRetries],
            toSay: "a dispatch retried with the same key",
            "returned another reference"
        )
        #expect(
            failures.contains { $0.area == .concurrentRetries && $0.message.contains("answered 9 references") },
            "\(failures)"
        )
    }

    @Test func catchesARetriedUpdateAppliedAgain() async {
        let failures = await Self.kit { AppliesRetriedUpdatesAgain() }.failures()
        Self.expect(
            failures,
            caughtBy: .retriedChanges,
            alsoBy: [.concurrentRetries],
            toSay: "after an update retried with the same key",
            "took effect 2 times on",
            "expected once"
        )
    }

    @Test func catchesASecondUpdateDroppedAsADuplicate() async {
        let failures = await Self.kit { OneUpdatePerRequest() }.failures()
        Self.expect(
            failures,
            caughtBy: .distinctChanges,
            toSay: "after 4 updates of one request, each under its own key",
            "never took effect"
        )
    }

    @Test func catchesAnUnknownReferenceReportedAsUnavailable() async {
        let failures = await Self.kit { UnknownReferencesAreUnavailable() }.failures()
        Self.expect(
            failures,
            caughtBy: .unknownReferences,
            toSay: "an update for a reference the back office never issued",
            "expected DeliveryError(rejected), got DeliveryError(unavailable)",
            "on all 5 attempts"
        )
    }

    @Test func catchesAnErrorThatIsNotADeliveryError() async {
        let failures = await Self.kit { ThrowsItsOwnErrors() }.failures()
        Self.expect(
            failures,
            caughtBy: .unknownReferences,
            toSay: "a cancellation that names no reference",
            "expected DeliveryError(rejected), got HTTPStatusError"
        )
    }

    @Test func catchesADispatchThatChecksThenCreates() async {
        let failures = await Self.kit { ChecksThenActs() }.failures()
        Self.expect(
            failures,
            caughtBy: .concurrentRetries,
            toSay: "the same dispatch sent by 8 tasks at once answered",
            "one record may be created"
        )
        #expect(
            failures.contains { $0.message.contains("after 8 tasks sent the same update at once") },
            "\(failures)"
        )
    }

    @Test func everyAreaStopsAtABlankReference() async {
        // Every area needs a reference to go on, and the outbox cannot record a blank one.
        let failures = await Self.kit { AnswersBlankReferences() }.failures()
        #expect(failures.map(\.area) == AdapterConformanceArea.all, "\(failures)")
        #expect(failures.allSatisfy { $0.message.contains("answered a blank reference") }, "\(failures)")
    }

    @Test func aRefusedCallStopsItsAreaWithWhatItWasDoing() async {
        let failures = await Self.kit { RefusesEverything() }.failures(in: [.retriedDispatch])
        #expect(failures.count == 1, "\(failures)")
        #expect(failures.first?.message.hasPrefix("the first dispatch: dispatch(conformance-311/") == true)
        #expect(failures.first?.message.hasSuffix("/1) failed: DeliveryError(rejected): 422 refused") == true)
    }
}

/// A faithful adapter over a ledger shared with others.
struct SharedLedger: LedgerAdapter {
    let ledger: Ledger
}
