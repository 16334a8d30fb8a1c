import Civic311
import Foundation

extension SQLiteRequestStore {
    /// How a store opens its database.
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

        /// Whether the store may write.
        public enum Access: Hashable, Sendable {
            /// Reads and writes; creates the file and migrates its schema as needed.
            case readWrite
            /// Reads only (a reporting process beside the writer); every write throws
            /// `StorageError.Code.readOnly`. The file must exist at the current schema version.
            case readOnly
        }

        /// The largest reader pool.
        public static let maximumReaders = 32

        /// When a command's changes are on disk; full by default.
        public let durability: Durability
        /// Whether the store may write.
        public let access: Access
        /// Connections for reads, which run in parallel with each other and with the writer.
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
