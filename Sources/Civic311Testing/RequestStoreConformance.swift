import Civic311
import Testing

/// The conformance check every `RequestStore` backend should pass, run from the backend's own
/// test target.
///
/// ```swift
/// import Civic311
/// import Civic311Testing
/// import Testing
///
/// @Suite struct MyStoreConformanceTests {
///     static let conformance = RequestStoreConformance { try await MyStore.temporary() }
///
///     @Test(arguments: ConformanceArea.all.filter { !$0.needsReopening })
///     func conformance(_ area: ConformanceArea) async {
///         await Self.conformance.check(area)
///     }
/// }
/// ```
///
/// The contract is checked in areas (``ConformanceArea``), listed in ``ConformanceArea/all``.
/// Every area starts from a new store made by `makeStore` and fills it with ``RequestFixtures``
/// derived from ``seed``; the store must start empty. Durable backends pass `reopen`, which
/// closes a store and opens the same backend again, and ``ConformanceArea/durability`` checks
/// that everything written survives.
///
/// The reference semantics are the core's: `RequestQuery.matches(_:)`, `RequestOrder`,
/// `ServiceRequest.replaying(_:)`, `ClientRequestKey`. Failures go to the kit's
/// ``ConformanceRecorder``: by default Swift Testing issues at the caller's source location,
/// each naming its area and what differed.
public struct RequestStoreConformance<Store: RequestStore>: Sendable {
    /// Makes a new, empty store.
    public typealias MakeStore = @Sendable () async throws -> Store
    /// Closes a store and opens the same backend (the same file, database…) again.
    public typealias Reopen = @Sendable (Store) async throws -> Store

    private let makeStore: MakeStore
    private let reopen: Reopen?
    private let recorder: ConformanceRecorder
    /// The seed the fixtures derive from.
    public let seed: UInt64

    /// - Parameters:
    ///   - seed: the seed for the fixtures; change it to explore other data.
    ///   - recorder: where failures go; by default, Swift Testing issues.
    ///   - makeStore: makes a new, empty store for each area.
    ///   - reopen: for durable backends, closes a store and reopens the same backend; without it
    ///     ``areas`` leaves out the areas that need it.
    public init(
        seed: UInt64 = 311,
        recorder: ConformanceRecorder = .issues,
        makeStore: @escaping MakeStore,
        reopen: Reopen? = nil
    ) {
        self.seed = seed
        self.recorder = recorder
        self.makeStore = makeStore
        self.reopen = reopen
    }

    /// The areas this kit can run: every area, less those that reopen the backend when no
    /// `reopen` closure was given.
    public var areas: [ConformanceArea] {
        ConformanceArea.all.filter { reopen != nil || !$0.needsReopening }
    }

    /// Runs every area of ``areas`` in turn.
    public func run(sourceLocation: SourceLocation = #_sourceLocation) async {
        for area in areas { await check(area, sourceLocation: sourceLocation) }
    }

    /// Runs one area: makes its store and fixtures, runs its checks, and reports what differs,
    /// and any unexpected error, to the recorder.
    public func check(_ area: ConformanceArea, sourceLocation: SourceLocation = #_sourceLocation) async {
        await check(area, recorder: recorder, sourceLocation: sourceLocation)
    }

    /// Runs `areas` (by default ``areas``) and returns what they found instead of reporting it:
    /// for testing the kit, or a backend's known faults, without printing anything.
    public func failures(
        in areas: [ConformanceArea]? = nil,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async -> [ConformanceFailure] {
        let log = ConformanceFailureLog()
        for area in areas ?? self.areas {
            await check(area, recorder: log.recorder, sourceLocation: sourceLocation)
        }
        return log.recorded
    }

    private func check(_ area: ConformanceArea, recorder: ConformanceRecorder, sourceLocation: SourceLocation) async {
        let check = ConformanceCheck(area: area, recorder: recorder, sourceLocation: sourceLocation)
        var reopenAny: ConformanceRun.Reopen?
        if let reopen {
            reopenAny = { store in
                guard let store = store as? Store else {
                    throw StorageError(.unavailable, reason: "the area reopened a store of another type")
                }
                return try await reopen(store)
            }
        } else if area.needsReopening {
            check.record(
                "this area needs a reopen closure: pass reopen: to RequestStoreConformance(makeStore:reopen:)"
            )
            return
        }
        let store: Store
        do {
            store = try await makeStore()
        } catch {
            check.record("makeStore failed: \(error)")
            return
        }
        let run = ConformanceRun(store: store, check: check, seed: seed, reopen: reopenAny)
        var fixtures = RequestFixtures(seed: RequestFixtures.seed(seed, salted: area.name))
        do {
            try await area.body(run, &fixtures)
        } catch {
            check.record("unexpected error: \(error)")
        }
    }
}
