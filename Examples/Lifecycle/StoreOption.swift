import Civic311
import Civic311SQLite
import Foundation

/// `--store memory|sqlite:PATH`: where the day's requests are kept (in memory by default).
enum StoreOption {
    static let usage = "usage: lifecycle [--store memory|sqlite:PATH]"

    /// The store the arguments ask for; prints the usage and exits 2 on anything else.
    static func store(from arguments: [String]) throws -> any RequestStore {
        if arguments.isEmpty || arguments == ["--store", "memory"] { return InMemoryRequestStore() }
        if arguments.count == 2, arguments[0] == "--store", arguments[1].hasPrefix("sqlite:"),
            arguments[1].count > "sqlite:".count
        {
            return try SQLiteRequestStore(path: String(arguments[1].dropFirst("sqlite:".count)))
        }
        FileHandle.standardError.write(Data("lifecycle: unrecognised arguments \(arguments)\n\(usage)\n".utf8))
        exit(2)
    }
}
