import Civic311

extension AdapterConformanceArea {
    /// An update and a cancellation retried with the same key take effect once, at once and when
    /// a restarted outbox delivers both again after the cancellation; a retry succeeds as the
    /// first call did, even once the record is cancelled.
    public static let retriedChanges = AdapterConformanceArea("retried changes") { run, fixtures in
        var (request, dispatch) = run.open(&fixtures)
        let reference = try await run.dispatch(dispatch, "the dispatch")
        request.record(reference, &fixtures)

        let update = request.update(.accept, &fixtures)
        try await run.update(update, "an update")
        try await run.update(update, "the same update retried")
        try await run.expectRecord(
            reference,
            holds: [dispatch.key, update.key],
            cancelled: false,
            "after an update retried with the same key"
        )

        let cancel = request.cancelByResident()
        try await run.cancel(cancel, "a cancellation")
        try await run.cancel(cancel, "the same cancellation retried")
        try await run.expectRecord(
            reference,
            holds: [dispatch.key, update.key, cancel.key],
            cancelled: true,
            "after a cancellation retried with the same key"
        )

        try await run.update(update, "the update delivered again by a restarted outbox")
        try await run.cancel(cancel, "the cancellation delivered again by a restarted outbox")
        try await run.expectRecord(
            reference,
            holds: [dispatch.key, update.key, cancel.key],
            cancelled: true,
            "after a restarted outbox delivered the update and the cancellation again"
        )
    }
}
