// docs: begin sqlite-conformance
import Civic311
import Civic311SQLite
import Civic311Testing
import Foundation
import Testing

/// The SQLite store against the conformance kit, one area per test.
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

    @Test func createAndRead() async throws {
        try await withTemporaryDirectory { await Self.conformance(in: $0).checkCreateAndRead() }
    }
    @Test func append() async throws {
        try await withTemporaryDirectory { await Self.conformance(in: $0).checkAppend() }
    }
    @Test func concurrentAppends() async throws {
        try await withTemporaryDirectory { await Self.conformance(in: $0).checkConcurrentAppends() }
    }
    @Test func queryFilters() async throws {
        try await withTemporaryDirectory { await Self.conformance(in: $0).checkQueryFilters() }
    }
    @Test func ordering() async throws {
        try await withTemporaryDirectory { await Self.conformance(in: $0).checkOrdering() }
    }
    @Test func paginationDuringInserts() async throws {
        try await withTemporaryDirectory { await Self.conformance(in: $0).checkPaginationDuringInserts() }
    }
    @Test func counts() async throws {
        try await withTemporaryDirectory { await Self.conformance(in: $0).checkCounts() }
    }
    @Test func contacts() async throws {
        try await withTemporaryDirectory { await Self.conformance(in: $0).checkContacts() }
    }
    @Test func clientRequestIDs() async throws {
        try await withTemporaryDirectory { await Self.conformance(in: $0).checkClientRequestIDs() }
    }
    @Test func batchAtomicity() async throws {
        try await withTemporaryDirectory { await Self.conformance(in: $0).checkBatchAtomicity() }
    }
    @Test func textFidelity() async throws {
        try await withTemporaryDirectory { await Self.conformance(in: $0).checkTextFidelity() }
    }
    @Test func concurrentStress() async throws {
        try await withTemporaryDirectory { await Self.conformance(in: $0).checkConcurrentStress() }
    }
    @Test func changeFeed() async throws {
        try await withTemporaryDirectory { await Self.conformance(in: $0).checkChangeFeed() }
    }
    @Test func checkpoints() async throws {
        try await withTemporaryDirectory { await Self.conformance(in: $0).checkCheckpoints() }
    }
    @Test func concurrentChangeFeed() async throws {
        try await withTemporaryDirectory { await Self.conformance(in: $0).checkConcurrentChangeFeed() }
    }
    @Test func externalReferences() async throws {
        try await withTemporaryDirectory { await Self.conformance(in: $0).checkExternalReferences() }
    }
    @Test func durability() async throws {
        try await withTemporaryDirectory { await Self.conformance(in: $0).checkDurability() }
    }
}
// docs: end
