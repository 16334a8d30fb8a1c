import Civic311
import Civic311Postgres
import Civic311SQLite

/// `--store memory|sqlite:PATH|postgres:URL`: where an example keeps its requests, in memory by
/// default.
///
/// One case per backend; a new backend adds a case, its prefix in ``init(parsing:)``, its line in
/// ``usage`` and its opening in ``open()``, and both examples take it.
package enum StoreOption: Sendable, Hashable {
    /// The in-memory store: gone when the program ends.
    case memory
    /// A SQLite database file, created when it does not exist.
    case sqlite(path: String)
    /// A PostgreSQL database, named by a libpq connection URI
    /// (`postgresql://user@/db?host=/socket/dir&port=N`) or `key=value` pairs; settings it
    /// leaves out come from the `PG*` environment variables, so an empty one uses them alone.
    case postgres(url: String)

    /// The value syntax, for usage texts.
    package static let usage = "memory|sqlite:PATH|postgres:URL"

    /// Parses the value of `--store`.
    ///
    /// The URL of `postgres:` is not checked here but when the store is opened, by libpq itself,
    /// which reports a bad one as a store failure.
    ///
    /// - Throws: `ValidationError` (field `--store`) for anything but `memory`, `sqlite:` with a
    ///   path or `postgres:` (with a URL, or none for the `PG*` environment variables), and for
    ///   `postgres://…`, a URL that lacks the `postgres:` in front.
    package init(parsing text: String) throws(ValidationError) {
        if text == "memory" {
            self = .memory
        } else if text.hasPrefix("sqlite:"), text.count > "sqlite:".count {
            self = .sqlite(path: String(text.dropFirst("sqlite:".count)))
        } else if text.hasPrefix("postgres:") {
            let url = String(text.dropFirst("postgres:".count))
            // `postgres://host/db` is a URI without the prefix, which libpq would misread.
            guard !url.hasPrefix("//") else {
                throw ValidationError(
                    .invalidValue,
                    field: "--store",
                    reason:
                        "write postgres: and then the whole URL, as in postgres:postgresql://host/db, got \"\(text)\""
                )
            }
            self = .postgres(url: url)
        } else {
            throw ValidationError(.invalidValue, field: "--store", reason: "must be \(Self.usage), got \"\(text)\"")
        }
    }

    /// Opens the store, and chooses the ticket node the program issues numbers from.
    ///
    /// A memory or SQLite store belongs to one process, which uses node ``OpenedStore/soleNode``.
    /// A PostgreSQL database may be shared by any number of processes at once, so each leases a
    /// free node from it at opening (`NodeAssignment.leased`), held until the process ends: two
    /// programs started at the same moment on one database get different nodes, and nobody has
    /// to hand them out.
    ///
    /// - Throws: `StorageError` when the backend cannot open it (a file that is not a database, a
    ///   database written by a newer version, a directory that cannot be written…), and
    ///   ``CommandFailure`` (failure) with the store's message and libpq's when a PostgreSQL
    ///   store cannot be opened (a URL libpq cannot read, a server that cannot be reached or
    ///   refuses the login, no free node…).
    package func open() throws -> OpenedStore {
        switch self {
        case .memory:
            return OpenedStore(store: InMemoryRequestStore(), node: OpenedStore.soleNode)
        case .sqlite(let path):
            return OpenedStore(store: try SQLiteRequestStore(path: path), node: OpenedStore.soleNode)
        case .postgres(let url):
            let store: PostgresRequestStore
            do throws(StorageError) {
                store = try PostgresRequestStore(connectionString: url)
            } catch {
                // The store's message is general ("the connection to the server failed"); libpq's,
                // kept as the cause, says which server and why.
                let detail = error.cause.map { cause in
                    ": "
                        + cause.message.split(whereSeparator: \.isNewline).map { $0.drop(while: \.isWhitespace) }
                        .joined(separator: " ")
                }
                throw CommandFailure(
                    .failure,
                    "the PostgreSQL store could not be opened: \(error.message)\(detail ?? "")"
                )
            }
            guard let node = store.node else {
                // The default configuration leases a node, so a store without one is a bug here.
                store.close()
                throw StorageError(.unavailable, reason: "the PostgreSQL store leased no ticket node")
            }
            return OpenedStore(store: store, node: node)
        }
    }
}

/// A store an example opened, with the ticket node its `ServiceCenter` issues numbers from.
package struct OpenedStore: Sendable {
    /// The node of a store only one process writes to (memory, SQLite): the examples' golden
    /// files carry its tickets.
    package static let soleNode = 1

    package let store: any RequestStore
    /// The ticket node: ``soleNode``, or the node leased from a shared database.
    package let node: Int
}

extension StoreOption {
    /// Reads the arguments of a program whose only option is `--store`: the store asked for, or
    /// `nil` when `--help` was asked for (the usage is then printed).
    ///
    /// - Throws: ``CommandFailure`` (usage) for an unknown option or a bad `--store` value.
    package static func parseOnly(
        _ arguments: [String],
        usage: String,
        console: Console
    ) throws(CommandFailure) -> StoreOption? {
        var store = StoreOption.memory
        do throws(ValidationError) {
            var reader = ArgumentReader(arguments)
            while let option = try reader.nextOption() {
                switch option {
                case "--store":
                    store = try StoreOption(parsing: try reader.value(for: option))
                case "--help", "-h":
                    console.print(usage)
                    return nil
                default:
                    throw ValidationError(.invalidValue, field: option, reason: "unknown option")
                }
            }
        } catch {
            throw CommandFailure.usage(error)
        }
        return store
    }
}
