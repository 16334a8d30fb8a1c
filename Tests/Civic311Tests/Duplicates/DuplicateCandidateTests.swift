@_spi(Benchmarks) import Civic311
import Civic311SampleCounty
import Foundation
import Testing

/// Candidates come from the same type or its family, within the type's radius and window, both
/// inclusive, scored and explained; nothing else is offered.
@Suite struct DuplicateCandidateTests {
    private typealias Fixtures = FoundationFixtures
    /// Fifth and Main in the sample county.
    static let corner = try! Coordinate(latitude: 40.7128, longitude: -74.0060)
    private static let metresPerDegree = 6_371_008.8 * Double.pi / 180

    /// The point `metres` due north of `corner`: along a meridian the haversine distance is
    /// exactly the radius times the angle.
    static func north(_ metres: Double) -> Coordinate {
        try! Coordinate(latitude: corner.latitude + metres / metresPerDegree, longitude: corner.longitude)
    }

    /// The point `metres` due east of `corner`, near enough on a parallel at this scale.
    static func east(_ metres: Double) -> Coordinate {
        let cosine = cos(corner.latitude * Double.pi / 180)
        return try! Coordinate(
            latitude: corner.latitude,
            longitude: corner.longitude + metres / (metresPerDegree * cosine)
        )
    }

    static func draft(
        _ serviceType: ServiceTypeCode = "POTHOLE",
        at coordinate: Coordinate?,
        email: String = "first@example.com"
    ) -> ServiceRequestDraft {
        // An answer to every required question: the first choice, "no", a word or a number.
        var answers: [QuestionCode: AnswerValue] = [:]
        for question in Jurisdiction.sampleCounty.serviceType(serviceType)?.questions ?? [] where question.isRequired {
            answers[question.id] =
                switch question.kind {
                case .singleChoice: .choice(question.choices[0].value)
                case .multipleChoice: .choices([question.choices[0].value])
                case .yesNo: .yesNo(false)
                case .number: .number(1)
                case .dateTime: .dateTime(FoundationFixtures.start)
                case .text: .text("Yes")
                }
        }
        return ServiceRequestDraft(
            serviceType: serviceType,
            description: "Reported at the corner",
            location: Location(address: "5th and Main", coordinate: coordinate),
            answers: answers,
            submitter: Submitter(email: email),
            channel: .web
        )
    }

    @discardableResult
    static func submit(
        _ serviceType: ServiceTypeCode = "POTHOLE",
        at coordinate: Coordinate,
        in fixture: FoundationFixtures.Center,
        email: String = "first@example.com"
    ) async throws -> TicketNumber {
        try await fixture.center.submit(draft(serviceType, at: coordinate, email: email), by: .system).ticket
    }

    @Test func theRadiusIsInclusiveAndNotAMetreMore() async throws {
        let fixture = try await Fixtures.Center()
        let open = try await Self.submit(at: Self.corner, in: fixture)
        // The sample county's pothole rule: 40 m.
        for (point, expected) in [
            (Self.north(39.999), true), (Self.north(40.001), false), (Self.east(39.99), true),
            (Self.east(40.01), false),
        ] {
            let found = try await fixture.center.duplicateCandidates(for: Self.draft(at: point), by: Fixtures.callTaker)
            #expect(found.map(\.ticket) == (expected ? [open] : []), "\(point)")
        }
    }

    @Test func theWindowIsInclusiveToTheMillisecond() async throws {
        let fixture = try await Fixtures.Center()
        let open = try await Self.submit(at: Self.corner, in: fixture)
        // The pothole window is 30 days.
        try fixture.clock.advance(by: 30 * 86_400)
        let atTheEdge = try await fixture.center.duplicateCandidates(
            for: Self.draft(at: Self.north(5)),
            by: Fixtures.callTaker
        )
        #expect(atTheEdge.map(\.ticket) == [open])
        #expect(atTheEdge.first?.score == 64, "43.75 for nearness at 5 of 40 m, 0 for age, 20 for the type")
        try fixture.clock.advance(by: 0.001)
        #expect(
            try await fixture.center.duplicateCandidates(for: Self.draft(at: Self.north(5)), by: Fixtures.callTaker)
                .isEmpty
        )
    }

    @Test func candidatesAreScoredBestFirstAndExplained() async throws {
        let fixture = try await Fixtures.Center()
        let far = try await Self.submit(at: Self.north(35), in: fixture)
        try fixture.clock.advance(by: 2 * 86_400)
        let near = try await Self.submit(at: Self.north(4), in: fixture)
        let closed = try await Self.submit(at: Self.north(1), in: fixture)
        try await fixture.center.close(
            closed,
            reason: .closedWithoutAction(code: "NO_DEFECT"),
            note: "Nothing found",
            by: Fixtures.supervisor
        )
        // Another type at the same spot, and a pothole outside the radius.
        try await Self.submit("GRAFFITI", at: Self.corner, in: fixture)
        try await Self.submit(at: Self.east(400), in: fixture)
        try fixture.clock.advance(by: 3_600)
        let found = try await fixture.center.duplicateCandidates(
            for: Self.draft(at: Self.corner),
            by: Fixtures.callTaker
        )
        #expect(found.map(\.ticket) == [near, far])
        let best = try #require(found.first)
        #expect(best.distance > 3.99 && best.distance < 4.01)
        #expect(
            best.reasons.map(\.description) == [
                "4 m away (within 40 m)", "reported 1 h ago (within 30 d)", "same service type POTHOLE",
            ]
        )
        // 50·(1 − 4/40) + 30·(1 − 1 h/30 d) + 20, rounded.
        #expect(best.score == 95)
        #expect(best.request.serviceTypeName == "Pothole")
        #expect(found.last?.reasons.first?.description == "35 m away (within 40 m)")
        #expect(
            try await fixture.center.duplicateCandidates(
                for: Self.draft(at: Self.corner),
                by: Fixtures.callTaker,
                limit: 1
            ).map(\.ticket) == [near]
        )
    }

    @Test func relatedTypesAreOfferedAsTheFamily() async throws {
        let fixture = try await Fixtures.Center()
        // A leak and a hydrant are related in the sample county, both ways.
        let leak = try await Self.submit("WATER_LEAK", at: Self.north(20), in: fixture)
        let hydrant = try await Self.submit("HYDRANT", at: Self.north(10), in: fixture)
        let fromHydrant = try await fixture.center.duplicateCandidates(
            for: Self.draft("HYDRANT", at: Self.corner),
            by: Fixtures.callTaker
        )
        // The hydrant rule's radius is 30 m, so the leak 20 m away is in it, as family.
        #expect(fromHydrant.map(\.ticket) == [hydrant, leak])
        #expect(fromHydrant.last?.reasons.contains(.relatedServiceType("WATER_LEAK")) == true)
    }

    @Test func noCoordinateOrNoRuleOffersNothingAndBadInputIsRefused() async throws {
        let fixture = try await Fixtures.Center()
        try await Self.submit(at: Self.corner, in: fixture)
        #expect(try await fixture.center.duplicateCandidates(for: Self.draft(at: nil), by: Fixtures.callTaker).isEmpty)
        #expect(
            try await fixture.center.duplicateCandidates(
                for: Self.draft("NOISE", at: Self.corner),
                by: Fixtures.callTaker
            ).isEmpty
        )
        for limit in [0, ServiceCenter.maximumDuplicateCandidates + 1] {
            let error = await #expect(throws: ValidationError.self) {
                try await fixture.center.duplicateCandidates(
                    for: Self.draft(at: Self.corner),
                    by: Fixtures.callTaker,
                    limit: limit
                )
            }
            #expect(error?.field == "limit")
        }
        for radius in [-1, Double.nan, .infinity] {
            let box = #expect(throws: ValidationError.self) { try CoordinateBox(around: Self.corner, radius: radius) }
            #expect(box?.field == "radius")
        }
        let unknown = await #expect(throws: ValidationError.self) {
            try await fixture.center.duplicateCandidates(for: Self.draft("NO_SUCH_TYPE", at: Self.corner), by: .system)
        }
        #expect(unknown?.field == "serviceType")
    }

    @Test func aResidentSeesThePublicViewOnly() async throws {
        let fixture = try await Fixtures.Center()
        var secret = Self.draft(at: Self.corner)
        secret.description = "Call me on 555-010-4477 about the hole"
        _ = try await fixture.center.submit(secret, by: .system)
        let found = try await fixture.center.duplicateCandidates(
            for: Self.draft(at: Self.north(3)),
            by: .resident("neighbour@example.com")
        )
        let view = try #require(found.first?.request)
        #expect(view.description?.contains("555-010-4477") == false)
    }

    /// The in-memory store's grid and the default store path (a filtered listing) agree.
    @Test(arguments: [UInt64(1), 2, 3])
    func theGridAgreesWithAListing(seed: UInt64) async throws {
        let fixture = try await Fixtures.Center()
        var random = Fixtures.SplitMix64(seed: seed)
        var tickets: [TicketNumber] = []
        for index in 0..<300 {
            let point = try Coordinate(
                latitude: 40.70 + Double(random.next() % 3_000) / 100_000,
                longitude: -74.02 + Double(random.next() % 3_000) / 100_000
            )
            let type: ServiceTypeCode = ["POTHOLE", "GRAFFITI", "HYDRANT"][Int(random.next() % 3)]
            tickets.append(try await Self.submit(type, at: point, in: fixture, email: "r\(index)@example.com"))
            if random.next() % 4 == 0 { try fixture.clock.advance(by: 3_600) }
        }
        for ticket in tickets where random.next() % 5 == 0 {
            try await fixture.center.close(ticket, reason: .closedWithoutAction(code: "DUP"), note: "Gone", by: .system)
        }
        for _ in 0..<40 {
            let box = try CoordinateBox(
                around: try Coordinate(
                    latitude: 40.70 + Double(random.next() % 3_000) / 100_000,
                    longitude: -74.02 + Double(random.next() % 3_000) / 100_000
                ),
                radius: Double(random.next() % 800)
            )
            let all: [ServiceTypeCode] = ["POTHOLE", "GRAFFITI", "HYDRANT"]
            let types = Set(all.filter { _ in random.next() % 2 == 0 })
            let from = Fixtures.start.addingTimeInterval(Double(random.next() % 40) * 3_600)
            let grid = try await fixture.store.nearbyOpenRequests(in: box, serviceTypes: types, createdFrom: from)
            let reference = try await fixture.store.nearbyOpenRequestsByListing(
                in: box,
                serviceTypes: types,
                createdFrom: from
            )
            #expect(grid.map(\.ticket) == reference.map(\.ticket))
        }
    }
}
