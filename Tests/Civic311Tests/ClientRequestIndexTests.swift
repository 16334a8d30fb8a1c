import Testing

@testable import Civic311

/// The in-memory store's client request index, against a dictionary, with hashes that collide so
/// that keys share a list and only the check against each request's own key tells them apart.
@Suite struct ClientRequestIndexTests {
    @Test(arguments: [0, 1, 3])
    func findsFilesReplacesAndRemovesAsADictionaryWould(buckets: Int) throws {
        // 0 buckets: every key hashes alike; otherwise keys collide within a bucket.
        let hash: @Sendable (ClientRequestKey) -> Int = { buckets == 0 ? 7 : $0.id.count % buckets }
        var index = ClientRequestIndex(hash: hash)
        var oracle: [ClientRequestKey: TicketNumber] = [:]
        // What each request holds, as the store reads it from the request's opening.
        var held: [TicketNumber: ClientRequestKey] = [:]
        func matches(_ key: ClientRequestKey) -> (TicketNumber) -> Bool { { held[$0] == key } }

        let submitters: [Participant] = [.system, .callTaker("agent-1")]
        var keys: [ClientRequestKey] = []
        for id in ["a", "bb", "ccc", "dddd", "a-1"] {
            for submitter in submitters { keys.append(ClientRequestKey(id: id, submittedBy: submitter)) }
        }
        for (sequence, key) in keys.enumerated() {
            let ticket = try TicketNumber(day: 1, secondOfDay: 1, node: 1, sequence: sequence)
            #expect(index.ticket(for: key, keyMatches: matches(key)) == nil)
            held[ticket] = key
            index.file(ticket, under: key, keyMatches: matches(key))
            oracle[key] = ticket
        }
        for key in keys { #expect(index.ticket(for: key, keyMatches: matches(key)) == oracle[key]) }

        // A request re-keyed (as a redaction does): out from under its former key, filed under
        // a key another request holds, which it takes over.
        let moved = try #require(oracle[keys[0]])
        let former = keys[0]
        let taken = keys[3]
        index.remove(moved, under: former)
        oracle[former] = nil
        held[moved] = taken
        index.file(moved, under: taken, keyMatches: matches(taken))
        oracle[taken] = moved
        for key in keys { #expect(index.ticket(for: key, keyMatches: matches(key)) == oracle[key]) }

        // Removing a ticket that is not filed changes nothing.
        index.remove(try TicketNumber(day: 2, secondOfDay: 1, node: 1, sequence: 0), under: keys[5])
        for key in keys { #expect(index.ticket(for: key, keyMatches: matches(key)) == oracle[key]) }
    }
}
