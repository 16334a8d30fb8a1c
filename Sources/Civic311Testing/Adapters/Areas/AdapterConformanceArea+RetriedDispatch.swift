import Civic311

extension AdapterConformanceArea {
    /// A dispatch retried with the same key answers the same reference and creates no second
    /// record: at once (an answer lost on the way back), and after an update took effect (an
    /// outbox restarted before its checkpoint moved past the dispatch, which delivers it again).
    public static let retriedDispatch = AdapterConformanceArea("retried dispatch") { run, fixtures in
        let check = run.check
        var (request, dispatch) = run.open(&fixtures)
        let reference = try await run.dispatch(dispatch, "the first dispatch")
        let retried = try await run.dispatch(dispatch, "the same dispatch retried")
        check.expect(
            retried == reference,
            "a dispatch retried with the same key (\(dispatch.key)) returned another reference: \(reference), then \(retried); the back office holds a record the outbox never learns of"
        )
        request.record(reference, &fixtures)
        let update = request.update(.accept, &fixtures)
        try await run.update(update, "an update after the dispatch")
        let late = try await run.dispatch(dispatch, "the dispatch delivered again after the update")
        check.expect(
            late == reference,
            "a dispatch retried with the same key (\(dispatch.key)) after an update returned another reference: \(reference), then \(late)"
        )
        try await run.expectRecord(
            reference,
            holds: [dispatch.key, update.key],
            cancelled: false,
            "after the dispatch was retried"
        )
    }
}
