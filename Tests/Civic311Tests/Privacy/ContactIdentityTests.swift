import Civic311
import Civic311SampleCounty
import Testing

@Suite struct ContactIdentityTests {
    private typealias Fixtures = FoundationFixtures

    @Test(arguments: [
        ("zelda@example.org", "zelda@example.org"),
        ("Zelda@Example.ORG", "zelda@example.org"),
        ("  ZELDA@EXAMPLE.ORG\n", "zelda@example.org"),
        ("zelda+311@example.org", "zelda+311@example.org"),
        ("Zelda.Fitz@Example.org", "zelda.fitz@example.org"),
    ])
    func emailAddressesAreLowercasedAndTrimmed(text: String, normalized: String) throws {
        let identity = try #require(ContactIdentity(email: text))
        #expect(identity.kind == .email)
        #expect(identity.normalized == normalized)
        #expect(ContactIdentity(text) == identity)
    }

    @Test(arguments: [
        "", "zelda", "@example.org", "zelda@example", "zelda @example.org", "a@b@c.org", "zelda@example.org.",
    ])
    func malformedEmailAddressesAreRefused(text: String) {
        #expect(ContactIdentity(email: text) == nil)
    }

    @Test(arguments: [
        ("555-010-7788", "+15550107788"),
        ("(555) 010-7788", "+15550107788"),
        ("555.010.7788", "+15550107788"),
        ("5550107788", "+15550107788"),
        ("1-555-010-7788", "+15550107788"),
        ("+1 555 010 7788", "+15550107788"),
        ("011 1 555 010 7788", "+15550107788"),
        ("+44 20 7946 0958", "+442079460958"),
        ("0044 20 7946 0958", "+442079460958"),
        ("020 7946 0958", "02079460958"),
        ("010-7788", "0107788"),
        ("555-010-7788 x12", "+15550107788;ext=12"),
        ("555-010-7788 ext. 12", "+15550107788;ext=12"),
        ("555-010-7788 Extension 12", "+15550107788;ext=12"),
        ("+1 555 010 7788;ext=12", "+15550107788;ext=12"),
        ("555-010-7788#12", "+15550107788;ext=12"),
    ])
    func phoneNumbersKeepTheirDigits(text: String, normalized: String) throws {
        let identity = try #require(ContactIdentity(phone: text))
        #expect(identity.kind == .phone)
        #expect(identity.normalized == normalized)
        #expect(ContactIdentity(text) == identity)
    }

    @Test(arguments: [
        "", "12345", "1234567890123456", "555-010-7788 ext", "555-010-7788 x1234567", "555-CALL-311",
        "555+010-7788", "++1 555 010 7788", "555-010-7788 call me",
    ])
    func malformedPhoneNumbersAreRefused(text: String) {
        #expect(ContactIdentity(phone: text) == nil)
    }

    @Test func lastDigitsComeFromTheLine() throws {
        let desk = try #require(ContactIdentity(phone: "555-010-7788 x12"))
        #expect(desk.lastDigits(4) == "7788")
        #expect(desk.lastDigits(11) == "15550107788")
        #expect(desk.lastDigits(12) == nil)
        #expect(desk.lastDigits(0) == nil)
        #expect(try #require(ContactIdentity(email: "a@b.org")).lastDigits(4) == nil)
    }

    // MARK: Ownership

    @Test(arguments: [
        "sam.rivera@example.com", "Sam.Rivera@EXAMPLE.com", " sam.rivera@example.com ", "555-010-7788", "5550107788",
        "(555) 010-7788", "+1 555 010 7788", "1.555.010.7788",
    ])
    func theSubmitterIsRecognizedHoweverTheIdentityIsSpelled(spelling: String) async throws {
        let fixture = try await Fixtures.Center()
        let ticket = try await fixture.pothole()
        let request = try #require(try await fixture.store.request(ticket))
        let resident = Participant.resident(ResidentID(spelling))
        #expect(AccessPolicy.allows(resident, .cancel, on: request, in: .sampleCounty))
        #expect(AccessPolicy.allows(resident, .reopen, on: request, in: .sampleCounty))
        let cancelled = try await fixture.center.close(
            ticket,
            reason: .cancelledByResident,
            note: "Fixed by a neighbour",
            by: resident
        )
        #expect(cancelled.state == .closed)
    }

    @Test(arguments: [
        "sam.rivera+311@example.com", "samrivera@example.com", "sam.rivera@example.co", "010-7788", "+44 555 010 7788",
        "555-010-7789", "555-010-7788 x1", "not an identity", "",
    ])
    func anyoneElseIsRefused(spelling: String) async throws {
        let fixture = try await Fixtures.Center()
        let request = try #require(try await fixture.store.request(try await fixture.pothole()))
        #expect(!AccessPolicy.allows(.resident(ResidentID(spelling)), .cancel, on: request, in: .sampleCounty))
    }

    @Test func theSubmitterListsItsIdentities() throws {
        let submitter = Submitter(name: "Zelda", phone: "(555) 010-7788", email: "Zelda@Example.org")
        #expect(submitter.identities.map(\.normalized) == ["zelda@example.org", "+15550107788"])
        #expect(submitter.isIdentified(by: try #require(ContactIdentity("zelda@example.ORG"))))
        #expect(!submitter.isIdentified(by: try #require(ContactIdentity("555-010-7789"))))
        #expect(Submitter(name: "Anonymous").identities.isEmpty)
    }

    // MARK: Intake accepts what can be matched later

    @Test func intakeTakesExtensionsAndRefusesWhatCannotBeMatched() async throws {
        let fixture = try await Fixtures.Center()
        let desk = Submitter(phone: "555-010-7788 ext. 12")
        _ = try await fixture.center.submit(Fixtures.potholeDraft(submitter: desk), by: Fixtures.callTaker)
        for (submitter, field) in [
            (Submitter(phone: "555+010-7788"), "submitter.phone"), (Submitter(email: "zelda@.org"), "submitter.email"),
            (Submitter(email: "zelda@example.org."), "submitter.email"),
        ] {
            let error = await #expect(throws: ValidationError.self) {
                _ = try await fixture.center.submit(Fixtures.potholeDraft(submitter: submitter), by: Fixtures.callTaker)
            }
            #expect(error?.field == field)
        }
    }
}
