import Civic311
import Foundation
import Testing

extension RequestStoreConformance {
    /// Client request IDs are unique and find their request: a second opening with a taken ID
    /// is refused and writes nothing (alone or in a batch), and IDs compare as Swift strings do
    /// (case-sensitive; canonically equivalent Unicode is the same ID).
    public func checkClientRequestIDs(sourceLocation: SourceLocation = #_sourceLocation) async {
        await area("client request IDs", sourceLocation) { store, fixtures, check in
            let first = try await openRequest(store, &fixtures, clientRequestID: "web-311-0001")
            let lower = try await openRequest(store, &fixtures, clientRequestID: "case-id")
            let upper = try await openRequest(store, &fixtures, clientRequestID: "CASE-ID")
            let plain = try await openRequest(store, &fixtures)
            check.expectEqual(
                try await store.request(clientRequestID: "web-311-0001"),
                first,
                "request(clientRequestID:)"
            )
            check.expectEqual(
                try await store.request(clientRequestID: "case-id"),
                lower,
                "request(clientRequestID:) is case-sensitive"
            )
            check.expectEqual(
                try await store.request(clientRequestID: "CASE-ID"),
                upper,
                "request(clientRequestID:) is case-sensitive"
            )
            check.expectEqual(
                try await store.request(clientRequestID: "web-311-0002"),
                nil,
                "request(clientRequestID:) of an unknown ID"
            )
            check.expectEqual(
                try await store.request(clientRequestID: ""),
                nil,
                "request(clientRequestID:) of the empty ID"
            )
            check.expectEqual(plain.clientRequestID, nil, "a request opened without a client request ID")

            let count = try await store.countRequests(matching: RequestQuery())
            let (contact, opening) = fixtures.opening(clientRequestID: "web-311-0001")
            let error = await check.expectFailure(
                .duplicate,
                "open(_:request:) with a client request ID already stored"
            ) {
                try await store.open(contact, request: opening)
            }
            check.expectEqual(error?.ticket, opening.ticket, "the duplicate error names the refused ticket")
            check.expectEqual(try await store.request(opening.ticket), nil, "the refused opening stored no request")
            check.expectEqual(try await store.contact(opening.ticket), nil, "the refused opening stored no contact")
            check.expectEqual(
                try await store.request(clientRequestID: "web-311-0001"),
                first,
                "the ID still finds the first request"
            )

            // Canonically equivalent spellings are one ID: "é" precomposed and decomposed.
            let composed = try await openRequest(store, &fixtures, clientRequestID: "caf\u{E9}-42")
            check.expectEqual(
                try await store.request(clientRequestID: "cafe\u{301}-42"),
                composed,
                "a canonically equivalent ID finds the request"
            )
            let (equivalentContact, equivalent) = fixtures.opening(clientRequestID: "cafe\u{301}-42")
            await check.expectFailure(.duplicate, "open(_:request:) with a canonically equivalent client request ID") {
                try await store.open(equivalentContact, request: equivalent)
            }

            // In batches.
            let batch = [fixtures.opening(clientRequestID: "batch-1"), fixtures.opening(clientRequestID: "case-id")]
            await check.expectFailure(.duplicate, "open(batch:) with a client request ID already stored") {
                try await store.open(batch: batch)
            }
            let twice = [fixtures.opening(clientRequestID: "batch-2"), fixtures.opening(clientRequestID: "batch-2")]
            await check.expectFailure(.duplicate, "open(batch:) with one client request ID twice") {
                try await store.open(batch: twice)
            }
            for item in batch + twice {
                check.expectEqual(
                    try await store.request(item.opening.ticket),
                    nil,
                    "a refused batch stored no request"
                )
            }
            check.expectEqual(
                try await store.request(clientRequestID: "batch-1"),
                nil,
                "a refused batch stored no client request ID"
            )
            check.expectEqual(
                try await store.countRequests(matching: RequestQuery()),
                count + 1,
                "refused openings stored nothing"
            )

            // The ID survives state changes and stays taken after closure.
            let closed = try await append(fixtures.events(moving: first, to: .closed), to: first, in: store)
            check.expectEqual(
                try await store.request(clientRequestID: "web-311-0001"),
                closed,
                "the ID finds the request after it changed"
            )
            let (lateContact, late) = fixtures.opening(clientRequestID: "web-311-0001")
            await check.expectFailure(.duplicate, "reusing the client request ID of a closed request") {
                try await store.open(lateContact, request: late)
            }
        }
    }
}
