extension SQLiteRequestStore {
    /// Whether opening a store may create its file.
    ///
    /// Only a path where nothing exists is ever created. An existing file is opened as a store
    /// or refused: a file that is empty, too short, damaged or not a Civic311 store is never
    /// taken for a new store and never written over. See <doc:SchemaAndMigrations>.
    public enum Mode: Hashable, Sendable {
        /// Creates a new, empty store. The path must not exist; when it does, opening throws
        /// `StorageError.Code.duplicate` and leaves the file alone.
        case create
        /// Opens the existing store at the path. When nothing exists there, opening throws
        /// `StorageError.Code.unavailable` (the cause is `ENOENT`).
        case open
        /// Opens the store at the path, or creates one when nothing exists there. The usual
        /// choice for a service that starts the same way on its first day and every later one.
        /// With read-only or immutable access it never creates, as ``open``.
        case openOrCreate
    }
}
