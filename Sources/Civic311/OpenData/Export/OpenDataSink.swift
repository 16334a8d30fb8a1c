/// Where an ``OpenDataExport`` writes its bytes: a file, a socket, an upload, a buffer.
///
/// The export hands over UTF-8 in chunks of about ``OpenDataExport/chunkBytes`` (64 KiB by
/// default), in order, and reports a ``OpenDataExport/Position`` after each chunk the sink took
/// without throwing; a position therefore counts exactly the bytes the sink accepted. A sink that
/// throws stops the export; resume it from the last position reported.
public protocol OpenDataSink: Sendable {
    /// Takes the next chunk of the export.
    func write(_ chunk: [UInt8]) async throws
}

/// A sink that passes each chunk to a closure: for an upload, a socket, a compressor.
public struct OpenDataChunkSink: OpenDataSink {
    private let body: @Sendable ([UInt8]) async throws -> Void

    public init(_ body: @escaping @Sendable ([UInt8]) async throws -> Void) {
        self.body = body
    }

    public func write(_ chunk: [UInt8]) async throws { try await body(chunk) }
}
