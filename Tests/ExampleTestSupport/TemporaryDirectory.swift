import Foundation

/// A new, empty directory for a test's files; the test removes it with ``remove()``.
package struct TemporaryDirectory: Sendable {
    /// The directory.
    package let url: URL

    /// Creates a directory named after `purpose` and a fresh UUID.
    package init(_ purpose: String) throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("\(purpose)-\(UUID())")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    /// The path of `name` inside the directory.
    package func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    /// Removes the directory and everything in it.
    package func remove() { try? FileManager.default.removeItem(at: url) }
}
