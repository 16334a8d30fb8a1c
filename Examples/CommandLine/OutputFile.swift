import Foundation

/// A file an example writes at the end of its work, checked at the start so that a path that
/// cannot be written is reported before any work is done, and nothing is touched until then.
package struct OutputFile: Sendable {
    /// The path as given.
    package let path: String
    private let option: String

    /// Checks that `path` can be written: an existing regular file that may be written, or a new
    /// file in an existing directory that may be written.
    ///
    /// - Throws: ``CommandFailure`` (a failure, exit status 1) naming `option`, the path and the
    ///   reason.
    package init(path: String, option: String) throws(CommandFailure) {
        self.path = path
        self.option = option
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
            guard !isDirectory.boolValue else { throw failure("it is a directory") }
            guard access(path, W_OK) == 0 else { throw failure(String(cString: strerror(errno))) }
            return
        }
        let directory = (path as NSString).deletingLastPathComponent
        let parent = directory.isEmpty ? "." : directory
        guard FileManager.default.fileExists(atPath: parent, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw failure("there is no directory \(parent)")
        }
        guard access(parent, W_OK | X_OK) == 0 else {
            throw failure("the directory \(parent) cannot be written: \(String(cString: strerror(errno)))")
        }
    }

    /// Writes `text` as UTF-8, replacing the file.
    ///
    /// - Throws: ``CommandFailure`` when the system refuses the write (a full disk, for example).
    package func write(_ text: String) throws(CommandFailure) {
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw failure(error.localizedDescription)
        }
    }

    private func failure(_ reason: String) -> CommandFailure {
        CommandFailure(.failure, "\(option): cannot write \(path): \(reason)")
    }
}
