import Civic311
import Civic311SQLite
import Civic311SampleCounty
import ExampleCommandLine
import ExampleTestSupport
import Foundation
import Testing

@testable import Lifecycle

@Suite struct LifecycleProgramTests {
    @Test func narrationMatchesItsGoldenFile() async throws {
        let transcript = Transcript()
        let status = await LifecycleProgram.run([], console: transcript.console)
        #expect(status == 0)
        #expect(transcript.errors.isEmpty)
        let mismatch = try GoldenFile("lifecycle.txt", besides: #filePath).mismatch(transcript.output)
        #expect(mismatch == nil, "\(mismatch ?? "")")
    }

    @Test func codableFormsMatchTheirGoldenFile() async throws {
        // The resident's view and the history of every request of the narrated day, as JSON: the
        // forms Documentation/PublicAPI.md promises integrators.
        let store = InMemoryRequestStore()
        try await LifecycleStory.tell(on: store, console: Transcript().console)
        let reader = try await ServiceCenter(
            jurisdiction: .sampleCounty,
            store: store,
            configuration: .init(node: 2, clock: try ManualWallClock(LifecycleStory.firstMorning))
        )
        struct Record: Encodable {
            let status: PublicServiceRequest
            let history: [RequestEvent]
        }
        var records: [Record] = []
        for request in try await store.requests(matching: RequestQuery(), page: .first).items {
            records.append(
                Record(
                    status: try await reader.status(of: request.ticket),
                    history: try await reader.history(of: request.ticket, by: .supervisor("auditor"))
                )
            )
        }
        #expect(records.count == 4)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        let json = String(decoding: try encoder.encode(records), as: UTF8.self) + "\n"
        let mismatch = try GoldenFile("codable-forms.json", besides: #filePath).mismatch(json)
        #expect(mismatch == nil, "\(mismatch ?? "")")
    }

    @Test func aFileThatIsNotADatabaseIsAMessageAndStatusOne() async throws {
        // It once died with "Fatal error: Error raised at top level" and a backtrace.
        let directory = try TemporaryDirectory("lifecycle")
        defer { directory.remove() }
        let path = directory.path("notes.txt")
        try Data(String(repeating: "not a database\n", count: 200).utf8).write(to: URL(fileURLWithPath: path))

        let transcript = Transcript()
        let status = await LifecycleProgram.run(["--store", "sqlite:\(path)"], console: transcript.console)
        #expect(status == 1)
        #expect(transcript.errors.hasPrefix("lifecycle: \(path) is damaged or is not a database"))
        #expect(transcript.output.isEmpty)

        let program = BuiltProgram("lifecycle")
        try #require(program.isBuilt, "\(program.url.path) is not built")
        let run = try program.run(["--store", "sqlite:\(path)"])
        #expect(run.exitedNormally && run.status == 1)
        #expect(!run.errors.contains("Fatal error"))
        #expect(run.errors == transcript.errors)
    }

    @Test func unknownArgumentsAreAUsageMistake() async throws {
        let transcript = Transcript()
        let status = await LifecycleProgram.run(["--stor", "memory"], console: transcript.console)
        #expect(status == 2)
        #expect(transcript.errors.contains("--stor: unknown option"))
        #expect(transcript.errors.contains(LifecycleProgram.usage))
        for arguments in [
            ["--store"], ["--store", "mysql:x"], ["--store", "postgres://localhost/civic311"], ["extra"],
        ] {
            #expect(await LifecycleProgram.run(arguments, console: Transcript().console) == 2, "\(arguments)")
        }
        let help = Transcript()
        #expect(await LifecycleProgram.run(["--help"], console: help.console) == 0)
        #expect(help.output == LifecycleProgram.usage + "\n")
    }

    @Test func aSecondDayOnTheSameStoreCarriesItsOwnTimes() async throws {
        // Run twice on one database, the second day's tickets once carried the first day's last time:
        // "8:55 AM" calls numbered as if issued at 5:50 PM.
        let directory = try TemporaryDirectory("lifecycle")
        defer { directory.remove() }
        let path = directory.path("center.sqlite")
        for run in 1...2 {
            let transcript = Transcript()
            #expect(await LifecycleProgram.run(["--store", "sqlite:\(path)"], console: transcript.console) == 0)
            #expect(transcript.errors.isEmpty)
            #expect(transcript.output.contains("This store already holds earlier days") == (run == 2))
        }
        let store = try SQLiteRequestStore(path: path)
        var page = try PageRequest(limit: PageRequest.maximumLimit)
        var contacts: [Contact] = []
        while true {
            let batch = try await store.contacts(matching: ContactQuery(), page: page)
            contacts += batch.items
            guard let next = batch.next else { break }
            page = try PageRequest(limit: PageRequest.maximumLimit, after: next)
        }
        #expect(contacts.count == 14)
        for contact in contacts {
            let received = contact.receivedAt.timeIntervalSince1970.rounded(.down)
            #expect(contact.ticket.issuedAt.timeIntervalSince1970 == received, "\(contact.ticket)")
        }
    }
}
