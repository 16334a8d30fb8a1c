import Civic311
import Civic311SampleCounty
import Foundation
import Testing

/// The live tail over the store's durable feed. Nothing here sleeps: every test waits on the
/// tail's own "caught up" signal.
@Suite(.timeLimit(.minutes(1))) struct ServiceCenterChangeFeedTests {
    private typealias Fixtures = FoundationFixtures

    @Test func theTailDeliversTheHistoryThenSaysItHasCaughtUpThenFollowsNewWrites() async throws {
        let fixture = try await Fixtures.Center()
        let first = try await fixture.pothole()
        try await fixture.center.accept(first, by: Fixtures.roadCrew)
        let info = try await fixture.center.record(
            ContactDraft(.information(article: "KB-HOURS"), channel: .web),
            by: Fixtures.callTaker
        )
        var tail = fixture.center.changes(after: .start).makeAsyncIterator()
        let history = try await Self.entries(until: &tail)
        let events = try await fixture.store.events(for: first)
        #expect(
            history.map(\.change) == [
                .contact(try #require(try await fixture.store.contact(first))),
                .requestEvent(events[0]),
                .requestEvent(events[1]),
                .contact(info),
            ]
        )
        #expect(history.map(\.position.rawValue) == [1, 2, 3, 4])

        let second = try await fixture.pothole()
        let next = try await Self.entries(until: &tail)
        #expect(next.map(\.ticket) == [second, second])
        #expect(next.map(\.position.rawValue) == [5, 6])
    }

    @Test func aTailStartsAfterTheGivenPosition() async throws {
        let fixture = try await Fixtures.Center()
        for _ in 0..<3 { _ = try await fixture.pothole() }
        var tail = fixture.center.changes(after: FeedPosition(rawValue: 4)!).makeAsyncIterator()
        let rest = try await Self.entries(until: &tail)
        #expect(rest.map(\.position.rawValue) == [5, 6])
        // At the last entry: caught up at once.
        var atEnd = fixture.center.changes(after: FeedPosition(rawValue: 6)!).makeAsyncIterator()
        #expect(try await atEnd.next() == .caughtUp(FeedPosition(rawValue: 6)!))
        // Past it: a position this feed never gave, refused rather than skipping entries 7…99 later.
        var beyond = fixture.center.changes(after: FeedPosition(rawValue: 99)!).makeAsyncIterator()
        let error = await #expect(throws: StorageError.self) { try await beyond.next() }
        #expect(error?.code == .invalidArgument)
    }

    /// Writers race the tail: it wakes on their writes and delivers every entry exactly once, in
    /// order, although its wake-up stream holds only the latest signal.
    @Test func aWaitingTailWakesForConcurrentWritesAndMissesNone() async throws {
        let fixture = try await Fixtures.Center()
        let center = fixture.center
        let writers = 4
        let perWriter = 25
        var tail = center.changes(after: .start).makeAsyncIterator()
        #expect(try await tail.next() == .caughtUp(.start))
        let written = Task {
            try await withThrowingTaskGroup(of: [TicketNumber].self) { group in
                for _ in 0..<writers {
                    group.addTask {
                        var tickets: [TicketNumber] = []
                        for _ in 0..<perWriter {
                            tickets.append(
                                try await center.submit(Fixtures.potholeDraft(), by: Fixtures.callTaker).ticket
                            )
                        }
                        return tickets
                    }
                }
                return try await group.reduce(into: [TicketNumber]()) { $0 += $1 }
            }
        }
        var seen: [FeedEntry] = []
        while seen.count < 2 * writers * perWriter {
            guard let update = try await tail.next() else { break }
            if case .entries(let entries) = update { seen += entries }
        }
        let tickets = try await written.value
        #expect(seen.map(\.position.rawValue) == Array(1...Int64(2 * writers * perWriter)))
        #expect(Set(seen.map(\.ticket)) == Set(tickets))
        let whole = try await fixture.store.changes(after: .start, limit: FeedPage.maximumLimit)
        #expect(seen == whole.entries)
        #expect(try await tail.next() == .caughtUp(whole.next))
    }

    /// Writes straight to the store do not wake the tail, but the next write through the center
    /// does, and the tail reads both from the store.
    @Test func writesMadeAroundTheCenterAreReadAtTheNextWakeUp() async throws {
        let fixture = try await Fixtures.Center()
        var tail = fixture.center.changes(after: .start).makeAsyncIterator()
        #expect(try await tail.next() == .caughtUp(.start))
        let direct = Contact(
            ticket: try TicketNumber(day: 2_196, secondOfDay: 28_800, node: 9, sequence: 0),
            channel: .walkIn,
            receivedAt: Fixtures.start,
            agent: nil,
            callType: .generalInformation(article: "KB-HOURS")
        )
        try await fixture.store.record(direct)
        let ticket = try await fixture.pothole()
        let entries = try await Self.entries(until: &tail)
        #expect(entries.map(\.ticket) == [direct.ticket, ticket, ticket])
    }

    @Test func cancellingTheIteratingTaskEndsTheTail() async throws {
        let fixture = try await Fixtures.Center()
        let center = fixture.center
        let (caughtUp, signal) = AsyncStream.makeStream(of: Void.self)
        let reader = Task {
            var updates = 0
            for try await update in center.changes(after: .start) {
                updates += 1
                if case .caughtUp = update { signal.yield() }
            }
            return updates
        }
        var waiting = caughtUp.makeAsyncIterator()
        _ = await waiting.next()
        reader.cancel()
        #expect(try await reader.value == 1)
    }

    @Test func theTailEndsWhenTheCenterIsReleased() async throws {
        let store = InMemoryRequestStore()
        var center: ServiceCenter? = try await ServiceCenter(
            jurisdiction: .sampleCounty,
            store: store,
            configuration: .init(clock: try ManualWallClock(Fixtures.start), triage: "311")
        )
        var tail = try #require(center).changes(after: .start).makeAsyncIterator()
        #expect(try await tail.next() == .caughtUp(.start))
        center = nil
        #expect(try await tail.next() == nil)
    }

    /// Reads entries until the tail says it has caught up, and checks that it has read them all.
    private static func entries(until tail: inout FeedTail.Iterator) async throws -> [FeedEntry] {
        var entries: [FeedEntry] = []
        while let update = try await tail.next() {
            switch update {
            case .entries(let page): entries += page
            case .caughtUp(let position):
                #expect(position == entries.last?.position ?? position)
                return entries
            }
        }
        Issue.record("the tail ended before it caught up")
        return entries
    }
}
