import Foundation

/// A committed file that an output promised to be byte-stable must equal.
///
/// Golden files live in a `Golden/` folder beside the test that reads them. After a deliberate
/// change of the output, regenerate them and review the difference before committing:
///
///     CIVIC311_UPDATE_GOLDEN=1 swift test --filter GoldenFile
package struct GoldenFile: Sendable {
    /// The file's location.
    package let url: URL

    /// The golden file `name` in the `Golden/` folder beside `testFile` (pass `#filePath`).
    package init(_ name: String, besides testFile: String) {
        url = URL(fileURLWithPath: testFile).deletingLastPathComponent()
            .appendingPathComponent("Golden").appendingPathComponent(name)
    }

    /// Whether this run rewrites golden files instead of comparing with them.
    package static var isUpdating: Bool { ProcessInfo.processInfo.environment["CIVIC311_UPDATE_GOLDEN"] == "1" }

    /// Compares `actual` with the file, or rewrites the file when updating. Returns a description
    /// of the first difference, or `nil` when they are equal.
    package func mismatch(_ actual: String) throws -> String? {
        if Self.isUpdating {
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(),
                withIntermediateDirectories: true
            )
            try Data(actual.utf8).write(to: url)
            return nil
        }
        guard let data = FileManager.default.contents(atPath: url.path) else {
            return "\(url.path) is missing; create it with CIVIC311_UPDATE_GOLDEN=1 swift test --filter GoldenFile"
        }
        let expected = String(decoding: data, as: UTF8.self)
        guard expected != actual else { return nil }
        let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let actualLines = actual.split(separator: "\n", omittingEmptySubsequences: false)
        for (number, (wanted, got)) in zip(expectedLines, actualLines).enumerated() where wanted != got {
            return "\(url.lastPathComponent) line \(number + 1):\n  expected: \(wanted)\n  actual:   \(got)"
        }
        return "\(url.lastPathComponent): \(expectedLines.count) lines expected, \(actualLines.count) written"
    }
}
