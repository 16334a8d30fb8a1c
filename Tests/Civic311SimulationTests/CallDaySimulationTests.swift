import Civic311
import Civic311SampleCounty
import Civic311Simulation
import Foundation
import Testing

@Suite struct CallDaySimulationTests {
    /// A small day: 600 contacts in the sample county, five back-office days.
    static func smallDay() throws -> CallDayScenario {
        try CallDayScenario.weekday(in: .sampleCounty, contacts: 600)
    }

    static func requests(in store: InMemoryRequestStore) async throws -> [ServiceRequest] {
        var result: [ServiceRequest] = []
        var page = try PageRequest(limit: PageRequest.maximumLimit)
        while true {
            let batch = try await store.requests(matching: RequestQuery(), page: page)
            result += batch.items
            guard let next = batch.next else { return result }
            page = try PageRequest(limit: PageRequest.maximumLimit, after: next)
        }
    }

    @Test func sameSeedGivesIdenticalJSONAndDifferentSeedsDiffer() async throws {
        let simulation = try CallDaySimulation(scenario: Self.smallDay())
        let first = try await simulation.run(seed: 7).jsonDocument()
        let again = try await simulation.run(seed: 7).jsonDocument()
        let other = try await simulation.run(seed: 8).jsonDocument()
        #expect(first == again)
        #expect(first != other)
        #expect(first.contains("\"seed\": 7"))
    }

    @Test func serviceRequestsAreStoredWithTicketsAndRoutedDepartments() async throws {
        let scenario = try Self.smallDay()
        let store = InMemoryRequestStore()
        let outcome = try await CallDaySimulation(scenario: scenario).run(seed: 11, store: store)
        let stored = try await Self.requests(in: store)
        #expect(stored.count == outcome.serviceRequestsStored)
        #expect(stored.count == outcome.kpis.serviceRequests)
        #expect(stored.count > 100)
        let contacts = try await store.countContacts(matching: ContactQuery())
        #expect(contacts == outcome.serviceRequestsStored + outcome.contactsRecorded)
        #expect(Set(stored.map(\.ticket)).count == stored.count)
        let callDayEnd = scenario.start.addingTimeInterval(86_400 + 3_600)
        for request in stored {
            #expect(scenario.jurisdiction.department(request.department) != nil)
            #expect(request.createdAt >= scenario.start && request.createdAt < callDayEnd)
            #expect(request.dueAt > request.createdAt)
            let type = try #require(scenario.jurisdiction.serviceType(request.serviceType))
            let answered = Set(request.answers.map(\.question))
            for question in type.questions where question.isRequired { #expect(answered.contains(question.id)) }
            // The sample county's rules send every streetlight to the lighting contractor.
            if request.serviceType == "STREETLIGHT_OUT" { #expect(request.department == "BRT") }
        }
        #expect(Set(stored.map(\.department)).count >= 8)
        // Agent calls, IVR and online requests all came in.
        #expect(Set(stored.map(\.channel)).isSuperset(of: [.phone, .web]))
    }

    @Test func backOfficeClosesRequestsAndComplianceReflectsIt() async throws {
        let store = InMemoryRequestStore()
        let outcome = try await CallDaySimulation(scenario: Self.smallDay()).run(seed: 3, store: store)
        let stored = try await Self.requests(in: store)
        // Five working days at the default capacity clear the call day.
        #expect(stored.allSatisfy { $0.state == .closed })
        #expect(outcome.backlog.last?.open == 0)
        #expect((outcome.backlog.first?.open ?? 0) > 0)
        let referred = stored.filter { $0.closure?.reason == .referred(to: $0.department) }.count
        let completed = stored.filter { $0.closure?.reason == .completed }.count
        #expect(referred + completed == stored.count)
        #expect(outcome.compliance.total.population == completed)
        #expect(outcome.compliance.total.met > 0)
        // Closed requests carry the crew's note saying what was done.
        let worked = try #require(stored.first { $0.closure?.reason == .completed })
        #expect(worked.resolvedAt != nil)
        #expect(worked.publicNotes.contains { $0.text.contains("did the work") })

        // Without a crew, Transportation's requests stay open and go overdue.
        var starved = try Self.smallDay()
        starved.backOffice.dailyCapacity = ["DOT": 0]
        let short = try await CallDaySimulation(scenario: starved).run(seed: 3)
        let transportation = try #require(short.departments.first { $0.department == "DOT" })
        #expect(transportation.received > 0)
        #expect(transportation.open == transportation.received)
        #expect(transportation.openOverdue > 0)
        #expect(transportation.met == 0)
        #expect((short.onTimeShare ?? 1) < (outcome.onTimeShare ?? 0))
    }

    @Test func surgeMultipliesTheChosenServiceType() async throws {
        let calm = try await CallDaySimulation(scenario: Self.smallDay()).run(seed: 5)
        var stormy = try Self.smallDay()
        stormy.surges = [Surge(target: .serviceTypes(["TREE_DOWN"]), hours: 12..<18, multiplier: 30)]
        let storm = try await CallDaySimulation(scenario: stormy).run(seed: 5)
        func trees(_ outcome: CallDayOutcome) -> Int {
            outcome.frontOffice.contacts.filter { $0.serviceTypeCode == "TREE_DOWN" }.count
        }
        #expect(storm.kpis.contacts > calm.kpis.contacts)
        #expect(trees(storm) > 4 * max(1, trees(calm)))
        let parks = try #require(storm.departments.first { $0.department == "PKS" })
        let calmParks = try #require(calm.departments.first { $0.department == "PKS" })
        #expect(parks.received > calmParks.received)
    }

    @Test func intervalsComparePlanAndSimulationAndAddUpToTheDay() async throws {
        var scenario = try Self.smallDay()
        scenario.interval = .sixtyMinutes
        let simulation = try CallDaySimulation(scenario: scenario)
        let outcome = try await simulation.run(seed: 9)
        #expect(outcome.intervals.count == 24)
        #expect(outcome.intervals.map(\.recommendedAgents) == simulation.plan.intervals.map(\.agents))
        #expect(outcome.intervals.map(\.scheduledAgents) == simulation.plan.intervals.map(\.agents))
        #expect(outcome.intervals.reduce(0) { $0 + $1.simulated.contacts } == outcome.kpis.contacts)
        #expect(outcome.intervals.reduce(0) { $0 + $1.simulated.callsOffered } == outcome.kpis.callsOffered)
        #expect(outcome.kpis.callsOffered == outcome.frontOffice.totals.offered)
        #expect(outcome.kpis.serviceLevel == outcome.frontOffice.totals.serviceLevel)
        #expect(outcome.kpis.averageSpeedOfAnswer == outcome.frontOffice.totals.averageSpeedOfAnswer)

        scenario.staffing = .fixed(agents: 2)
        let fixed = try await CallDaySimulation(scenario: scenario).run(seed: 9)
        #expect(fixed.intervals.allSatisfy { $0.scheduledAgents == 2 })
        #expect(fixed.intervals.map(\.recommendedAgents) == simulation.plan.intervals.map(\.agents))
        // Two agents cannot carry the midday load that the plan staffs for.
        #expect((fixed.kpis.serviceLevel ?? 1) < (outcome.kpis.serviceLevel ?? 0))
    }

    @Test func badScenariosAreRefusedWithTheirField() throws {
        var unknownType = try Self.smallDay()
        unknownType.serviceTypes.append(ServiceTypeShare(code: "NOPE", weight: 1))
        #expect {
            try CallDaySimulation(scenario: unknownType)
        } throws: { ($0 as? SimulationError)?.field == "serviceTypes[35].code" }
        var negative = try Self.smallDay()
        negative.contacts = -1
        #expect { try CallDaySimulation(scenario: negative) } throws: { ($0 as? SimulationError)?.field == "contacts" }
        var crew = try Self.smallDay()
        crew.backOffice.dailyCapacity = ["XYZ": 3]
        #expect {
            try CallDaySimulation(scenario: crew)
        } throws: { ($0 as? SimulationError)?.field == "backOffice.dailyCapacity[XYZ]" }
        var hours = try Self.smallDay()
        hours.hourlyShares = [1, 2]
        #expect { try CallDaySimulation(scenario: hours) } throws: { ($0 as? SimulationError)?.field == "hourlyShares" }
    }

    @Test func aStoreThatHoldsAnEarlierDayIsRefusedBeforeAnythingRuns() async throws {
        // Reusing a store once doubled the backlog and overdue counts while "received" stayed.
        let store = InMemoryRequestStore()
        let simulation = try CallDaySimulation(scenario: .weekday(in: .sampleCounty, contacts: 60))
        _ = try await simulation.run(seed: 1, store: store)
        let requests = try await store.countRequests(matching: RequestQuery())
        let contacts = try await store.countContacts(matching: ContactQuery())
        await #expect {
            try await simulation.run(seed: 1, store: store)
        } throws: { error in
            guard let error = error as? SimulationError else { return false }
            return error.field == "store" && error.code == .invalidValue
                && error.reason.contains("already holds \(requests) requests and \(contacts) contacts")
        }
        #expect(try await store.countRequests(matching: RequestQuery()) == requests)
    }

    @Test func presetsNeedAJurisdictionThatCarriesServiceLevels() throws {
        let catalogOnly = try Jurisdiction.sampleCounty.adopting(routingRules: nil, serviceLevels: nil)
        #expect {
            try CallDayScenario.weekday(in: catalogOnly, contacts: 10)
        } throws: { ($0 as? SimulationError)?.field == "jurisdiction.serviceLevels" }
        let scenario = try CallDayScenario.weekday(in: .sampleCounty, scale: .nycPeak)
        #expect(scenario.contacts == CallDayScale.nycPeak.contacts)
        #expect(scenario.ivrDeflection[.referral] == CallDayScale.nycPeak.inquiryDeflection)
    }
}
