@_spi(Benchmarks) import Civic311
import Civic311SampleCounty
import Foundation
import Testing

/// The public view carries no personal data even when residents and staff type it into free
/// text: synthetic residents go through intake with their details in every free-text field, and
/// the public views are scanned for every one of those values.
@Suite struct PublicViewScrubbingTests {
    private typealias Fixtures = FoundationFixtures

    private struct Resident {
        let first: String
        let last: String
        let phone: String
        let email: String
        var submitter: Submitter { Submitter(name: "\(first) \(last)", phone: phone, email: email) }
        /// Everything that must not reach the public: as written, and the phone's bare digits.
        var values: [String] {
            [
                first, last, "\(first) \(last)", last.uppercased(), phone, email, email.uppercased(),
                String(phone.filter(\.isNumber).suffix(10)),
            ]
        }
    }

    private static func residents(_ count: Int) -> [Resident] {
        var generator = Fixtures.SplitMix64(seed: 14)
        let firsts = ["Amara", "Bogdan", "Chiara", "Dmitri", "Esperanza", "Farouk", "Guadalupe", "Hyun-woo", "Ingrid"]
        let lasts = ["Okonkwo", "Vasquez-Ruiz", "Lindqvist", "O'Sullivan", "Nakashima", "Abernathy", "Szymański"]
        func pick<T>(_ values: [T]) -> T { values[Int(generator.next() % UInt64(values.count))] }
        return (0..<count).map { index in
            let area = 201 + generator.next() % 700
            let exchange = 200 + generator.next() % 700
            let line = 1_000 + generator.next() % 9_000
            let phone = pick([
                "(\(area)) \(exchange)-\(line)", "\(area)-\(exchange)-\(line)", "+1 \(area) \(exchange) \(line)",
                "\(area).\(exchange).\(line)", "1\(area)\(exchange)\(line)",
            ])
            let first = pick(firsts)
            let last = pick(lasts)
            let email = "\(first.lowercased()).\(index)@resident\(index % 13).example.net"
            return Resident(first: first, last: last, phone: phone, email: email)
        }
    }

    /// Takes `resident` through a whole lifecycle with personal data in every free-text field.
    private static func process(
        _ resident: Resident,
        in center: ServiceCenter,
        neighbour: Resident
    ) async throws
        -> TicketNumber
    {
        let crew = Fixtures.roadCrew
        let ticket = try await center.submit(
            ServiceRequestDraft(
                serviceType: "POTHOLE",
                description: "\(resident.first) \(resident.last) here, call \(resident.phone) or \(resident.email)",
                location: Location(address: "214 Elm Street, ring \(resident.phone)"),
                answers: ["size": .choice("large"), "position": .choice("lane")],
                submitter: resident.submitter,
                channel: .web
            ),
            by: .resident(ResidentID(resident.email))
        ).ticket
        try await center.addNote(
            ticket,
            "Spoke to \(resident.last.uppercased()) on \(resident.phone)",
            visibility: .public,
            by: crew
        )
        try await center.accept(ticket, by: crew)
        try await center.putOnHold(ticket, waitingFor: "\(resident.first): send photos to \(resident.email)", by: crew)
        try await center.resume(ticket, by: crew)
        try await center.resolve(ticket, note: "Filled; told \(resident.first) and \(neighbour.phone)", by: crew)
        try await center.reopen(
            ticket,
            reason: "\(resident.last)'s car hit it again",
            by: .resident(ResidentID(resident.phone))
        )
        try await center.close(
            ticket,
            reason: .cancelledByResident,
            note: "\(resident.first.lowercased()) \(resident.last.lowercased()) fixed it; neighbour \(neighbour.email)",
            by: .resident(ResidentID(resident.email.uppercased()))
        )
        return ticket
    }

    @Test func hundredsOfResidentsLeaveNoTraceInThePublicView() async throws {
        let fixture = try await Fixtures.Center()
        let residents = Self.residents(400)
        var found: [String] = []
        for (index, resident) in residents.enumerated() {
            let neighbour = residents[(index + 1) % residents.count]
            let ticket = try await Self.process(resident, in: fixture.center, neighbour: neighbour)
            let view = try await fixture.center.status(of: ticket)
            let json = String(decoding: try JSONEncoder().encode(view), as: UTF8.self)
            #expect(view.notes.count == 5)
            for value in resident.values + [neighbour.phone, neighbour.email] where json.contains(value) {
                found.append("\(value) in \(json)")
            }
            // What the public should read survives.
            #expect(view.address?.hasPrefix("214 Elm Street, ring [phone removed]") == true, "\(view.address ?? "-")")
            #expect(view.notes.contains { $0.text.hasPrefix("Filled; told [name removed] and [phone removed]") })
        }
        #expect(found.isEmpty, "\(found.count) values found, first: \(found.first ?? "")")
    }

    @Test func theScrubberIsOnByDefaultAndCanBeChosen() async throws {
        let fixture = try await Fixtures.Center()
        #expect(fixture.center.configuration.privacy.publicTextScrubber == PersonalDataScrubber())
        let resident = Self.residents(1)[0]
        let ticket = try await Self.process(resident, in: fixture.center, neighbour: resident)
        let direct = PublicServiceRequest(try #require(try await fixture.store.request(ticket)), in: .sampleCounty)
        #expect(direct == (try await fixture.center.status(of: ticket)))
        #expect(direct.description?.contains(resident.phone) == false)

        var configuration = fixture.center.configuration
        configuration.privacy.publicTextScrubber = PersonalDataScrubber(rules: [])
        let unscrubbed = try await ServiceCenter(
            jurisdiction: .sampleCounty,
            store: fixture.store,
            configuration: configuration
        )
        #expect(try await unscrubbed.status(of: ticket).description?.contains(resident.phone) == true)
        configuration.privacy.publicTextScrubber = PersonalDataScrubber(placeholders: .init(phone: "(number withheld)"))
        let custom = try await ServiceCenter(
            jurisdiction: .sampleCounty,
            store: fixture.store,
            configuration: configuration
        )
        #expect(try await custom.status(of: ticket).description?.contains("(number withheld)") == true)
    }

    @Test func privateServiceTypesShowScrubbedNotesOnly() async throws {
        let fixture = try await Fixtures.Center()
        let resident = Self.residents(1)[0]
        let ticket = try await fixture.center.submit(
            ServiceRequestDraft(
                serviceType: "HOUSING_CODE",
                description: "No heat at \(resident.first)'s flat",
                location: Location(address: "77 Cedar Street, Apt 3B"),
                answers: ["problem": .choice("mold"), "tenant": .yesNo(true)],
                submitter: resident.submitter,
                channel: .phone,
                agent: "maria"
            ),
            by: Fixtures.callTaker
        ).ticket
        let inspector = Participant.departmentStaff("l.chen", department: "HCE")
        try await fixture.center.accept(ticket, by: inspector)
        try await fixture.center.putOnHold(
            ticket,
            waitingFor: "\(resident.first), call us on \(resident.phone)",
            by: inspector
        )
        let view = try await fixture.center.status(of: ticket)
        #expect(view.description == nil && view.address == nil)
        #expect(view.notes.map(\.text) == ["[name removed], call us on [phone removed]"])
    }
}
