import Civic311
import Civic311Testing
import Testing

/// The key intake hands to ``NewRequest``: taken when it is the opening's own key, and replaced
/// by the opening's key otherwise, so a store never files a request under a key it does not hold.
@Suite struct NewRequestTests {
    @Test func takesTheOpeningsOwnKeyAndReplacesAnyOther() throws {
        var fixtures = RequestFixtures(seed: 41)
        let ann = Participant.resident("ann@example.org")
        let (contact, opening) = fixtures.opening(clientRequestID: "form-1", submittedBy: ann)
        let own = try #require(ClientRequestKey(opening: opening))

        let given = try NewRequest(opening: opening, clientRequestKey: own)
        #expect(given.clientRequestKey == own)
        #expect(given.request == (try NewRequest(contact, opening: opening)).request)
        #expect(given.contact == contact, "the contact is the one the opening implies")

        for wrong in [
            ClientRequestKey(id: "form-2", submittedBy: ann),
            ClientRequestKey(id: "form-1", submittedBy: .resident("bob@example.org")),
        ] {
            let new = try NewRequest(opening: opening, clientRequestKey: wrong)
            #expect(new.clientRequestKey == own, "a key that is not the opening's is replaced: \(wrong)")
        }

        let (_, plain) = fixtures.opening(submittedBy: ann)
        let none = try NewRequest(opening: plain, clientRequestKey: own)
        #expect(none.clientRequestKey == nil, "an opening without a client request ID has no key")
    }
}
