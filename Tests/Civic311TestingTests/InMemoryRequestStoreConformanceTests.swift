// docs: begin in-memory-conformance
import Civic311
import Civic311Testing
import Testing

/// The reference store against the conformance kit: the kit's own baseline.
@Suite struct InMemoryRequestStoreConformanceTests {
    let conformance = RequestStoreConformance { InMemoryRequestStore() }

    @Test func createAndRead() async { await conformance.checkCreateAndRead() }
    @Test func append() async { await conformance.checkAppend() }
    @Test func concurrentAppends() async { await conformance.checkConcurrentAppends() }
    @Test func queryFilters() async { await conformance.checkQueryFilters() }
    @Test func ordering() async { await conformance.checkOrdering() }
    @Test func paginationDuringInserts() async { await conformance.checkPaginationDuringInserts() }
    @Test func counts() async { await conformance.checkCounts() }
    @Test func contacts() async { await conformance.checkContacts() }
    @Test func clientRequestIDs() async { await conformance.checkClientRequestIDs() }
    @Test func batchAtomicity() async { await conformance.checkBatchAtomicity() }
    @Test func textFidelity() async { await conformance.checkTextFidelity() }
    @Test func concurrentStress() async { await conformance.checkConcurrentStress() }
    @Test func changeFeed() async { await conformance.checkChangeFeed() }
    @Test func checkpoints() async { await conformance.checkCheckpoints() }
    @Test func concurrentChangeFeed() async { await conformance.checkConcurrentChangeFeed() }
    @Test func externalReferences() async { await conformance.checkExternalReferences() }
}
// docs: end
