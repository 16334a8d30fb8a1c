import Civic311
import Civic311Testing
import MinimalStore
import Testing

/// The minimal store of the backend article passes the kit: it is a specification that runs.
@Suite struct MinimalRequestStoreConformanceTests {
    static let conformance = RequestStoreConformance { MinimalRequestStore() }

    @Test(arguments: conformance.areas)
    func area(_ area: ConformanceArea) async { await Self.conformance.check(area) }
}
