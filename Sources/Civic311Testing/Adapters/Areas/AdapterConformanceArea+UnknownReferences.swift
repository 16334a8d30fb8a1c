import Civic311

extension AdapterConformanceArea {
    /// An update or a cancellation for a record the back office does not hold (a reference it
    /// never issued, or none at all) throws `DeliveryError` with code `rejected`, every time it is
    /// sent, and creates nothing. Not `unavailable`, which the outbox retries until its attempts
    /// run out, and not an error of another type, which it counts as unavailable.
    public static let unknownReferences = AdapterConformanceArea("unknown references") { run, fixtures in
        // A back office that holds a record, so that "unknown" is not "empty".
        let (_, held) = run.open(&fixtures)
        _ = try await run.dispatch(held, "a dispatch before the unknown references")

        var (stranger, _) = run.open(&fixtures)
        let unknown = "conformance-unknown-\(stranger.ticket)"
        stranger.record(unknown, &fixtures)
        let update = stranger.update(.accept, &fixtures)
        await run.expectRejected(update, "an update for a reference the back office never issued")
        await run.expectRejected(update, "the same update sent again")
        let cancel = stranger.cancelByResident()
        await run.expectRejected(cancel, "a cancellation for a reference the back office never issued")
        try await run.expectNoRecord(unknown, "after refusing changes to a reference it never issued")

        var (undispatched, _) = run.open(&fixtures)
        await run.expectRejected(
            undispatched.update(.accept, &fixtures),
            "an update that names no reference"
        )
        await run.expectRejected(undispatched.cancelByResident(), "a cancellation that names no reference")
    }
}
