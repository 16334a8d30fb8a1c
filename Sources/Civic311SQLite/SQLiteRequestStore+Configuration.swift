import Civic311
import Foundation

extension SQLiteRequestStore {
    /// How a store uses its database once open.
    public struct Configuration: Hashable, Sendable {
        /// When a command's changes are on disk.
        public enum Durability: Hashable, Sendable {
            /// `synchronous=FULL`: the write-ahead log is synced on every commit, so a command
            /// that returned survives a crash of the process, the operating system or the power.
            case full
            /// `synchronous=NORMAL`: commits survive a crash of the process; the most recent ones
            /// may be lost if the operating system or the power fails. Faster on slow disks.
            case normal
        }

        /// Whether the store may write, and whether anything else may while it is open.
        ///
        /// With write-ahead logging, readers and writers share two files beside the store:
        /// `-wal` (the log) and `-shm` (its index). Read-write and read-only access use them as
        /// SQLite always does; immutable access uses neither. See <doc:Durability>.
        public enum Access: Hashable, Sendable {
            /// Reads and writes, beside other readers and writers; migrates the schema as
            /// needed. The directory must be writable, for the `-wal` and `-shm` files.
            case readWrite
            /// Reads only, beside a writer that may be running (a reporting process next to the
            /// service): every read sees the latest commit, and every write throws
            /// `StorageError.Code.readOnly`. The file must exist at the current schema version,
            /// and its `-shm` file must exist already (a writer has the store open) or the
            /// directory must be writable so that it can be created; otherwise opening throws
            /// `StorageError.Code.readOnly` and points at ``immutable``.
            case readOnly
            /// Reads a store that nothing writes while it is open: a backup, an archived copy,
            /// a file on read-only media or in a directory this process cannot write. No lock is
            /// taken and no `-wal` or `-shm` file is used or created, so it works where
            /// ``readOnly`` cannot; every write throws `StorageError.Code.readOnly`. Opening
            /// refuses a store whose `-wal` file holds commits not yet in the file itself
            /// (`StorageError.Code.unavailable`): open it read-write once to fold them in.
            /// A change made to the file while it is open may go unseen or be reported as
            /// damage.
            case immutable
        }

        /// The largest reader pool.
        public static let maximumReaders = 32

        /// When a command's changes are on disk; full by default.
        public let durability: Durability
        /// Whether the store may write.
        public let access: Access
        /// Connections for reads, which run in parallel with each other and with the writer,
        /// each on a thread of its own. Lookups by ticket have a few more connections, which
        /// they use on the caller's thread (one per two cores, at most `readers`): see
        /// <doc:Threads>.
        public let readers: Int
        /// How long a command waits for another process's lock before throwing
        /// `StorageError.Code.busy`.
        public let busyTimeout: Duration
        /// How many bytes of the database file each reader maps into memory, so that reads
        /// copy nothing and make no system calls; 0 turns mapping off. Set it near the file's
        /// size for the fastest lookups. Mapping has one cost: if another process truncates
        /// the file while it is mapped, the operating system stops this process with `SIGBUS`
        /// instead of letting SQLite report an error.
        public let memoryMapSize: Int

        /// - Throws: `ValidationError` when `readers` is outside 1...``maximumReaders``, or
        ///   `busyTimeout` or `memoryMapSize` is negative.
        public init(
            durability: Durability = .full,
            access: Access = .readWrite,
            readers: Int = 4,
            busyTimeout: Duration = .seconds(5),
            memoryMapSize: Int = 1 << 30
        ) throws(ValidationError) {
            guard (1...Self.maximumReaders).contains(readers) else {
                throw ValidationError(
                    .outOfRange,
                    field: "readers",
                    reason: "must be between 1 and \(Self.maximumReaders), got \(readers)"
                )
            }
            guard busyTimeout >= .zero else {
                throw ValidationError(
                    .outOfRange,
                    field: "busyTimeout",
                    reason: "must not be negative, got \(busyTimeout)"
                )
            }
            guard memoryMapSize >= 0 else {
                throw ValidationError(
                    .outOfRange,
                    field: "memoryMapSize",
                    reason: "must not be negative, got \(memoryMapSize)"
                )
            }
            self.init(unchecked: durability, access, readers, busyTimeout, memoryMapSize)
        }

        private init(
            unchecked durability: Durability,
            _ access: Access,
            _ readers: Int,
            _ busyTimeout: Duration,
            _ memoryMapSize: Int
        ) {
            self.durability = durability
            self.access = access
            self.readers = readers
            self.busyTimeout = busyTimeout
            self.memoryMapSize = memoryMapSize
        }

        /// Full durability, read-write, four readers, a five-second busy timeout, up to 1 GiB of
        /// the file mapped per reader.
        public static let `default` = Configuration(unchecked: .full, .readWrite, 4, .seconds(5), 1 << 30)
    }
}
