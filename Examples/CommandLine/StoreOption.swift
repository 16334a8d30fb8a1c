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
