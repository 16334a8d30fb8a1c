import Civic311
import Foundation
import Testing

// Steps shared by the change-feed areas.
extension ConformanceRun {
    /// Every entry after `position`, page by page until a page says it has caught up, checking
    /// that every page is well formed: at most `limit` entries, strictly ascending positions all
    /// after the one asked for, `next` at the last entry (or the one asked for when empty), and a
    /// full page whenever it is not caught up.
    func readFeed(after position: FeedPosition = .start, limit: Int, _ what: String) async throws -> [FeedEntry] {
        var entries: [FeedEntry] = []
        var after = position
        for _ in 0..<100_000 {
            let page = try await store.changes(after: after, limit: limit)
            guard checkPage(page, after: after, limit: limit, what) else { return entries }
            entries += page.entries
            if page.isCaughtUp { return entries }
            after = page.next
        }
        check.record("\(what): the feed never says it has caught up")
        return entries
    }

    /// Checks one page read after `after`; returns whether reading may go on.
    @discardableResult
    func checkPage(_ page: FeedPage, after: FeedPosition, limit: Int, _ what: String) -> Bool {
        var fine = check.expect(
            page.entries.count <= limit,
            "\(what): a page of limit \(limit) after \(after) has \(page.entries.count) entries"
        )
        var previous = after
        for entry in page.entries {
            if entry.position <= previous {
                check.record(
                    "\(what): entry at \(entry.position) follows \(previous) in a page read after \(after): "
                        + "positions must grow"
                )
                fine = false
                break
            }
            previous = entry.position
        }
        fine =
            check.expectEqual(page.next, page.entries.last?.position ?? after, "\(what): next of a page after \(after)")
            && fine
        if !page.isCaughtUp {
            fine =
                check.expect(
                    page.entries.count == limit,
                    "\(what): a page after \(after) that is not caught up has \(page.entries.count) entries, "
                        + "fewer than its limit \(limit)"
                ) && fine
        }
        return fine
    }

    /// Checks that `entries` hold exactly `expected`, in order.
    func expectChanges(_ entries: [FeedEntry], _ expected: [FeedEntry.Change], _ what: String) {
        guard entries.count == expected.count else {
            check.record(
                "\(what): expected \(expected.count) entries, got \(entries.count); "
                    + "first difference at \(Self.firstDifference(entries.map(\.change), expected))"
            )
            return
        }
        for (index, (entry, change)) in zip(entries, expected).enumerated() where entry.change != change {
            check.expectEqual(entry.change, change, "\(what): entry \(index) (at \(entry.position))")
            return
        }
    }

    /// The changes a request's opening stores, in feed order.
    static func changes(opening contact: Contact, _ opening: RequestEvent) -> [FeedEntry.Change] {
        [.contact(contact), .requestEvent(opening)]
    }

    /// The ticket a change belongs to.
    static func ticket(of change: FeedEntry.Change) -> TicketNumber {
        switch change {
        case .contact(let contact): contact.ticket
        case .requestEvent(let event): event.ticket
        }
    }

    private static func firstDifference(_ actual: [FeedEntry.Change], _ expected: [FeedEntry.Change]) -> String {
        let index =
            zip(actual, expected).enumerated().first { $0.element.0 != $0.element.1 }?.offset
            ?? min(actual.count, expected.count)
        let got = index < actual.count ? ConformanceCheck.brief(actual[index]) : "nothing"
        let wanted = index < expected.count ? ConformanceCheck.brief(expected[index]) : "nothing"
        return "entry \(index): expected \(wanted), got \(got)"
    }
}
