import ExampleCommandLine
import ExampleTestSupport
import Foundation
import Testing

@testable import OpenData

@Suite struct OpenDataProgramTests {
    /// `../shared/data` beside the repository, when it is there (CI has it; a fresh clone may not).
    static let data: URL? = {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let data = root.deletingLastPathComponent().appendingPathComponent("shared/data")
        return FileManager.default.fileExists(atPath: data.path) ? data : nil
    }()

    @Test(.enabled(if: data != nil, "needs ../shared/data"))
    func tourMatchesItsGoldenFileAndWritesEveryRow() async throws {
        let output = try TemporaryDirectory("open-data")
        defer { output.remove() }
        let transcript = Transcript()
        let status = await OpenDataProgram.run(
            ["--data", try #require(Self.data).path, "--out", output.url.path],
            console: transcript.console
        )
        #expect(status == 0)
        #expect(transcript.errors.isEmpty, "\(transcript.errors)")
        let mismatch = try GoldenFile("open-data.txt", besides: #filePath).mismatch(transcript.output)
        #expect(mismatch == nil, "\(mismatch ?? "")")
        // Boston: the SDK's report and the city's flag agree on the rows where both judge a target.
        let boston = transcript.output.split(separator: "\n").filter { $0.contains("on time, the") }
        #expect(boston.count == 2)
        let shares = boston.map {
            $0.split(separator: ":")[1].split(separator: "%")[0].trimmingCharacters(in: .whitespaces)
        }
        #expect(shares.count == 2 && shares[0] == shares[1], "\(boston)")
        // Each export holds a header and as many records as the tour says it wrote.
        for line in transcript.output.split(separator: "\n") where line.contains("-open.csv") {
            let words = line.split(separator: " ")
            let name = String(words[0])
            let rows = try #require(Int(words[1]))
            let text = try String(contentsOf: output.url.appendingPathComponent(name), encoding: .utf8)
            #expect(text.hasPrefix("ticket,"), "\(name)")
            #expect(Self.records(text) == rows + 1, "\(name)")
        }
    }

    @Test func aMissingDataFolderFailsWithStatusOne() async {
        let transcript = Transcript()
        let status = await OpenDataProgram.run(["--data", "/nonexistent/civic311-data"], console: transcript.console)
        #expect(status == 1)
        #expect(transcript.errors.contains("cannot read the data folder /nonexistent/civic311-data"))
    }

    @Test func anEmptyCityFileFailsWithAMessageAndStatusOne() async throws {
        let data = try TemporaryDirectory("open-data-empty")
        defer { data.remove() }
        for name in ["boston311_x.csv", "chicago311_x.csv", "sf311_x.csv", "nyc311_x.csv"] {
            #expect(FileManager.default.createFile(atPath: data.path(name), contents: Data()))
        }
        let transcript = Transcript()
        let status = await OpenDataProgram.run(
            ["--data", data.url.path, "--out", data.path("out")],
            console: transcript.console
        )
        #expect(status == 1)
        #expect(transcript.errors.hasPrefix("open-data: "), "\(transcript.errors)")
        #expect(transcript.errors.contains("no header row"), "\(transcript.errors)")
        #expect(!transcript.errors.contains("Error("), "a message, not an error's dump: \(transcript.errors)")
    }

    @Test func anUnknownOptionIsAUsageErrorWithStatusTwo() async {
        let transcript = Transcript()
        #expect(await OpenDataProgram.run(["--store", "memory"], console: transcript.console) == 2)
        #expect(transcript.errors.contains("usage: open-data"))
    }

    /// The records of RFC 4180 text: line breaks outside quotes (CRLF ends each record).
    private static func records(_ text: String) -> Int {
        var inQuotes = false
        var count = 0
        for scalar in text.unicodeScalars {
            if scalar == "\"" { inQuotes.toggle() } else if scalar == "\n" && !inQuotes { count += 1 }
        }
        return count
    }
}
