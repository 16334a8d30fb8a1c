import Foundation
import Testing

@_spi(Benchmarks) @testable import Civic311

@Suite struct CSVReaderTests {
    private func records(
        _ text: String,
        chunkSize: Int? = nil
    ) throws -> [(line: Int, fields: [String], malformed: Bool)] {
        var reader: CSVReader
        if let chunkSize {
            let url = FileManager.default.temporaryDirectory.appendingPathComponent("csv-\(UUID().uuidString).csv")
            try Data(text.utf8).write(to: url)
            defer { try? FileManager.default.removeItem(at: url) }
            reader = try CSVReader(fileAt: url, chunkSize: chunkSize)
            var result: [(line: Int, fields: [String], malformed: Bool)] = []
            while try reader.next() { result.append((reader.line, reader.fields, reader.malformation != nil)) }
            return result
        }
        reader = CSVReader(bytes: Array(text.utf8))
        var result: [(line: Int, fields: [String], malformed: Bool)] = []
        while try reader.next() { result.append((reader.line, reader.fields, reader.malformation != nil)) }
        return result
    }

    static let awkward =
        "\u{FEFF}id,text,note\r\n1,\"a, b\",plain\r\n2,\"line one\nline two\",\"say \"\"hi\"\"\"\r\n\r\n3,,\"\"\n4,x\"y,end\r5,last,"

    @Test func readsQuotesNewlinesCommasAndLineEnds() throws {
        let read = try records(Self.awkward)
        #expect(read.map(\.line) == [1, 2, 3, 6, 7, 8])
        #expect(read[0].fields == ["id", "text", "note"])
        #expect(read[1].fields == ["1", "a, b", "plain"])
        #expect(read[2].fields == ["2", "line one\nline two", "say \"hi\""])
        #expect(read[3].fields == ["3", "", ""])
        // A quote inside an unquoted field is text; a lone CR ends a line.
        #expect(read[4].fields == ["4", "x\"y", "end"])
        #expect(read[5].fields == ["5", "last", ""])
        #expect(read.allSatisfy { !$0.malformed })
    }

    @Test(arguments: [1, 2, 3, 5, 7, 64])
    func readsTheSameInAnyChunkSize(chunkSize: Int) throws {
        let whole = try records(Self.awkward)
        let chunked = try records(Self.awkward, chunkSize: chunkSize)
        #expect(chunked.map(\.line) == whole.map(\.line))
        #expect(chunked.map(\.fields) == whole.map(\.fields))
    }

    @Test func agreesWithAnIndependentParserOnGeneratedText() throws {
        var random = SplitMix64(seed: 311)
        let pieces = ["a", "b c", ",", "\"", "\n", "\r\n", "é", "x", ""]
        for _ in 0..<200 {
            var text = ""
            for row in 0..<Int(random.next() % 5 + 1) {
                if row > 0 { text += random.next() % 2 == 0 ? "\n" : "\r\n" }
                let fields = (0..<Int(random.next() % 4 + 1)).map { _ in
                    let value = (0..<Int(random.next() % 4)).map { _ in
                        pieces[Int(random.next() % UInt64(pieces.count))]
                    }
                    .joined()
                    return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
                }
                text += fields.joined(separator: ",")
            }
            let expected = ImportFixtures.parse(text)
            for chunkSize in [nil, 3] as [Int?] {
                let read = try records(text, chunkSize: chunkSize)
                #expect(read.map(\.fields) == expected.map(\.fields), "\(text.debugDescription)")
                #expect(read.map(\.line) == expected.map(\.line), "\(text.debugDescription)")
            }
        }
    }

    @Test func marksTextAfterAClosingQuoteAndAnUnclosedQuote() throws {
        let read = try records("a,\"b\"c,d\nnext,\"never closed\nstill")
        #expect(read.count == 2)
        #expect(read[0].malformed)
        #expect(read[0].fields == ["a", "bc", "d"])
        #expect(read[1].malformed)
        #expect(read[1].line == 2)
        #expect(read[1].fields == ["next", "never closed\nstill"])
        var reader = CSVReader(bytes: Array("x,\"open".utf8))
        #expect(try reader.next())
        #expect(reader.malformation == "a quoted field opened on line 1 is never closed")
    }

    @Test func refusesARecordLongerThanTheLimit() throws {
        var reader = CSVReader(
            bytes: Array(("ok\n\"" + String(repeating: "x", count: 200_000)).utf8),
            maximumRecordBytes: 1000
        )
        #expect(try reader.next())
        let error = #expect(throws: CSVError.self) { _ = try reader.next() }
        #expect(error?.code == .recordTooLong)
        #expect(error?.line == 2)
    }

    @Test func reportsAFileThatCannotBeOpened() {
        let error = #expect(throws: CSVError.self) {
            _ = try CSVReader(fileAt: URL(fileURLWithPath: "/nonexistent/civic311.csv"))
        }
        #expect(error?.code == .unreadable)
    }
}
