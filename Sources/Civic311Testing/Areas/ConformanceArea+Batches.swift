import Civic311
import Foundation
import Testing

extension ConformanceArea {
    /// `open(batch:)` is all or nothing: a valid batch is stored whole and returned in order; a
    /// batch with one bad item (last, after valid ones) writes nothing at all, whatever the
    /// fault: a ticket already stored, a ticket twice, a malformed opening, a contact of another
    /// ticket.
    public static let batchAtomicity = ConformanceArea("batch atomicity") { run, fixtures in
        let (store, check) = (run.store, run.check)
        check.expectEqual(try await store.open(batch: []).count, 0, "an empty batch opens nothing")
        let good = (0..<25).map { index in
            fixtures.opening(clientRequestID: index % 5 == 0 ? "batch-good-\(index)" : nil)
        }
        let opened = try await store.open(batch: good)
        check.expectEqual(
            opened.map(\.ticket),
            good.map(\.opening.ticket),
            "open(batch:) returns the requests in batch order"
        )
        for (item, request) in zip(good, opened) {
            check.expectEqual(
                request,
                try ServiceRequest(opening: item.opening),
                "open(batch:) returns the fold of each opening"
            )
            try await run.expectStored(request, history: [item.opening], "after a batch")
            check.expectEqual(
                try await store.contact(item.contact.ticket),
                item.contact,
                "the batch stored each contact"
            )
        }
        let requestCount = try await store.countRequests(matching: RequestQuery())
        let contactCount = try await store.countContacts(matching: ContactQuery())

        func refused(
            _ what: String,
            _ code: StorageError.Code,
            _ batch: [(contact: Contact, opening: RequestEvent)],
            new: Int
        ) async throws {
            await check.expectFailure(code, "open(batch:) with \(what)") { try await store.open(batch: batch) }
            for item in batch.prefix(new) {
                check.expectEqual(
                    try await store.request(item.opening.ticket),
                    nil,
                    "a batch with \(what) stored a request"
                )
                check.expectEqual(
                    try await store.contact(item.contact.ticket),
                    nil,
                    "a batch with \(what) stored a contact"
                )
            }
            check.expectEqual(
                try await store.countRequests(matching: RequestQuery()),
                requestCount,
                "a batch with \(what) changed the request count"
            )
            check.expectEqual(
                try await store.countContacts(matching: ContactQuery()),
                contactCount,
                "a batch with \(what) changed the contact count"
            )
        }
        func fresh(_ count: Int) -> [(contact: Contact, opening: RequestEvent)] {
            (0..<count).map { _ in fixtures.opening() }
        }

        try await refused("a ticket already stored", .duplicate, fresh(9) + [good[3]], new: 9)
        let doubled = fresh(9)
        try await refused("the same ticket twice", .duplicate, doubled + [doubled[4]], new: 9)
        let malformed = fresh(9)
        let last = fixtures.opening()
        let wrongSequence = RequestEvent(
            ticket: last.opening.ticket,
            sequence: 2,
            recordedAt: last.opening.recordedAt,
            actor: last.opening.actor,
            change: last.opening.change,
            fromState: nil,
            toState: .new,
            visibility: .public
        )
        try await refused(
            "a malformed opening",
            .invalidHistory,
            malformed + [(last.contact, wrongSequence)],
            new: 10
        )
        let mismatched = fresh(9)
        let stray = fixtures.contact()
        try await refused(
            "a contact of another ticket",
            .invalidHistory,
            mismatched + [(stray, fixtures.opening().opening)],
            new: 9
        )
        check.expectEqual(try await store.contact(stray.ticket), nil, "a refused batch stored the stray contact")

        // The store still takes a valid batch afterwards.
        let after = fresh(5)
        check.expectEqual(try await store.open(batch: after).count, 5, "a valid batch after refused ones")
        check.expectEqual(
            try await store.countRequests(matching: RequestQuery()),
            requestCount + 5,
            "the valid batch is stored whole"
        )
    }
}
