// docs: begin sqlite-conformance
import Civic311
import Civic311SQLite
import Civic311Testing
import Foundation
import Testing

/// The SQLite store against the conformance kit, one test per area.
@Suite struct SQLiteRequestStoreConformanceTests {
    /// The kit over stores in new files under `directory`; reopening closes the store and opens
    /// the same file again.
    static func conformance(in directory: String) -> RequestStoreConformance<SQLiteRequestStore> {
        RequestStoreConformance(
            makeStore: { try SQLiteRequestStore(path: "\(directory)/\(UUID().uuidString).sqlite") },
            reopen: { store in
                store.close()
                return try SQLiteRequestStore(path: store.path, configuration: store.configuration)
            }
        )
    }

    /// Every area of the kit, as the kit lists them: a new area runs here without an edit.
    @Test(arguments: ConformanceArea.all)
    func area(_ area: ConformanceArea) async throws {
        try await withTemporaryDirectory { await Self.conformance(in: $0).check(area) }
    }
}
// docs: end
