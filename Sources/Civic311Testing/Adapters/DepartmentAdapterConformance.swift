import Civic311
import Synchronization
import Testing

/// The conformance check every `DepartmentAdapter` should pass, run from the adapter's own test
/// target.
///
/// The kit calls the adapter as a `DepartmentOutbox` does (dispatches, updates and
/// cancellations of requests made with ``RequestFixtures``, under keys of the outbox's form,
/// retried and raced) and reads the back office's side through `inspect`, which the adapter's
/// author writes: given an adapter and a reference, what the back office holds under it, as a
/// ``BackOfficeRecordView``, or `nil` when it holds nothing.
///
/// The contract is checked in areas (``AdapterConformanceArea``), listed in
/// ``AdapterConformanceArea/all``. Every area starts from a new adapter made by `makeAdapter`.
/// The adapters may share one back office, since each area delivers requests of its own, under
/// keys of the form `conformance-SEED/TICKET/SEQUENCE`; those keys repeat from run to run, so a
/// back office that keeps its records and keys between runs (a shared sandbox) needs a new
/// ``seed`` for each run, or a reset. A call the adapter answers with
/// `DeliveryError.Code.unavailable` is retried at once, a few times, as the outbox would retry it
/// later.
///
/// Failures are Swift Testing issues at the caller's source location, each naming its area and
/// what the adapter did; ``failures(in:sourceLocation:)`` returns them instead.
public struct DepartmentAdapterConformance<Adapter: DepartmentAdapter>: Sendable {
    /// Makes the adapter under test.
    public typealias MakeAdapter = @Sendable () async throws -> Adapter
    /// What the adapter's back office holds under a reference; `nil` when it holds no such record.
    public typealias Inspect = @Sendable (Adapter, String) async throws -> BackOfficeRecordView?

    private let makeAdapter: MakeAdapter
    private let inspect: Inspect
    /// The seed the requests derive from.
    public let seed: UInt64

    /// - Parameters:
    ///   - seed: the seed for the requests; change it to run the checks over other tickets.
    ///   - makeAdapter: makes an adapter for each area.
    ///   - inspect: reads what the adapter's back office holds under a reference.
    public init(seed: UInt64 = 311, makeAdapter: @escaping MakeAdapter, inspect: @escaping Inspect) {
        self.seed = seed
        self.makeAdapter = makeAdapter
        self.inspect = inspect
    }

    /// The areas this kit runs: every area.
    public var areas: [AdapterConformanceArea] { AdapterConformanceArea.all }

    /// Runs every area of ``areas`` in turn.
    public func run(sourceLocation: SourceLocation = #_sourceLocation) async {
        for area in areas { await check(area, sourceLocation: sourceLocation) }
    }

    /// Runs one area: makes its adapter, runs its checks, and records what the adapter did wrong,
    /// and any unexpected error, as Swift Testing issues.
    public func check(_ area: AdapterConformanceArea, sourceLocation: SourceLocation = #_sourceLocation) async {
        await check(area, report: AdapterConformanceCheck.issues, sourceLocation: sourceLocation)
    }

    /// Runs `areas` (by default ``areas``) and returns what they found instead of reporting it:
    /// for testing the kit, or an adapter's known faults, without printing anything.
    public func failures(
        in areas: [AdapterConformanceArea]? = nil,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async -> [AdapterConformanceFailure] {
        let log = FailureLog()
        for area in areas ?? self.areas {
            await check(area, report: log.append, sourceLocation: sourceLocation)
        }
        return log.failures
    }

    private func check(
        _ area: AdapterConformanceArea,
        report: @escaping @Sendable (AdapterConformanceFailure) -> Void,
        sourceLocation: SourceLocation
    ) async {
        let check = AdapterConformanceCheck(area: area, report: report, sourceLocation: sourceLocation)
        let adapter: Adapter
        do {
            adapter = try await makeAdapter()
        } catch {
            check.record("makeAdapter failed: \(AdapterConformanceRun.describe(error))")
            return
        }
        let inspect = inspect
        let run = AdapterConformanceRun(
            adapter: adapter,
            inspection: { reference in try await inspect(adapter, reference) },
            check: check,
            destination: "conformance-\(seed)"
        )
        // Each area issues tickets on a node of its own, so that areas sharing a back office
        // never send the same key.
        let node = AdapterConformanceArea.all.firstIndex(of: area).map { $0 + 1 } ?? 0
        var fixtures = RequestFixtures(seed: RequestFixtures.seed(seed, salted: area.name), node: node)
        do {
            try await area.body(run, &fixtures)
        } catch is AdapterAreaStopped {
            // Recorded where it stopped.
        } catch {
            check.record("unexpected error: \(AdapterConformanceRun.describe(error))")
        }
    }
}

/// Failures kept in memory, in the order they were recorded.
private final class FailureLog: Sendable {
    private let recorded = Mutex<[AdapterConformanceFailure]>([])

    @Sendable func append(_ failure: AdapterConformanceFailure) { recorded.withLock { $0.append(failure) } }

    var failures: [AdapterConformanceFailure] { recorded.withLock { $0 } }
}
