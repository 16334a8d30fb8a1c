import CCivic311SQLite
@_spi(Benchmarks) import Civic311
import Civic311SQLite
import Civic311Testing
import Foundation
import Testing

/// Bad files and bad surroundings give a typed `StorageError` and change nothing; nothing
/// crashes.
@Suite struct SQLiteFailureTests {
    @Test func aFileThatIsNotADatabaseIsCorrupted() async throws {
        try await withTemporaryDirectory { directory in
            var random = SplitMix64(seed: 11)
            let garbage = (0..<8192).map { _ in UInt8.random(in: 0...255, using: &random) }
            for (name, contents) in [
                ("random.sqlite", Data(garbage)),
                ("text.sqlite", Data(String(repeating: "not a database\n", count: 100).utf8)),
            ] {
                let path = "\(directory)/\(name)"
                _ = FileManager.default.createFile(atPath: path, contents: contents)
                let error = #expect(throws: StorageError.self) { try SQLiteRequestStore(path: path) }
                #expect(error?.code == .corrupted, "\(name): \(String(describing: error))")
                #expect(error?.cause?.system == "sqlite", "\(name): SQLite's own code is kept as the cause")
                #expect(error?.cause?.code.contains("(26)") == true, "\(name): SQLITE_NOTADB is 26")
                #expect(FileManager.default.contents(atPath: path) == contents, "\(name) was left as it was")
            }
        }
    }

    @Test func damagedPagesAreReportedAsCorrupted() async throws {
        try await withTemporaryDirectory { directory in
            let path = "\(directory)/damaged.sqlite"
            var fixtures = RequestFixtures(seed: 12)
            let store = try SQLiteRequestStore(path: path)
            let requests = try await store.open(batch: (0..<1500).map { _ in fixtures.opening() })
            store.close()
            // Overwrite every page after the first (which holds the header and schema) with noise.
            var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
            var random = SplitMix64(seed: 13)
            for index in 4096..<bytes.count where index % 4096 < 2048 {
                bytes[index] = UInt8.random(in: 0...255, using: &random)
            }
            try Data(bytes).write(to: URL(fileURLWithPath: path))

            let failure = await Self.firstFailure {
                let damaged = try SQLiteRequestStore(path: path)
                for request in requests { _ = try await damaged.request(request.ticket) }
                _ = try await damaged.requests(
                    matching: RequestQuery(order: .dueAscending),
                    page: PageRequest(limit: 1000)
                )
                try await damaged.checkIntegrity()
            }
            #expect(failure?.code == .corrupted, "\(String(describing: failure))")
        }
    }

    @Test func aTruncatedFileIsCorrupted() async throws {
        try await withTemporaryDirectory { directory in
            let path = "\(directory)/truncated.sqlite"
            var fixtures = RequestFixtures(seed: 14)
            let store = try SQLiteRequestStore(path: path)
            let requests = try await store.open(batch: (0..<800).map { _ in fixtures.opening() })
            store.close()
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
            let size = try handle.seekToEnd()
            try handle.truncate(atOffset: size / 2)
            try handle.close()
            let failure = await Self.firstFailure {
                let damaged = try SQLiteRequestStore(path: path)
                for request in requests.reversed() { _ = try await damaged.request(request.ticket) }
                try await damaged.checkIntegrity()
            }
            #expect(failure?.code == .corrupted, "\(String(describing: failure))")
        }
    }

    @Test func damagedRowsAreCorruptedAndNewerRowsIncompatible() async throws {
        try await withTemporaryDirectory { directory in
            let path = "\(directory)/rows.sqlite"
            var fixtures = RequestFixtures(seed: 15)
            let store = try SQLiteRequestStore(path: path)
            let (contact, opening) = fixtures.opening()
            let request = try await store.open(contact, request: opening)
            let raw = try RawDatabase(path)

            try raw.execute("UPDATE request SET snapshot = x'01ff7f' WHERE ticket = \(request.ticket.payload)")
            let snapshot = await #expect(throws: StorageError.self) { try await store.request(request.ticket) }
            #expect(snapshot?.code == .corrupted)
            #expect(snapshot?.ticket == request.ticket)
            let listing = await #expect(throws: StorageError.self) {
                try await store.requests(matching: RequestQuery(), page: .first)
            }
            #expect(listing?.code == .corrupted)

            try raw.execute("UPDATE event SET body = x'0100' WHERE ticket = \(request.ticket.payload)")
            let event = await #expect(throws: StorageError.self) { try await store.events(for: request.ticket) }
            #expect(event?.code == .corrupted)

            try raw.execute("UPDATE contact SET body = x'09' WHERE ticket = \(request.ticket.payload)")
            let damaged = await #expect(throws: StorageError.self) { try await store.contact(request.ticket) }
            #expect(damaged?.code == .corrupted)
            // A sound row from a newer library: its checksum holds, its format byte is unknown.
            try raw.execute(
                "UPDATE contact SET body = ?1 WHERE ticket = \(request.ticket.payload)",
                binding: SQLiteRequestStore.sealedBody([9, 1, 2], of: contact)
            )
            let newer = await #expect(throws: StorageError.self) { try await store.contact(request.ticket) }
            #expect(newer?.code == .incompatibleSchema)

            // An append to a request whose stored snapshot is damaged is refused, not guessed.
            let append = await #expect(throws: StorageError.self) {
                try await store.append([fixtures.note(on: request, text: "x")], expectedVersion: 1)
            }
            #expect(append?.code == .corrupted)
            #expect(
                try raw.value("SELECT count(*) FROM event WHERE ticket = \(request.ticket.payload)") == "1",
                "nothing was written"
            )
        }
    }

    @Test func aMissingDirectoryIsUnavailable() async throws {
        try await withTemporaryDirectory { directory in
            let error = #expect(throws: StorageError.self) {
                try SQLiteRequestStore(path: "\(directory)/no/such/dir/store.sqlite")
            }
            #expect(error?.code == .unavailable)
            #expect(error?.reason.contains("does not exist") == true, "\(String(describing: error))")
            #expect(!FileManager.default.fileExists(atPath: "\(directory)/no"), "nothing was created")
        }
    }

    @Test func aDirectoryInPlaceOfTheFileIsUnavailable() async throws {
        try await withTemporaryDirectory { directory in
            let path = "\(directory)/store.sqlite"
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
            let error = #expect(throws: StorageError.self) { try SQLiteRequestStore(path: path) }
            #expect(error?.code == .unavailable)
        }
    }

    @Test func cannotOpenErrorsFollowErrno() {
        let path = "/x/store.sqlite"
        // Extended codes are C macros that do not import: primary | (n << 8).
        let SQLITE_IOERR_WRITE = SQLITE_IOERR | (3 << 8)
        let SQLITE_IOERR_FSYNC = SQLITE_IOERR | (4 << 8)
        let SQLITE_READONLY_DBMOVED = SQLITE_READONLY | (4 << 8)
        let SQLITE_BUSY_SNAPSHOT = SQLITE_BUSY | (2 << 8)
        let SQLITE_CORRUPT_INDEX = SQLITE_CORRUPT | (3 << 8)
        let SQLITE_CONSTRAINT_UNIQUE = SQLITE_CONSTRAINT | (8 << 8)
        func code(_ result: Int32, _ errno: Int32) -> StorageError.Code {
            StorageError(sqlite: SQLiteResultCode(rawValue: result), message: "m", systemError: errno, path: path).code
        }
        #expect(code(SQLITE_CANTOPEN, EACCES) == .readOnly)
        #expect(code(SQLITE_CANTOPEN, EROFS) == .readOnly)
        #expect(code(SQLITE_CANTOPEN, ENOENT) == .unavailable)
        #expect(code(SQLITE_IOERR_WRITE, EROFS) == .readOnly)
        #expect(code(SQLITE_READONLY_DBMOVED, 0) == .readOnly)
        #expect(code(SQLITE_BUSY_SNAPSHOT, 0) == .busy)
        #expect(code(SQLITE_LOCKED, 0) == .busy)
        #expect(code(SQLITE_CORRUPT_INDEX, 0) == .corrupted)
        #expect(code(SQLITE_NOTADB, 0) == .corrupted)
        #expect(code(SQLITE_FULL, ENOSPC) == .unavailable)
        #expect(code(SQLITE_CONSTRAINT_UNIQUE, 0) == .duplicate)
        #expect(code(SQLITE_IOERR_FSYNC, EIO) == .unavailable)
    }

    @Test func aLockedDatabaseIsBusyAndNothingIsWritten() async throws {
        try await withTemporaryDirectory { directory in
            let path = "\(directory)/locked.sqlite"
            let store = try SQLiteRequestStore(
                path: path,
                configuration: SQLiteRequestStore.Configuration(busyTimeout: .milliseconds(50))
            )
            var fixtures = RequestFixtures(seed: 16)
            let (firstContact, firstOpening) = fixtures.opening()
            let first = try await store.open(firstContact, request: firstOpening)
            let other = try RawDatabase(path)
            try other.execute("BEGIN IMMEDIATE")
            let (contact, opening) = fixtures.opening()
            // The lock is never released while this waits, so returning at all means the store gave
            // up after its busy timeout (no test asserts a time: CI machines are loaded).
            let error = await #expect(throws: StorageError.self) { try await store.open(contact, request: opening) }
            #expect(error?.code == .busy)
            // Reads go on while another connection holds the write lock.
            #expect(try await store.request(first.ticket) == first)
            try other.execute("COMMIT")
            #expect(try await store.request(opening.ticket) == nil, "the refused write left nothing")
            #expect(
                try await store.open(contact, request: opening).ticket == opening.ticket,
                "it succeeds once the lock is free"
            )
        }
    }

    @Test func aDatabaseLockedExclusivelyAtOpeningIsBusy() async throws {
        try await withTemporaryDirectory { directory in
            let path = "\(directory)/exclusive.sqlite"
            try SQLiteRequestStore(path: path).close()
            let other = try RawDatabase(path)
            try other.execute("PRAGMA locking_mode = EXCLUSIVE; BEGIN EXCLUSIVE; SELECT count(*) FROM request;")
            let error = #expect(throws: StorageError.self) {
                try SQLiteRequestStore(
                    path: path,
                    configuration: SQLiteRequestStore.Configuration(busyTimeout: .milliseconds(50))
                )
            }
            #expect(error?.code == .busy, "\(String(describing: error))")
            try other.execute("COMMIT")
        }
    }

    /// The first `StorageError` `body` throws; any other error is recorded.
    static func firstFailure(_ body: () async throws -> Void) async -> StorageError? {
        do {
            try await body()
            return nil
        } catch let error as StorageError {
            return error
        } catch {
            Issue.record("expected a StorageError, got \(error)")
            return nil
        }
    }
}
