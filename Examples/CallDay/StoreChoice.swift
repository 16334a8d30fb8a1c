import Civic311
import Civic311Simulation

// THE ONE PLACE TO PLUG IN THE SQLITE STORE. When the package gains a `Civic311SQLite` module and the
// CallDay target depends on it, `canImport` turns true and `--store sqlite:PATH` opens that store;
// until then the option is accepted and refused here with a clear message.
#if canImport(Civic311SQLite)
import Civic311SQLite
#endif

/// The request store chosen with `--store`.
enum StoreChoice {
    /// Why a chosen store cannot be opened.
    struct Unavailable: Error, CustomStringConvertible {
        let description: String
    }

    static func store(for choice: CallDayOptions.Store) throws -> any RequestStore {
        switch choice {
        case .memory:
            return InMemoryRequestStore()
        case .sqlite(let path):
            #if canImport(Civic311SQLite)
            return try SQLiteRequestStore(path: path)
            #else
            throw Unavailable(description: "sqlite store not available in this build (asked for \(path))")
            #endif
        }
    }
}
