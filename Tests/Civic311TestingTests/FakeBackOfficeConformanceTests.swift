// docs: begin fake-back-office-conformance
import Civic311
import Civic311Testing
import Testing

/// The fake back office against the adapter kit: the kit's own baseline.
@Suite struct FakeBackOfficeConformanceTests {
    static let conformance = DepartmentAdapterConformance {
        try FakeBackOffice(clock: try RequestFixtures.makeClock())
    } inspect: { backOffice, reference in
        backOffice.recordView(for: reference)
    }

    @Test(arguments: conformance.areas)
    func area(_ area: AdapterConformanceArea) async { await Self.conformance.check(area) }
}
// docs: end
