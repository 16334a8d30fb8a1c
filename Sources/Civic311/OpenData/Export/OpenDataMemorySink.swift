import Synchronization

/// A sink that keeps every byte in memory: for tests and small exports. An export of millions
/// of rows belongs in an ``OpenDataFileSink``.
public final class OpenDataMemorySink: OpenDataSink {
    private let storage = Mutex<[UInt8]>([])

    public init() {}

    public func write(_ chunk: [UInt8]) async throws {
        storage.withLock { $0.append(contentsOf: chunk) }
    }

    /// Everything written so far.
    public var bytes: [UInt8] { storage.withLock { $0 } }

    /// Everything written so far, as text.
    public var text: String { String(decoding: bytes, as: UTF8.self) }
}
