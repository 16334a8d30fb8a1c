import Civic311
import Civic311SQLite

/// `--store memory|sqlite:PATH`: where an example keeps its requests, in memory by default.
///
/// One case per backend; a new backend adds a case, its prefix in ``init(parsing:)``, its line in
/// ``usage`` and its opening in ``open()``, and both examples take it.
package enum StoreOption: Sendable, Hashable {
    /// The in-memory store: gone when the program ends.
    case memory
    /// A SQLite database file, created when it does not exist.
    case sqlite(path: String)

    /// The value syntax, for usage texts.
    package static let usage = "memory|sqlite:PATH"

    /// Parses the value of `--store`.
    ///
    /// - Throws: `ValidationError` (field `--store`) for anything but `memory` or `sqlite:` with a
    ///   path.
    package init(parsing text: String) throws(ValidationError) {
        if text == "memory" {
            self = .memory
        } else if text.hasPrefix("sqlite:"), text.count > "sqlite:".count {
            self = .sqlite(path: String(text.dropFirst("sqlite:".count)))
        } else {
            throw ValidationError(.invalidValue, field: "--store", reason: "must be \(Self.usage), got \"\(text)\"")
        }
    }

    /// Opens the store.
    ///
    /// - Throws: `StorageError` when the backend cannot open it (a file that is not a database, a
    ///   database written by a newer version, a directory that cannot be written…).
    package func open() throws -> any RequestStore {
        switch self {
        case .memory:
            InMemoryRequestStore()
        case .sqlite(let path):
            try SQLiteRequestStore(path: path)
        }
    }
}
