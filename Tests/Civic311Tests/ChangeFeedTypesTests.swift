import Civic311
import Foundation
import Testing

@Suite struct ChangeFeedTypesTests {
    @Test func positionsAreNeverNegative() throws {
        #expect(FeedPosition(rawValue: -1) == nil)
        #expect(FeedPosition(rawValue: 0) == .start)
        #expect(try #require(FeedPosition(rawValue: 7)) > .start)
        let encoded = try JSONEncoder().encode([FeedPosition(rawValue: 42)])
        #expect(String(decoding: encoded, as: UTF8.self) == "[42]")
        #expect(try JSONDecoder().decode([FeedPosition].self, from: encoded) == [FeedPosition(rawValue: 42)])
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([FeedPosition].self, from: Data("[-3]".utf8)) }
    }

    @Test func aPageContinuesFromItsLastEntryOrFromWhereItWasAsked() throws {
        let asked = try #require(FeedPosition(rawValue: 10))
        #expect(FeedPage(entries: [], after: asked, isCaughtUp: true).next == asked)
        let contact = Contact(
            ticket: try TicketNumber(day: 1, secondOfDay: 1, node: 1, sequence: 1),
            channel: .phone,
            receivedAt: FoundationFixtures.start,
            agent: nil,
            callType: .generalInformation(article: "KB-HOURS")
        )
        let entry = FeedEntry(position: try #require(FeedPosition(rawValue: 12)), change: .contact(contact))
        let page = FeedPage(entries: [entry], after: asked, isCaughtUp: false)
        #expect(page.next == entry.position)
        #expect(entry.ticket == contact.ticket)
    }

    @Test(arguments: [Int.min, -1, 0, 1_001, Int.max])
    func pageLimitsOutsideTheRangeAreRefused(limit: Int) async throws {
        #expect(throws: StorageError.self) { try FeedPage.validate(limit: limit) }
        let refused = await #expect(throws: StorageError.self) {
            _ = try await InMemoryRequestStore().changes(after: .start, limit: limit)
        }
        #expect(refused?.code == .invalidArgument)
        #expect(refused?.reason.hasPrefix("limit:") == true)
    }

    @Test func consumerNamesAreCheckedEverywhere() async throws {
        let store = InMemoryRequestStore()
        for bad: FeedConsumerID in ["", "  \n", FeedConsumerID(String(repeating: "x", count: 129))] {
            let read = await #expect(throws: StorageError.self) { _ = try await store.checkpoint(of: bad) }
            #expect(read?.code == .invalidArgument)
            let saved = await #expect(throws: StorageError.self) {
                try await store.saveCheckpoint(.start, of: bad, expected: nil)
            }
            #expect(saved?.code == .invalidArgument)
        }
        let longest = FeedConsumerID(String(repeating: "é", count: 64))
        #expect(try await store.checkpoint(of: longest) == .start)
    }
}
