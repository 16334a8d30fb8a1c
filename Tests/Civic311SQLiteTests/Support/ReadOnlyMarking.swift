import Foundation

/// Makes a file or directory unwritable for this process, and undoes it.
///
/// For an ordinary user, permissions do it (`chmod`). Root ignores permissions, so for root the
/// file system's immutable attribute (`chattr +i`) does it instead, where the file system has
/// one and the process may set it. ``unavailableReason`` says why neither works here.
enum ReadOnlyMarking {
    /// Why this process cannot make a path read-only, or `nil` when it can.
    static let unavailableReason: String? = {
        let probe = FileManager.default.temporaryDirectory.appendingPathComponent("civic311-ro-\(UUID().uuidString)")
            .path
        do {
            try FileManager.default.createDirectory(atPath: probe, withIntermediateDirectories: false)
        } catch {
            return "cannot create a probe directory: \(error)"
        }
        defer { try? FileManager.default.removeItem(atPath: probe) }
        do {
            try mark(probe)
        } catch {
            return "\(error)"
        }
        defer { try? unmark(probe) }
        let created = FileManager.default.createFile(atPath: "\(probe)/file", contents: Data())
        return created ? "marking a directory read-only did not stop this process (\(method))" : nil
    }()

    /// How paths are marked: by permissions, or for root by the immutable attribute.
    static var method: String { geteuid() == 0 ? "chattr +i (root ignores permissions)" : "chmod a-w" }

    static func mark(_ path: String) throws {
        if geteuid() == 0 {
            try chattr("+i", path)
        } else {
            var info = stat()
            guard stat(path, &info) == 0 else { throw MarkingError(message: "cannot stat \(path)") }
            let writable = mode_t(S_IWUSR | S_IWGRP | S_IWOTH)
            guard chmod(path, info.st_mode & ~writable) == 0 else {
                throw MarkingError(message: "chmod \(path) failed")
            }
        }
    }

    static func unmark(_ path: String) throws {
        if geteuid() == 0 {
            try chattr("-i", path)
        } else {
            var info = stat()
            guard stat(path, &info) == 0 else { throw MarkingError(message: "cannot stat \(path)") }
            guard chmod(path, info.st_mode | mode_t(S_IWUSR)) == 0 else {
                throw MarkingError(message: "chmod \(path) failed")
            }
        }
    }

    /// Runs `body` with `paths` read-only, and makes them writable again afterwards (else the
    /// temporary directory could not be removed).
    static func whileReadOnly<Result>(_ paths: [String], _ body: () async throws -> Result) async throws -> Result {
        var marked: [String] = []
        defer { for path in marked.reversed() { try? unmark(path) } }
        for path in paths {
            try mark(path)
            marked.append(path)
        }
        return try await body()
    }

    private static func chattr(_ flag: String, _ path: String) throws {
        let tool = ["/usr/bin/chattr", "/bin/chattr"].first { FileManager.default.isExecutableFile(atPath: $0) }
        guard let tool else { throw MarkingError(message: "root ignores permissions, and chattr is not installed") }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = [flag, path]
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw MarkingError(
                message:
                    "root ignores permissions, and chattr \(flag) failed (no immutable attribute on this file system, or no CAP_LINUX_IMMUTABLE)"
            )
        }
    }
}

struct MarkingError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}
