import Civic311
import Testing

/// Every event is copied through intake, the change feed and every store, and kept in every
/// request's history, so its size is a property worth holding: a new change with a large
/// payload belongs in an `indirect` case (see ``RequestChange``).
@Suite struct RequestEventSizeTests {
    @Test func anEventStaysSmall() {
        #expect(MemoryLayout<RequestChange>.size <= 40, "a large payload went into a direct case")
        #expect(MemoryLayout<RequestEvent>.size <= 104)
    }
}
