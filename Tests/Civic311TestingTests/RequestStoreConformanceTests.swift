import Civic311
import Civic311Testing
import Foundation
import Synchronization
import Testing

/// The kit catches broken stores: each store below has one fault, and the area that covers it
/// must report that fault, in words that name it. Failures are collected, not printed.
@Suite struct RequestStoreConformanceTests {
    /// The failures `area` finds in stores made by `makeStore`.
    static func failures<Store: RequestStore>(
        of area: ConformanceArea,
        _ makeStore: @escaping @Sendable () -> Store,
        reopen: RequestStoreConformance<Store>.Reopen? = nil
    ) async -> [ConformanceFailure] {
        await RequestStoreConformance(makeStore: makeStore, reopen: reopen).failures(in: [area])
    }

    /// Expects `failures` to be found by `area` alone, and one of them to say `words`.
    static func expect(
        _ failures: [ConformanceFailure],
        in area: ConformanceArea,
        toSay words: String...,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        #expect(!failures.isEmpty, "the kit found nothing", sourceLocation: sourceLocation)
        #expect(failures.allSatisfy { $0.area == area }, "\(failures.map(\.area))", sourceLocation: sourceLocation)
        #expect(
            failures.contains { failure in words.allSatisfy { failure.message.contains($0) } },
            "no failure says \(words): \(failures.prefix(3).map(\.message))",
            sourceLocation: sourceLocation
        )
    }

    // MARK: The faults of issue 10

    @Test func catchesAnActorThatChecksSuspendsThenInserts() async {
        let failures = await Self.failures(of: .concurrentClientRequestIDs) { SuspendingActorStore() }
        Self.expect(
            failures,
            in: .concurrentClientRequestIDs,
            toSay: "simultaneous openings with one submitter's client request ID",
            "were stored; exactly one may be"
        )
    }

    @Test func catchesContactsSkippedWhenPagingOneAtATime() async {
        let failures = await Self.failures(of: .contacts) { ContactsInArrivalOrder() }
        Self.expect(failures, in: .contacts, toSay: "paging one at a time skipped", "out of ticket order by two nodes")
    }

    @Test func catchesTextStoredNormalised() async {
        let failures = await Self.failures(of: .textFidelity) { NormalisingStore() }
        Self.expect(failures, in: .textFidelity, toSay: "not spelled as written", "description")
        // Swift finds the normalised text equal, so only the spelling check sees it.
        #expect(failures.allSatisfy { $0.message.contains("not spelled as written") })
    }

    // MARK: The faults of issue 14

    @Test func catchesARedactionThatRecordsWithoutRewriting() async {
        let failures = await Self.failures(of: .personalDataRedaction) { RecordsRedactionsWithoutRewriting() }
        // It appends whatever it is given, so the first refusal the kit expects is where it shows.
        Self.expect(
            failures,
            in: .personalDataRedaction,
            toSay: "redactPersonalData naming other events than it rewrites",
            "but it succeeded"
        )
    }

    @Test func catchesAClientRequestIDKeptAfterErasure() async {
        let failures = await Self.failures(of: .personalDataRedaction) { KeepsErasedClientRequestIDs() }
        Self.expect(
            failures,
            in: .personalDataRedaction,
            toSay: "request(clientRequestKey) of a client request ID whose resident was erased"
        )
    }

    // MARK: Faults the kit caught before

    @Test func catchesGlobalClientRequestIDs() async {
        let failures = await Self.failures(of: .clientRequestIDs) { GlobalClientRequestIDs() }
        Self.expect(failures, in: .clientRequestIDs, toSay: "client request IDs are unique per submitter")
    }

    @Test func catchesAnIgnoredDepartmentFilter() async {
        let failures = await Self.failures(of: .queryFilters) { IgnoresDepartments() }
        Self.expect(failures, in: .queryFilters, toSay: "tickets listed for query", "departments:")
    }

    @Test func catchesAWrongDescendingOrder() async {
        let failures = await Self.failures(of: .ordering) { AscendingOnly() }
        Self.expect(failures, in: .ordering, toSay: "ticketDescending listed by")
    }

    @Test func catchesOffByOneCounts() async {
        let failures = await Self.failures(of: .counts) { CountsOneTooMany() }
        Self.expect(failures, in: .counts, toSay: "countRequests")
    }

    @Test func catchesANonAtomicBatch() async {
        let failures = await Self.failures(of: .batchAtomicity) { NonAtomicBatch() }
        Self.expect(failures, in: .batchAtomicity, toSay: "a batch with", "stored a request")
    }

    @Test func catchesABatchOfAppendsThatStopsAtTheFirstRefusal() async {
        let failures = await Self.failures(of: .batchAppends) { BatchStopsAtFirstRefusal() }
        Self.expect(failures, in: .batchAppends, toSay: "append(batch:)")
    }

    @Test func catchesStaleWritesThatAreNotConflicts() async {
        let failures = await Self.failures(of: .append) { NoVersionCheck() }
        Self.expect(
            failures,
            in: .append,
            toSay: "append with an expectedVersion",
            "expected StorageError(conflict), but it succeeded"
        )
    }

    // docs: begin broken-store-test
    @Test func catchesLostClientRequestIDs() async {
        let kit = RequestStoreConformance { ForgetsClientRequestIDs() }
        let failures = await kit.failures(in: [.clientRequestIDs])
        #expect(failures.contains { $0.message.contains("request(_:) by client request key: expected") })
    }
    // docs: end

    @Test func catchesDatesRoundedToSeconds() async {
        let failures = await Self.failures(of: .createAndRead) { EventDatesToSeconds() }
        Self.expect(failures, in: .createAndRead, toSay: "events(for:", "recordedAt")
    }

    @Test func catchesAStoreThatForgetsOnReopening() async {
        // Reopening gives a new, empty store.
        let failures = await Self.failures(
            of: .durability,
            { InMemoryRequestStore() },
            reopen: { _ in InMemoryRequestStore() }
        )
        Self.expect(failures, in: .durability, toSay: "after reopening")
    }

    // MARK: The faults of issue 11: the change feed, checkpoints and external references

    @Test func catchesAFeedThatSkipsAppendedEvents() async {
        let failures = await Self.failures(of: .changeFeed) { FeedSkipsAppendedEvents() }
        Self.expect(failures, in: .changeFeed, toSay: "the feed in pages of 1: expected", "entries")
    }

    @Test func catchesAFeedThatIsCaughtUpOnlyOnShortPages() async {
        let failures = await Self.failures(of: .changeFeed) { CaughtUpOnlyWhenShort() }
        Self.expect(failures, in: .changeFeed, toSay: "a page that ends exactly at the last entry is caught up")
    }

    @Test func catchesAFeedThatReadsPastItsEnd() async {
        let failures = await Self.failures(of: .changeFeed) { ReadsPastTheEnd() }
        Self.expect(failures, in: .changeFeed, toSay: "past the last entry")
    }

    @Test func catchesPositionsGivenOutOfCommitOrder() async {
        let failures = await Self.failures(of: .concurrentChangeFeed) { PositionsOutOfCommitOrder() }
        Self.expect(failures, in: .concurrentChangeFeed, toSay: "saw while the writers wrote")
    }

    @Test func catchesACheckpointThatMovesBack() async {
        let failures = await Self.failures(of: .checkpoints) { CheckpointMovesBack() }
        Self.expect(
            failures,
            in: .checkpoints,
            toSay: "a checkpoint moved back without expected",
            "expected StorageError(conflict), but it succeeded"
        )
    }

    @Test func catchesCheckpointsLostOnReopening() async {
        let failures = await Self.failures(
            of: .feedDurability,
            { CheckpointsInMemoryOnly(base: InMemoryRequestStore()) },
            reopen: { CheckpointsInMemoryOnly(base: $0.base) }
        )
        Self.expect(failures, in: .feedDurability, toSay: "a checkpoint after reopening")
    }

    @Test func catchesAFeedLostOnReopening() async {
        // Reopening keeps the requests but numbers the feed from scratch, with nothing in it.
        let failures = await Self.failures(
            of: .feedDurability,
            { FeedLostOnReopening(base: InMemoryRequestStore(), lostUpTo: .start) },
            reopen: { try await FeedLostOnReopening.reopening($0) }
        )
        Self.expect(failures, in: .feedDurability, toSay: "the feed, with its positions, after reopening")
    }

    @Test func catchesFormerExternalReferencesThatAreForgotten() async {
        let failures = await Self.failures(of: .externalReferences) { ForgetsFormerReferences() }
        Self.expect(failures, in: .externalReferences, toSay: "the old key after re-keying")
    }

    @Test func catchesNearbyRequestsThatAreNoLongerOpen() async {
        let failures = await Self.failures(of: .nearbyRequests) { NearbyIgnoresState() }
        Self.expect(failures, in: .nearbyRequests, toSay: "after finishing a third: nearbyOpenRequests around")
    }

    @Test func durabilityWithoutAReopenClosureIsAFailure() async {
        let failures = await Self.failures(of: .durability) { InMemoryRequestStore() }
        Self.expect(failures, in: .durability, toSay: "needs a reopen closure")
    }

    // MARK: The kit itself

    @Test func aFaithfulWrapperPassesEveryArea() async {
        let store = RequestStoreConformance(
            makeStore: { Faithful() },
            reopen: { $0 }
        )
        #expect(store.areas == ConformanceArea.all)
        let failures = await store.failures()
        #expect(failures.isEmpty, "\(failures.prefix(3))")
    }

    @Test func areasAreTheListRunRuns() {
        #expect(Set(ConformanceArea.all.map(\.name)).count == ConformanceArea.all.count, "area names are unique")
        let volatile = RequestStoreConformance { InMemoryRequestStore() }
        #expect(volatile.areas == ConformanceArea.all.filter { !$0.needsReopening })
    }

    @Test func anInjectedRecorderReceivesTheFailures() async {
        let log = Log()
        let kit = RequestStoreConformance(recorder: ConformanceRecorder { log.add($0) }) { CountsOneTooMany() }
        await kit.check(.counts)
        #expect(!log.failures.isEmpty)
        #expect(log.failures.allSatisfy { $0.area == .counts && $0.description.hasPrefix("[counts] ") })
        #expect(log.failures.first?.sourceLocation.fileName == "RequestStoreConformanceTests.swift")
    }
}

/// Failures collected by a recorder.
private final class Log: Sendable {
    private let recorded = Mutex<[ConformanceFailure]>([])
    func add(_ failure: ConformanceFailure) { recorded.withLock { $0.append(failure) } }
    var failures: [ConformanceFailure] { recorded.withLock { $0 } }
}
