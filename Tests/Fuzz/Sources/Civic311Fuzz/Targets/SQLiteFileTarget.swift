import Civic311
import Civic311SQLite
import Foundation

extension FuzzTarget {
    /// Store files as they might be found on disk (damaged, truncated, written by something else):
    /// a file the store refuses is left byte for byte as it was; a file it opens reads without a
    /// trap, and reads the same after closing and opening it again.
    static let sqliteFile = FuzzTarget(name: "sqlite-file") { data in
        let path = SQLiteScratchFile.path
        SQLiteScratchFile.reset(with: data)
        let store: SQLiteRequestStore
        do {
            store = try SQLiteRequestStore(path: path)
        } catch {
            PropertyCheck.expect(
                FileManager.default.contents(atPath: path) == data,
                "a refused store file is left as it was",
                "\(error)"
            )
            return
        }
        let first = waitFor { await StoreReading.summary(of: store) }
        store.close()
        let reopened: SQLiteRequestStore
        do {
            reopened = try SQLiteRequestStore(path: path)
        } catch {
            PropertyCheck.fail("a store file that opened once opens again", "\(error)")
        }
        let second = waitFor { await StoreReading.summary(of: reopened) }
        reopened.close()
        PropertyCheck.expect(first == second, "a store reads the same after reopening", "\(first)\n---\n\(second)")
    }
}

/// The one file the SQLite target writes, in a directory of this process's own.
enum SQLiteScratchFile {
    static let directory = FileManager.default.temporaryDirectory
        .appendingPathComponent("civic311-fuzz-\(ProcessInfo.processInfo.processIdentifier)").path

    static let path: String = {
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        return directory + "/store.sqlite"
    }()

    /// Replaces the file and its journal files by `data` alone.
    static func reset(with data: Data) {
        for suffix in ["", "-wal", "-shm", "-journal"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        guard FileManager.default.createFile(atPath: path, contents: data) else {
            PropertyCheck.fail("the scratch store file can be written", path)
        }
    }
}

/// Everything a store shows through the public protocol, as text, errors included.
enum StoreReading {
    static func summary(of store: SQLiteRequestStore) async -> String {
        var lines: [String] = []
        func note(_ label: String, _ work: () async throws(StorageError) -> String) async {
            do { lines.append("\(label): \(try await work())") } catch {
                lines.append("\(label) failed: \(error.code)")
            }
        }
        await note("integrity") { () throws(StorageError) in
            try await store.checkIntegrity()
            return "ok"
        }
        await note("requests") { () throws(StorageError) in "\(try await store.countRequests(matching: RequestQuery()))"
        }
        await note("contacts") { () throws(StorageError) in "\(try await store.countContacts(matching: ContactQuery()))"
        }
        await note("latest ticket") { () throws(StorageError) in
            "\(String(describing: try await store.latestTicket(issuedBy: 0)))"
        }
        guard let page = try? PageRequest(limit: 50) else { return lines.joined(separator: "\n") }
        do {
            for request in try await store.requests(matching: RequestQuery(), page: page).items {
                lines.append("request \(request.ticket) v\(request.version) \(request.state)")
                await note("events") { () throws(StorageError) in "\(try await store.events(for: request.ticket).count)"
                }
                await note("contact") { () throws(StorageError) in
                    "\(String(describing: try await store.contact(request.ticket)?.ticket))"
                }
            }
        } catch {
            lines.append("listing failed: \(error.code)")
        }
        return lines.joined(separator: "\n")
    }
}
