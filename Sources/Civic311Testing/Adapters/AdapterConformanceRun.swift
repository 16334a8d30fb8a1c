import Civic311
import Testing

/// One run of one area: the adapter under test, the inspection of its back office, where failures
/// go, and the calls every area makes.
///
/// Calls retry `DeliveryError.Code.unavailable` at once, up to ``attempts`` times, as the outbox
/// retries it later: an adapter over a flaky sandbox still passes, and the checks see what a retry
/// leaves behind. Any other error stops the area, recorded with what the area was doing.
struct AdapterConformanceRun: Sendable {
    typealias Inspection = @Sendable (String) async throws -> BackOfficeRecordView?

    let adapter: any DepartmentAdapter
    let inspection: Inspection
    let check: AdapterConformanceCheck
    /// The destination name the kit's keys begin with: `conformance-SEED`, so that a new seed
    /// gives new keys.
    let destination: String

    /// Attempts at a call the adapter answers with `DeliveryError.Code.unavailable`.
    static let attempts = 5
    /// The longest reference the outbox can record (`ServiceCenter.addExternalReference(_:system:identifier:by:)`).
    static let maximumReferenceBytes = 256

    var system: String { adapter.system }

    /// A new request, and its dispatch.
    func open(_ fixtures: inout RequestFixtures) -> (ScriptedRequest, Delivery) {
        ScriptedRequest.open(&fixtures, system: system, destination: destination)
    }

    // MARK: Calls

    /// Dispatches `delivery` and returns the reference, which must be one the outbox can record.
    func dispatch(_ delivery: Delivery, _ what: String) async throws -> String {
        let reference = try await call(delivery, what) { try await adapter.dispatch(delivery) }
        if reference.isBlank {
            check.record(
                "\(what): dispatch(\(delivery.key)) answered a blank reference \"\(reference)\"; the outbox cannot record it and dead-letters the request"
            )
            throw AdapterAreaStopped()
        }
        if reference.utf8.count > Self.maximumReferenceBytes {
            check.record(
                "\(what): dispatch(\(delivery.key)) answered a reference of \(reference.utf8.count) bytes; the outbox records at most \(Self.maximumReferenceBytes)"
            )
            throw AdapterAreaStopped()
        }
        return reference
    }

    func update(_ delivery: Delivery, _ what: String) async throws {
        try await call(delivery, what) { try await adapter.update(delivery) }
    }

    func cancel(_ delivery: Delivery, _ what: String) async throws {
        try await call(delivery, what) { try await adapter.cancel(delivery) }
    }

    /// Makes the call the delivery's kind names, once, throwing what the adapter throws.
    static func deliver(_ delivery: Delivery, to adapter: any DepartmentAdapter) async throws {
        switch delivery.kind {
        case .dispatch: _ = try await adapter.dispatch(delivery)
        case .update: try await adapter.update(delivery)
        case .cancel: try await adapter.cancel(delivery)
        }
    }

    /// Expects the adapter to refuse `delivery` with `DeliveryError.Code.rejected`.
    func expectRejected(_ delivery: Delivery, _ what: String) async {
        let call = "\(what): \(delivery.kind)(\(delivery.key))"
        var unavailable: DeliveryError?
        for _ in 1...Self.attempts {
            do {
                try await Self.deliver(delivery, to: adapter)
                check.record("\(call): expected DeliveryError(rejected), but it succeeded")
                return
            } catch let error as DeliveryError where error.code == .unavailable {
                unavailable = error
            } catch let error as DeliveryError {
                check.expect(error.code == .rejected, "\(call): expected DeliveryError(rejected), got \(error)")
                return
            } catch {
                check.record(
                    "\(call): expected DeliveryError(rejected), got \(type(of: error)): \(error); the outbox counts any error but DeliveryError as unavailable, and retries what can never succeed"
                )
                return
            }
        }
        check.record(
            "\(call): expected DeliveryError(rejected), got \(unavailable.map { "\($0)" } ?? "nothing") on all \(Self.attempts) attempts; the outbox retries an unavailable back office until its attempts run out, where a refusal goes to an operator at once"
        )
    }

    /// Makes a call, retrying it while it is unavailable; stops the area when it fails otherwise.
    @discardableResult
    private func call<Answer>(
        _ delivery: Delivery,
        _ what: String,
        _ body: () async throws -> Answer
    ) async throws -> Answer {
        var unavailable: DeliveryError?
        for _ in 1...Self.attempts {
            do {
                return try await body()
            } catch let error as DeliveryError where error.code == .unavailable {
                unavailable = error
            } catch {
                check.record("\(what): \(delivery.kind)(\(delivery.key)) failed: \(Self.describe(error))")
                throw AdapterAreaStopped()
            }
        }
        check.record(
            "\(what): \(delivery.kind)(\(delivery.key)) was unavailable on all \(Self.attempts) attempts: \(unavailable.map { "\($0)" } ?? "")"
        )
        throw AdapterAreaStopped()
    }

    static func describe(_ error: any Error) -> String {
        error is DeliveryError ? "\(error)" : "\(type(of: error)): \(error)"
    }

    // MARK: The back office's side

    /// What the inspection reports for `reference`; stops the area when it throws.
    func inspect(_ reference: String, _ what: String) async throws -> BackOfficeRecordView? {
        do {
            return try await inspection(reference)
        } catch {
            check.record("\(what): the inspection of \(reference) failed: \(Self.describe(error))")
            throw AdapterAreaStopped()
        }
    }

    /// Expects the back office to hold a record under `reference` on which each of `keys` took
    /// effect exactly once, and nothing else, cancelled or not as `cancelled` says.
    func expectRecord(_ reference: String, holds keys: [String], cancelled: Bool, _ what: String) async throws {
        guard let record = try await inspect(reference, what) else {
            check.record("\(what): the back office holds no record under \(reference)")
            return
        }
        for key in keys {
            switch record.count(of: key) {
            case 1: break
            case 0: check.record("\(what): \(key) never took effect on \(reference)")
            case let count: check.record("\(what): \(key) took effect \(count) times on \(reference); expected once")
            }
        }
        let others = record.appliedKeys.filter { !keys.contains($0) }
        check.expect(
            others.isEmpty,
            "\(what): keys the kit did not deliver to \(reference) took effect on it: \(others)"
        )
        check.expect(
            record.isCancelled == cancelled,
            "\(what): the record \(reference) is \(record.isCancelled ? "cancelled" : "not cancelled")"
        )
    }

    /// Expects the back office to hold nothing under `reference`.
    func expectNoRecord(_ reference: String, _ what: String) async throws {
        let record = try await inspect(reference, what)
        check.expect(
            record == nil,
            "\(what): the back office holds a record under \(reference): \(record.map { "\($0)" } ?? "")"
        )
    }
}
