import Civic311
import Foundation

/// A store's file seen from the file system, before SQLite opens it: what is at the path,
/// whether the directory can hold the `-wal` and `-shm` files SQLite keeps beside it, and
/// creating a new store so that its path only ever names a complete one.
///
/// Every refusal here is a `StorageError` whose cause is the `errno` that decided it.
enum StoreFile {
    /// The smallest file SQLite could hold a database in: one page of the smallest size.
    static let smallestDatabase = 512

    /// What exists at a store's path.
    enum State: Equatable, Sendable {
        case missing
        case file(size: Int64)
    }

    /// What is at `path`, after checking that it names a file in a directory that exists.
    static func state(of path: String) throws(StorageError) -> State {
        guard !path.isEmpty, path != ":memory:", !path.hasPrefix("file:") else {
            throw StorageError(
                .unavailable,
                reason:
                    "'\(path)' is not a file path; the store needs a file its connections share (use InMemoryRequestStore for memory)"
            )
        }
        let folder = directory(of: path)
        var info = stat()
        guard stat(folder, &info) == 0 else {
            let code = errno
            throw StorageError(
                .unavailable,
                errno: code,
                reason: code == ENOENT || code == ENOTDIR
                    ? "the directory \(folder) for \(path) does not exist"
                    : "the directory \(folder) for \(path) cannot be used"
            )
        }
        guard info.st_mode & S_IFMT == S_IFDIR else {
            throw StorageError(
                .unavailable,
                errno: ENOTDIR,
                reason: "\(folder), the directory for \(path), is not a directory"
            )
        }
        guard stat(path, &info) == 0 else {
            let code = errno
            if code == ENOENT { return .missing }
            throw StorageError(.unavailable, errno: code, reason: "\(path) cannot be examined")
        }
        switch info.st_mode & S_IFMT {
        case S_IFREG:
            return .file(size: Int64(info.st_size))
        case S_IFDIR:
            throw StorageError(.unavailable, errno: EISDIR, reason: "\(path) is a directory, not a store file")
        default:
            throw StorageError(.unavailable, reason: "\(path) is not a regular file, so it cannot hold a store")
        }
    }

    /// Checks that `state` is a file that could hold a store: a store is never missing when it
    /// is opened, and never shorter than a database (a store cut short is not a new one).
    static func checkExisting(_ path: String, _ state: State) throws(StorageError) {
        switch state {
        case .missing:
            throw StorageError(
                .unavailable,
                errno: ENOENT,
                reason: "no store exists at \(path) (open it with mode .create or .openOrCreate to create one)"
            )
        case .file(let size) where size < smallestDatabase:
            throw StorageError(
                .corrupted,
                reason:
                    "\(path) is \(size) bytes long, shorter than any SQLite database: a store cut short or not a store at all; it was left as it was (to create a store, remove it or choose another path)"
            )
        case .file:
            return
        }
    }

    /// Checks that the store at `path` (or its creation there) can be written: its directory
    /// must take the `-wal` and `-shm` files, and an existing file must be writable.
    static func checkWritable(_ path: String, exists: Bool) throws(StorageError) {
        let folder = directory(of: path)
        guard access(folder, W_OK) == 0 else {
            let what = exists ? "its -wal and -shm files" : "\(path) and its -wal and -shm files"
            throw StorageError(
                .readOnly,
                errno: errno,
                reason:
                    "the directory \(folder) is not writable; the store needs to create \(what) there (to read an existing store where nothing writes it, open it with access .immutable)"
            )
        }
        guard !exists || access(path, W_OK) == 0 else {
            throw StorageError(
                .readOnly,
                errno: errno,
                reason: "\(path) is read-only; open it with access .readOnly (or .immutable) to read it"
            )
        }
    }

    /// Checks that a read-only connection can share the store's `-shm` file: it must exist
    /// (a writer has the store open) or the directory must let SQLite create it.
    static func checkShared(_ path: String) throws(StorageError) {
        guard access(path + "-shm", F_OK) != 0 else { return }
        let folder = directory(of: path)
        guard access(folder, W_OK) == 0 else {
            throw StorageError(
                .readOnly,
                errno: errno,
                reason:
                    "\(path) cannot be read beside writers: SQLite needs to create \(path)-shm, and the directory \(folder) is not writable; if nothing writes the store while it is open, open it with access .immutable"
            )
        }
    }

    /// Checks that an immutable connection, which ignores the `-wal` file, would miss nothing.
    static func checkImmutable(_ path: String) throws(StorageError) {
        var info = stat()
        guard stat(path + "-wal", &info) != 0 || info.st_size == 0 else {
            throw StorageError(
                .unavailable,
                reason:
                    "\(path)-wal holds commits that are not in \(path) yet, which an immutable store would not see; open the store read-write once (or read-only where \(path)-shm can be created) to fold them in"
            )
        }
    }

    /// Creates a store at `path`, which must not exist, with `build` on a connection to its new
    /// file; `false`, leaving nothing behind, when a file appeared at `path` meanwhile.
    ///
    /// The store is built whole in a hidden temporary file beside `path` and only then given
    /// its name, with `link(2)`, which never replaces an existing file. So `path` names a
    /// complete store or nothing: a crash during creation leaves no half-made store at `path`
    /// (only, at worst, a `.NAME.creating-…` file beside it), and an existing file is never
    /// overwritten, not even by two processes creating the same store at once.
    static func create(
        at path: String,
        busyTimeout: Duration,
        build: (SQLiteConnection) throws(StorageError) -> Void
    ) throws(StorageError) -> Bool {
        let folder = directory(of: path)
        let name = (path as NSString).lastPathComponent
        // Unique per attempt, so that creators never share a temporary file; the name decides
        // nothing, so its randomness needs no injectable source.
        var random = SystemRandomNumberGenerator()
        let temporary = "\(folder)/.\(name).creating-\(getpid())-\(String(random.next(), radix: 36))"
        defer {
            unlink(temporary)
            unlink(temporary + "-journal")
        }
        let connection = try SQLiteConnection(path: temporary, access: .create, busyTimeout: busyTimeout)
        do {
            try build(connection)
        } catch {
            connection.close()
            throw error
        }
        connection.close()
        guard link(temporary, path) == 0 else {
            let code = errno
            if code == EEXIST { return false }
            // A file system without hard links: rename, which replaces, after one more look.
            guard [EPERM, ENOTSUP, EOPNOTSUPP, EXDEV, EMLINK, ENOSYS].contains(code) else {
                throw StorageError(
                    [EACCES, EROFS].contains(code) ? .readOnly : .unavailable,
                    errno: code,
                    reason: "\(path) could not be created"
                )
            }
            guard access(path, F_OK) != 0 else { return false }
            guard rename(temporary, path) == 0 else {
                let code = errno
                throw StorageError(
                    [EACCES, EPERM, EROFS].contains(code) ? .readOnly : .unavailable,
                    errno: code,
                    reason: "\(path) could not be created"
                )
            }
            syncDirectory(folder)
            return true
        }
        syncDirectory(folder)
        return true
    }

    /// The directory that holds `path`.
    static func directory(of path: String) -> String {
        let folder = (path as NSString).deletingLastPathComponent
        return folder.isEmpty ? "." : folder
    }

    /// Makes the new name durable. Failure is ignored: some file systems cannot sync a
    /// directory, and the store's own commits are synced regardless.
    private static func syncDirectory(_ folder: String) {
        let descriptor = open(folder, O_RDONLY)
        guard descriptor >= 0 else { return }
        _ = fsync(descriptor)
        _ = close(descriptor)
    }
}
