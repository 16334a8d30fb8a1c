import Foundation
import Synchronization

/// A sink that writes an export to a file, and can take up an interrupted one where its last
/// reported position left it.
///
/// ```
/// let sink = try OpenDataFileSink(creating: url)             // a new export
/// let sink = try OpenDataFileSink(resuming: url, at: saved)  // after an interruption
/// ```
///
/// Resuming cuts the file back to the position's byte count, so a chunk that was being written
/// when the export stopped (and that no saved position counts) is written again, once. Bytes are
/// handed to the operating system as each chunk arrives; call ``synchronize()`` before you rely on
/// them surviving a power cut.
public final class OpenDataFileSink: OpenDataSink {
    private let handle: Mutex<FileHandle>
    /// The file's path, for messages.
    public let url: URL

    /// Creates the file, or empties it if it exists.
    ///
    /// - Throws: ``OpenDataExportError`` with code ``OpenDataExportError/Code/sinkFailed`` when
    ///   the file cannot be created or opened for writing.
    public init(creating url: URL) throws(OpenDataExportError) {
        self.url = url
        guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
            throw OpenDataExportError(.sinkFailed, field: "url", reason: "cannot create \(url.path)")
        }
        handle = Mutex(try Self.open(url))
    }

    /// Opens the file of an interrupted export and cuts it back to `position`'s byte count.
    ///
    /// - Throws: ``OpenDataExportError`` with code ``OpenDataExportError/Code/positionMismatch``
    ///   when the file is shorter than `position` says was written (it is not the file that
    ///   export wrote, or it lost bytes since), or ``OpenDataExportError/Code/sinkFailed`` when it
    ///   cannot be opened or cut.
    public init(resuming url: URL, at position: OpenDataExport.Position) throws(OpenDataExportError) {
        self.url = url
        let file = try Self.open(url)
        do {
            let size = try file.seekToEnd()
            guard size >= UInt64(position.bytes) else {
                throw OpenDataExportError(
                    .positionMismatch,
                    field: "position.bytes",
                    reason: "\(url.path) holds \(size) bytes, fewer than the \(position.bytes) the position counts"
                )
            }
            try file.truncate(atOffset: UInt64(position.bytes))
            try file.seek(toOffset: UInt64(position.bytes))
        } catch let error as OpenDataExportError {
            throw error
        } catch {
            throw OpenDataExportError(.sinkFailed, field: "url", reason: "cannot resume \(url.path): \(error)")
        }
        handle = Mutex(file)
    }

    private static func open(_ url: URL) throws(OpenDataExportError) -> FileHandle {
        do {
            return try FileHandle(forWritingTo: url)
        } catch {
            throw OpenDataExportError(.sinkFailed, field: "url", reason: "cannot open \(url.path): \(error)")
        }
    }

    /// Appends the chunk to the file.
    ///
    /// - Throws: ``OpenDataExportError`` with code ``OpenDataExportError/Code/sinkFailed``.
    public func write(_ chunk: [UInt8]) async throws {
        try handle.withLock { (file: inout FileHandle) throws(OpenDataExportError) in
            do {
                try file.write(contentsOf: chunk)
            } catch {
                throw OpenDataExportError(.sinkFailed, field: "url", reason: "cannot write to \(url.path): \(error)")
            }
        }
    }

    /// Makes what was written durable (`fsync`).
    ///
    /// - Throws: ``OpenDataExportError`` with code ``OpenDataExportError/Code/sinkFailed``.
    public func synchronize() throws(OpenDataExportError) {
        try handle.withLock { (file: inout FileHandle) throws(OpenDataExportError) in
            do {
                try file.synchronize()
            } catch {
                throw OpenDataExportError(.sinkFailed, field: "url", reason: "cannot synchronize \(url.path): \(error)")
            }
        }
    }

    deinit {
        handle.withLock { try? $0.close() }
    }
}
