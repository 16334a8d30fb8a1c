// docs: begin in-memory-conformance
import Civic311
import Civic311Testing
import Testing

/// The reference store against the conformance kit: the kit's own baseline.
@Suite struct InMemoryRequestStoreConformanceTests {
    static let conformance = RequestStoreConformance { InMemoryRequestStore() }

    @Test(arguments: conformance.areas)
    func area(_ area: ConformanceArea) async { await Self.conformance.check(area) }
}
// docs: end
