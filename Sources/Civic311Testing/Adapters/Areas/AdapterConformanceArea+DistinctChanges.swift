import Civic311

extension AdapterConformanceArea {
    /// Changes under different keys each take effect, though they are for the same request, of
    /// the same kind, or even alike (two notes with the same text): an adapter keeps keys, not
    /// requests or contents. A request that leaves the destination and comes back is dispatched
    /// again under a new key, and that dispatch takes effect too: the answer is an open record,
    /// a new one, or the former one reopened.
    public static let distinctChanges = AdapterConformanceArea("distinct changes") { run, fixtures in
        let check = run.check
        var (request, dispatch) = run.open(&fixtures)
        let reference = try await run.dispatch(dispatch, "the dispatch")
        request.record(reference, &fixtures)
        let updates = [
            request.update(.accept, &fixtures),
            request.note("Crew scheduled for Tuesday.", &fixtures),
            request.note("Crew scheduled for Tuesday.", &fixtures),
            request.update(.changePriority, &fixtures),
        ]
        for update in updates {
            try await run.update(update, "an update under a key of its own")
        }
        var delivered = [dispatch.key] + updates.map(\.key)
        try await run.expectRecord(
            reference,
            holds: delivered,
            cancelled: false,
            "after \(updates.count) updates of one request, each under its own key"
        )

        let home = request.request.department
        guard let away = fixtures.jurisdiction.departments.map(\.id).first(where: { $0 != home }) else {
            check.record("the fixtures' jurisdiction has one department: the kit cannot move a request away")
            return
        }
        let leaving = request.reassign(to: away, as: .cancel)
        try await run.cancel(leaving, "the cancellation when the request moved away")
        delivered.append(leaving.key)
        let returning = request.reassign(to: home, as: .dispatch)
        let again = try await run.dispatch(returning, "the dispatch under a new key when the request came back")
        request.record(again, &fixtures)
        let after = request.update(.accept, &fixtures)
        try await run.update(after, "an update after the request came back")
        if again == reference {
            try await run.expectRecord(
                reference,
                holds: delivered + [returning.key, after.key],
                cancelled: false,
                "after the request came back, to its former record"
            )
        } else {
            try await run.expectRecord(
                reference,
                holds: delivered,
                cancelled: true,
                "the former record, after the request came back"
            )
            try await run.expectRecord(
                again,
                holds: [returning.key, after.key],
                cancelled: false,
                "after the request came back, to a new record"
            )
        }
    }
}
