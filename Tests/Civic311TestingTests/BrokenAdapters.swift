import Civic311
import Civic311Testing
import Synchronization

// Adapters with one fault each, for proving that the adapter conformance kit catches it. Each is
// the faithful adapter below except for the call it gets wrong.

/// A back office in memory: records under references, and the answer given to each key.
final class Ledger: Sendable {
    struct State {
        var records: [String: BackOfficeRecordView] = [:]
        var answers: [String: String] = [:]
        var issued = 0

        /// Creates a record for a dispatch.
        mutating func create(_ delivery: Delivery) -> String {
            issued += 1
            let reference = "REC-\(issued)"
            records[reference] = BackOfficeRecordView(isCancelled: false, appliedKeys: [delivery.key])
            return reference
        }

        /// Applies an update or a cancellation to the record it names; refuses one it does not hold.
        mutating func apply(_ delivery: Delivery) throws(DeliveryError) -> String {
            guard let reference = delivery.reference?.identifier, records[reference] != nil else {
                throw DeliveryError(.rejected, message: "404 no record \(delivery.reference?.identifier ?? "(none)")")
            }
            records[reference]?.appliedKeys.append(delivery.key)
            if delivery.kind == .cancel { records[reference]?.isCancelled = true }
            return reference
        }
    }

    let state = Mutex(State())

    /// Runs `effect` the first time `key` is seen, and answers what it answered every time after.
    func once(_ key: String, _ effect: (inout State) throws(DeliveryError) -> String) throws(DeliveryError) -> String {
        try state.withLock { state throws(DeliveryError) -> String in
            if let answer = state.answers[key] { return answer }
            let answer = try effect(&state)
            state.answers[key] = answer
            return answer
        }
    }

    func answer(for key: String) -> String? { state.withLock { $0.answers[key] } }

    func view(_ reference: String) -> BackOfficeRecordView? { state.withLock { $0.records[reference] } }
}

/// An adapter over a ``Ledger``, faithful unless it overrides a call.
protocol LedgerAdapter: DepartmentAdapter {
    var ledger: Ledger { get }
}

extension LedgerAdapter {
    var system: String { "ledger" }

    func dispatch(_ delivery: Delivery) async throws -> String { try dispatchOnce(delivery) }
    func update(_ delivery: Delivery) async throws { try applyOnce(delivery) }
    func cancel(_ delivery: Delivery) async throws { try applyOnce(delivery) }

    func dispatchOnce(_ delivery: Delivery) throws(DeliveryError) -> String {
        try ledger.once(delivery.key) { $0.create(delivery) }
    }

    func applyOnce(_ delivery: Delivery) throws(DeliveryError) {
        _ = try ledger.once(delivery.key) { state throws(DeliveryError) in try state.apply(delivery) }
    }
}

/// No fault at all: the kit must pass it.
struct FaithfulAdapter: LedgerAdapter {
    let ledger = Ledger()
}

/// Creates a record on every dispatch, retries included: the back office fills with records the
/// outbox never learns of.
struct NewRecordOnEveryDispatch: LedgerAdapter {
    let ledger = Ledger()

    func dispatch(_ delivery: Delivery) async throws -> String { ledger.state.withLock { $0.create(delivery) } }
}

/// Keeps the keys of dispatches and cancellations, but applies every update it is sent.
struct AppliesRetriedUpdatesAgain: LedgerAdapter {
    let ledger = Ledger()

    func update(_ delivery: Delivery) async throws {
        _ = try ledger.state.withLock { state throws(DeliveryError) in try state.apply(delivery) }
    }
}

/// Takes the request, not the key, as what makes an update new: the second update of a request
/// is dropped as a retry of the first.
struct OneUpdatePerRequest: LedgerAdapter {
    let ledger = Ledger()

    func update(_ delivery: Delivery) async throws {
        _ = try ledger.once("update of \(delivery.request.ticket)") { state throws(DeliveryError) in
            try state.apply(delivery)
        }
    }
}

/// Turns every failure into unavailable (a catch-all around the HTTP call): a record the back
/// office does not hold is retried until the outbox's attempts run out.
struct UnknownReferencesAreUnavailable: LedgerAdapter {
    let ledger = Ledger()

    func update(_ delivery: Delivery) async throws {
        try unavailableInstead { () throws(DeliveryError) in try applyOnce(delivery) }
    }
    func cancel(_ delivery: Delivery) async throws {
        try unavailableInstead { () throws(DeliveryError) in try applyOnce(delivery) }
    }

    private func unavailableInstead(_ body: () throws(DeliveryError) -> Void) throws(DeliveryError) {
        do {
            try body()
        } catch {
            throw DeliveryError(.unavailable, message: "the back office answered: \(error.message)")
        }
    }
}

/// What an HTTP client throws for an answer it does not like.
struct HTTPStatusError: Error {
    let status: Int
}

/// Lets its HTTP client's errors through instead of saying what they mean for the outbox.
struct ThrowsItsOwnErrors: LedgerAdapter {
    let ledger = Ledger()

    func update(_ delivery: Delivery) async throws {
        try passingThrough { () throws(DeliveryError) in try applyOnce(delivery) }
    }
    func cancel(_ delivery: Delivery) async throws {
        try passingThrough { () throws(DeliveryError) in try applyOnce(delivery) }
    }

    private func passingThrough(_ body: () throws(DeliveryError) -> Void) throws(HTTPStatusError) {
        do {
            try body()
        } catch {
            throw HTTPStatusError(status: 404)
        }
    }
}

/// Looks the key up, waits on the back office, then creates or applies: calls with one key that
/// overlap all pass the look-up before any of them records its answer.
actor ChecksThenActs: LedgerAdapter {
    nonisolated let ledger = Ledger()

    func dispatch(_ delivery: Delivery) async throws -> String {
        if let answer = ledger.answer(for: delivery.key) { return answer }
        // The fault: another call with the same key looks it up while this one waits.
        try await Task.sleep(for: .milliseconds(50))
        return ledger.state.withLock { state in
            let reference = state.create(delivery)
            state.answers[delivery.key] = reference
            return reference
        }
    }

    func update(_ delivery: Delivery) async throws {
        if ledger.answer(for: delivery.key) != nil { return }
        try await Task.sleep(for: .milliseconds(50))
        try ledger.state.withLock { state throws(DeliveryError) in
            state.answers[delivery.key] = try state.apply(delivery)
        }
    }
}

/// Refuses every call, as a back office that rejects the adapter's credentials does.
struct RefusesEverything: LedgerAdapter {
    let ledger = Ledger()

    func dispatch(_ delivery: Delivery) async throws -> String {
        throw DeliveryError(.rejected, message: "422 refused")
    }
}

/// Answers a dispatch with the back office's empty identifier field.
struct AnswersBlankReferences: LedgerAdapter {
    let ledger = Ledger()

    func dispatch(_ delivery: Delivery) async throws -> String {
        _ = try dispatchOnce(delivery)
        return " "
    }
}
