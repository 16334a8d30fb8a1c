import Civic311
import Civic311SQLite
import Civic311Testing
import Foundation
import Testing

/// Creating a store and opening one are distinct: only a path where nothing exists is ever
/// created, and an existing file that is not a Civic311 store is refused, never emptied.
@Suite struct StoreFileTests {
    /// A store file cut to 0 or 1 bytes once opened as a new, empty store: everything gone,
    /// and no error.
    @Test(arguments: [0, 1, 99, 4095])
    func aTruncatedStoreIsRefusedNotEmptied(_ size: Int) async throws {
        try await withTemporaryDirectory { directory in
            let path = "\(directory)/center.sqlite"
            var fixtures = RequestFixtures(seed: 40)
            let store = try SQLiteRequestStore(path: path)
            _ = try await store.open(batch: (0..<20).map { _ in fixtures.opening() })
            store.close()
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
            try handle.truncate(atOffset: UInt64(size))
            try handle.close()
            let damaged = try Data(contentsOf: URL(fileURLWithPath: path))

            let error = #expect(throws: StorageError.self) { try SQLiteRequestStore(path: path) }
            #expect(error?.code == .corrupted, "\(String(describing: error))")
            #expect(error?.reason.contains(path) == true, "the message names the file: \(String(describing: error))")
            #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == damaged, "the file was left as it was")
        }
    }
}

extension StoreFileTests {
    @Test func failuresOfTheFileSystemKeepTheirErrno() async throws {
        try await withTemporaryDirectory { directory in
            let missing = #expect(throws: StorageError.self) {
                try SQLiteRequestStore(path: "\(directory)/no/such/store.sqlite")
            }
            #expect(missing?.code == .unavailable)
            #expect(
                missing?.cause == .init(system: "posix", code: "ENOENT", message: String(cString: strerror(ENOENT)))
            )

            let folder = "\(directory)/folder.sqlite"
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false)
            let isDirectory = #expect(throws: StorageError.self) { try SQLiteRequestStore(path: folder) }
            #expect(isDirectory?.code == .unavailable)
            #expect(isDirectory?.cause?.system == "posix", "\(String(describing: isDirectory))")
            #expect(isDirectory?.cause?.code == "EISDIR", "\(String(describing: isDirectory))")
        }
    }
}

// MARK: Modes

extension StoreFileTests {
    @Test func createRefusesAnExistingFileAndOpenAMissingOne() async throws {
        try await withTemporaryDirectory { directory in
            let path = "\(directory)/center.sqlite"
            let missing = #expect(throws: StorageError.self) { try SQLiteRequestStore(path: path, mode: .open) }
            #expect(missing?.code == .unavailable)
            #expect(missing?.cause?.code == "ENOENT", "\(String(describing: missing))")
            #expect(!FileManager.default.fileExists(atPath: path), "opening created nothing")

            var fixtures = RequestFixtures(seed: 51)
            let store = try SQLiteRequestStore(path: path, mode: .create)
            let (contact, opening) = fixtures.opening()
            let request = try await store.open(contact, request: opening)
            store.close()
            let before = try Data(contentsOf: URL(fileURLWithPath: path))

            let again = #expect(throws: StorageError.self) { try SQLiteRequestStore(path: path, mode: .create) }
            #expect(again?.code == .duplicate)
            #expect(again?.cause?.code == "EEXIST", "\(String(describing: again))")
            #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before, "the existing store was left alone")
            for mode in [SQLiteRequestStore.Mode.open, .openOrCreate] {
                #expect(try await SQLiteRequestStore(path: path, mode: mode).request(request.ticket) == request)
            }
        }
    }

    /// What an interrupted creation by an earlier library left: a database with no schema.
    @Test func anEmptyDatabaseIsNotTakenForANewStore() async throws {
        try await withTemporaryDirectory { directory in
            let path = "\(directory)/center.sqlite"
            let raw = try RawDatabase(path)
            try raw.execute("PRAGMA journal_mode = WAL")
            raw.close()
            let before = try Data(contentsOf: URL(fileURLWithPath: path))
            try #require(before.count >= 512)
            for mode in [SQLiteRequestStore.Mode.open, .openOrCreate] {
                let error = #expect(throws: StorageError.self) { try SQLiteRequestStore(path: path, mode: mode) }
                #expect(error?.code == .corrupted, "\(String(describing: error))")
            }
            #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
        }
    }

    @Test func readOnlyAccessNeverCreates() async throws {
        try await withTemporaryDirectory { directory in
            let path = "\(directory)/center.sqlite"
            for access in [SQLiteRequestStore.Configuration.Access.readOnly, .immutable] {
                let configuration = try SQLiteRequestStore.Configuration(access: access)
                let create = #expect(throws: StorageError.self) {
                    try SQLiteRequestStore(path: path, mode: .create, configuration: configuration)
                }
                #expect(create?.code == .readOnly, "\(access)")
                let open = #expect(throws: StorageError.self) {
                    try SQLiteRequestStore(path: path, mode: .openOrCreate, configuration: configuration)
                }
                #expect(open?.code == .unavailable, "\(access)")
                #expect(open?.cause?.code == "ENOENT", "\(access): \(String(describing: open))")
            }
            #expect(try FileManager.default.contentsOfDirectory(atPath: directory).isEmpty)
        }
    }

    /// Processes (here, tasks) that create the same store at once: one creates it, the others
    /// open it, and nothing is overwritten.
    @Test func concurrentCreationMakesOneStore() async throws {
        try await withTemporaryDirectory { directory in
            let path = "\(directory)/center.sqlite"
            let created = try await withThrowingTaskGroup(of: Bool.self) { group in
                for _ in 0..<6 {
                    group.addTask {
                        do {
                            try SQLiteRequestStore(path: path, mode: .create).close()
                            return true
                        } catch let error as StorageError where error.code == .duplicate {
                            return false
                        }
                    }
                }
                return try await group.reduce(0) { $0 + ($1 ? 1 : 0) }
            }
            #expect(created == 1)
            let stores = try await withThrowingTaskGroup(of: Int.self) { group in
                for index in 0..<6 {
                    group.addTask {
                        let store = try SQLiteRequestStore(path: "\(directory)/shared.sqlite")
                        var fixtures = RequestFixtures(seed: 60 + UInt64(index), node: index)
                        let (contact, opening) = fixtures.opening()
                        _ = try await store.open(contact, request: opening)
                        return 1
                    }
                }
                return try await group.reduce(0, +)
            }
            #expect(stores == 6)
            #expect(
                try await SQLiteRequestStore(path: "\(directory)/shared.sqlite").countRequests(matching: RequestQuery())
                    == 6
            )
            let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory).filter {
                $0.contains("creating")
            }
            #expect(leftovers.isEmpty, "no temporary file is left behind: \(leftovers)")
        }
    }
}

// MARK: Read-only

extension StoreFileTests {
    /// A store with a few requests in `directory`, closed; its requests.
    static func closedStore(at path: String, seed: UInt64) async throws -> [ServiceRequest] {
        var fixtures = RequestFixtures(seed: seed)
        let store = try SQLiteRequestStore(path: path)
        let requests = try await store.open(batch: (0..<5).map { _ in fixtures.opening() })
        store.close()
        return requests
    }

    @Test(.enabled(if: ReadOnlyMarking.unavailableReason == nil, "\(ReadOnlyMarking.unavailableReason ?? "")"))
    func aReadOnlyDirectoryGetsClearErrorsAndReadsImmutably() async throws {
        try await withTemporaryDirectory { parent in
            let directory = "\(parent)/stores"
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: false)
            let path = "\(directory)/center.sqlite"
            let requests = try await Self.closedStore(at: path, seed: 52)
            try await ReadOnlyMarking.whileReadOnly([directory]) {
                let expectedCause = geteuid() == 0 ? "EPERM" : "EACCES"
                for (mode, file) in [(SQLiteRequestStore.Mode.open, path), (.create, "\(directory)/new.sqlite")] {
                    let error = #expect(throws: StorageError.self) { try SQLiteRequestStore(path: file, mode: mode) }
                    #expect(error?.code == .readOnly, "\(mode): \(String(describing: error))")
                    #expect(error?.cause?.code == expectedCause, "\(mode): \(String(describing: error))")
                }
                // Read-only access needs the -shm file, which it cannot create here.
                let shared = #expect(throws: StorageError.self) {
                    try SQLiteRequestStore(
                        path: path,
                        configuration: SQLiteRequestStore.Configuration(access: .readOnly)
                    )
                }
                #expect(shared?.code == .readOnly)
                #expect(shared?.reason.contains(".immutable") == true, "\(String(describing: shared))")
                #expect(shared?.cause?.code == expectedCause)

                let store = try SQLiteRequestStore(
                    path: path,
                    configuration: SQLiteRequestStore.Configuration(access: .immutable)
                )
                for request in requests { #expect(try await store.request(request.ticket) == request) }
                try await store.checkIntegrity()
                var fixtures = RequestFixtures(seed: 53)
                let (contact, opening) = fixtures.opening()
                let write = await #expect(throws: StorageError.self) { try await store.open(contact, request: opening) }
                #expect(write?.code == .readOnly)
                store.close()
                #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == ["center.sqlite"])
            }
        }
    }

    @Test(.enabled(if: ReadOnlyMarking.unavailableReason == nil, "\(ReadOnlyMarking.unavailableReason ?? "")"))
    func aReadOnlyFileIsReadOnlyAndReadable() async throws {
        try await withTemporaryDirectory { directory in
            let path = "\(directory)/center.sqlite"
            let requests = try await Self.closedStore(at: path, seed: 54)
            try await ReadOnlyMarking.whileReadOnly([path]) {
                let error = #expect(throws: StorageError.self) { try SQLiteRequestStore(path: path) }
                #expect(error?.code == .readOnly, "\(String(describing: error))")
                #expect(error?.cause?.system == "posix", "\(String(describing: error))")
                for access in [SQLiteRequestStore.Configuration.Access.readOnly, .immutable] {
                    let store = try SQLiteRequestStore(path: path, configuration: .init(access: access))
                    #expect(try await store.request(requests[0].ticket) == requests[0], "\(access)")
                    store.close()
                }
            }
        }
    }

    @Test func immutableAccessRefusesALogWithCommitsNotYetInTheFile() async throws {
        try await withTemporaryDirectory { directory in
            let path = "\(directory)/center.sqlite"
            var fixtures = RequestFixtures(seed: 55)
            let writer = try SQLiteRequestStore(path: path)
            let (contact, opening) = fixtures.opening()
            let request = try await writer.open(contact, request: opening)
            let error = #expect(throws: StorageError.self) {
                try SQLiteRequestStore(path: path, configuration: .init(access: .immutable))
            }
            #expect(error?.code == .unavailable)
            #expect(error?.reason.contains("-wal") == true, "\(String(describing: error))")
            let reader = try SQLiteRequestStore(path: path, configuration: .init(access: .readOnly))
            #expect(try await reader.request(request.ticket) == request, "read-only access sees the log")
            // The last connection to close folds the log into the file, and only a writer can.
            reader.close()
            writer.close()
            #expect(
                try await SQLiteRequestStore(path: path, configuration: .init(access: .immutable)).request(
                    request.ticket
                )
                    == request,
                "once the log is folded in, immutable access reads it"
            )
        }
    }
}
