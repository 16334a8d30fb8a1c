import Civic311
import Foundation
import Testing

extension ConformanceArea {
    /// External references: a request is found by every (system, identifier) pair recorded for
    /// it, current or former, as it is now; the system is part of the key, keys are
    /// case-sensitive and canonically equivalent spellings are one key; a pair belongs to one
    /// request, so appending it to another is refused as a duplicate and writes nothing (not even
    /// the valid events before it, and no feed entry), while the holder may record it again.
    public static let externalReferences = ConformanceArea("external references") { run, fixtures in
        let (store, check) = (run.store, run.check)
        var first = try await run.openRequest(&fixtures)
        var second = try await run.openRequest(&fixtures)
        let workOrder = ExternalReference.Key(system: "cityworks", identifier: "WO-1001")
        check.expectEqual(
            try await store.request(externalReference: workOrder),
            nil,
            "request(externalReference:) before any is recorded"
        )

        first = try await run.append(
            [fixtures.externalReference(on: first, system: "cityworks", identifier: "WO-1001")],
            to: first
        )
        check.expectEqual(
            try await store.request(externalReference: workOrder),
            first,
            "request(externalReference:)"
        )
        for (key, what) in [
            (ExternalReference.Key(system: "hansen", identifier: "WO-1001"), "another system"),
            (ExternalReference.Key(system: "cityworks", identifier: "wo-1001"), "another case"),
            (ExternalReference.Key(system: "Cityworks", identifier: "WO-1001"), "a system in another case"),
            (ExternalReference.Key(system: "cityworks", identifier: "WO-100"), "a prefix"),
            (ExternalReference.Key(system: "", identifier: ""), "empty strings"),
        ] {
            check.expectEqual(try await store.request(externalReference: key), nil, "a key with \(what)")
        }

        // Another request may not take the pair: refused whole, with no feed entry.
        let feedBefore = try await run.readFeed(limit: FeedPage.maximumLimit, "the feed before refusals")
        let note = fixtures.note(on: second, text: "Valid, but in a refused append.")
        let taken = fixtures.externalReference(
            on: RequestFixtures.applying([note], to: second),
            system: "cityworks",
            identifier: "WO-1001"
        )
        let refused = await check.expectFailure(.duplicate, "appending a pair another request holds") {
            try await store.append([note, taken], expectedVersion: second.version)
        }
        check.expectEqual(refused?.ticket, second.ticket, "the duplicate error names the refused request")
        try await run.expectStored(
            second,
            history: [try await store.events(for: second.ticket)[0]],
            "after a refused reference"
        )
        check.expectEqual(
            try await run.readFeed(limit: FeedPage.maximumLimit, "the feed after refusals"),
            feedBefore,
            "the feed after a refused reference"
        )

        // Re-keying: the new key is current and the old one still finds the request.
        first = try await run.append(
            [fixtures.externalReference(on: first, system: "cityworks", identifier: "WO-2002")],
            to: first
        )
        let reKeyed = ExternalReference.Key(system: "cityworks", identifier: "WO-2002")
        check.expectEqual(try await store.request(externalReference: reKeyed), first, "the new key after re-keying")
        check.expectEqual(
            try await store.request(externalReference: workOrder),
            first,
            "the old key after re-keying"
        )
        await check.expectFailure(.duplicate, "appending a former key of another request") {
            try await store.append(
                [fixtures.externalReference(on: second, system: "cityworks", identifier: "WO-1001")],
                expectedVersion: second.version
            )
        }
        // The holder may record its own key again (a re-keying back).
        first = try await run.append(
            [fixtures.externalReference(on: first, system: "cityworks", identifier: "WO-1001")],
            to: first
        )
        check.expectEqual(first.externalReference(in: "cityworks")?.identifier, "WO-1001", "a key recorded again")
        check.expectEqual(try await store.request(externalReference: workOrder), first, "a key recorded again")

        // Several keys in one append, one identifier in two systems, odd text.
        let odd = "caf\u{E9} \u{1F6A7} \u{05D0}'; --"
        let events = [
            fixtures.externalReference(on: second, system: "hansen", identifier: "WO-1001")
        ]
        let both =
            events + [
                fixtures.externalReference(
                    on: RequestFixtures.applying(events, to: second),
                    system: "confirm",
                    identifier: odd
                )
            ]
        second = try await run.append(both, to: second)
        check.expectEqual(
            try await store.request(
                externalReference: ExternalReference.Key(system: "hansen", identifier: "WO-1001")
            ),
            second,
            "the same identifier in another system"
        )
        check.expectEqual(
            try await store.request(
                externalReference: ExternalReference.Key(
                    system: "confirm",
                    identifier: "cafe\u{301} \u{1F6A7} \u{05D0}'; --"
                )
            ),
            second,
            "a canonically equivalent identifier"
        )
        check.expectEqual(
            try await store.request(externalReference: workOrder),
            first,
            "the first request keeps its key"
        )

        // The lookup follows the request as it changes.
        let moves = fixtures.events(moving: first, to: .closed)
        first = try await run.append(moves, to: first)
        check.expectEqual(
            try await store.request(externalReference: reKeyed),
            first,
            "a key after the request closed"
        )
    }
}
