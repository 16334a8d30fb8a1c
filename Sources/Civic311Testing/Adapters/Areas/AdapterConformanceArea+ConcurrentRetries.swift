import Civic311

extension AdapterConformanceArea {
    /// The same dispatch, then the same update, sent by several tasks at once (a retry that
    /// overtakes a call still in flight) take effect once: every task that gets an answer gets the
    /// same reference, and one record holds each key once. A task may be told
    /// `DeliveryError.Code.unavailable` (a back office that answers 409 while the first call is
    /// in flight); a retry after the race must then succeed with the same answer.
    public static let concurrentRetries = AdapterConformanceArea("concurrent retries") { run, fixtures in
        let check = run.check
        var (request, dispatch) = run.open(&fixtures)
        let answers = await run.race(dispatch, "the same dispatch")
        let reference = try await run.dispatch(dispatch, "the dispatch retried after the race")
        let references = Set(answers.compactMap { $0 } + [reference])
        check.expect(
            references.count == 1,
            "the same dispatch sent by \(AdapterConformanceRun.racers) tasks at once answered \(references.count) references, \(references.sorted()); one record may be created"
        )
        request.record(reference, &fixtures)
        try await run.expectRecord(
            reference,
            holds: [dispatch.key],
            cancelled: false,
            "after \(AdapterConformanceRun.racers) tasks sent the same dispatch at once"
        )

        let update = request.update(.accept, &fixtures)
        _ = await run.race(update, "the same update")
        try await run.update(update, "the update retried after the race")
        try await run.expectRecord(
            reference,
            holds: [dispatch.key, update.key],
            cancelled: false,
            "after \(AdapterConformanceRun.racers) tasks sent the same update at once"
        )
    }
}

extension AdapterConformanceRun {
    /// Tasks in a race.
    static let racers = 8

    /// Sends `delivery` from ``racers`` tasks released at once; returns each task's reference for a
    /// dispatch (`nil` for another kind, or a task told unavailable). Any other error is recorded.
    func race(_ delivery: Delivery, _ what: String) async -> [String?] {
        let gate = StartingGate(parties: Self.racers)
        let adapter = adapter
        let outcomes = await withTaskGroup(of: Result<String?, any Error>.self) { group in
            for _ in 0..<Self.racers {
                group.addTask {
                    await gate.arrive()
                    do {
                        if delivery.kind == .dispatch { return .success(try await adapter.dispatch(delivery)) }
                        try await Self.deliver(delivery, to: adapter)
                        return .success(nil)
                    } catch {
                        return .failure(error)
                    }
                }
            }
            var outcomes: [Result<String?, any Error>] = []
            for await outcome in group { outcomes.append(outcome) }
            return outcomes
        }
        var answers: [String?] = []
        for outcome in outcomes {
            switch outcome {
            case .success(let answer):
                answers.append(answer)
            case .failure(let error as DeliveryError) where error.code == .unavailable:
                answers.append(nil)
            case .failure(let error):
                check.record(
                    "\(what) sent by \(Self.racers) tasks at once: \(delivery.kind)(\(delivery.key)) failed: \(Self.describe(error))"
                )
            }
        }
        return answers
    }
}
