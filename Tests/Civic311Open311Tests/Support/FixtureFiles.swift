import Foundation

/// The fixture folders: this target's own, and the shared captures of real servers next to the
/// repository (absent on some machines, so tests that read them are skipped there).
enum FixtureFiles {
    static let own: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures")

    static let shared: URL? = {
        let repository = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let folder = repository.deletingLastPathComponent().appendingPathComponent("shared/fixtures/open311")
        return FileManager.default.fileExists(atPath: folder.path) ? folder : nil
    }()

    static func own(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: own.appendingPathComponent(name)))
    }

    static func shared(_ name: String) throws -> [UInt8] {
        guard let shared else { throw CocoaError(.fileNoSuchFile) }
        return Array(try Data(contentsOf: shared.appendingPathComponent(name)))
    }

    /// Every capture in the shared folder (not its notes).
    static func sharedNames() throws -> [String] {
        guard let shared else { return [] }
        return try FileManager.default.contentsOfDirectory(atPath: shared.path)
            .filter { $0.hasSuffix(".xml") || $0.hasSuffix(".json") }.sorted()
    }
}

/// `1994-11-05T13:15:30Z` as a date, for expectations.
func utc(_ text: String) -> Date {
    let style = Date.ISO8601FormatStyle(includingFractionalSeconds: text.contains("."))
    return (try? style.parse(text)) ?? Date(timeIntervalSince1970: .nan)
}
