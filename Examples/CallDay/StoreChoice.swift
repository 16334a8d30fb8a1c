import Civic311
import Civic311SQLite
import Civic311Simulation

/// The request store chosen with `--store`.
enum StoreChoice {
    static func store(for choice: CallDayOptions.Store) throws -> any RequestStore {
        switch choice {
        case .memory:
            return InMemoryRequestStore()
        case .sqlite(let path):
            return try SQLiteRequestStore(path: path)
        }
    }
}
