import Civic311
import Civic311SampleCounty
import Civic311Testing
import Foundation
import Testing

@Suite struct RequestFixturesTests {
    @Test func theSameSeedGivesTheSameValues() {
        var first = RequestFixtures(seed: 42)
        var second = RequestFixtures(seed: 42)
        var other = RequestFixtures(seed: 43)
        let a = (0..<20).map { _ in first.opening().opening }
        let b = (0..<20).map { _ in second.opening().opening }
        let c = (0..<20).map { _ in other.opening().opening }
        #expect(a == b)
        #expect(a != c)
    }

    @Test func ticketsStrictlyIncreaseOnTheirNode() {
        var fixtures = RequestFixtures(seed: 1, node: 17)
        var previous: TicketNumber?
        // Many tickets within one second exercise the borrowing of the next second.
        for index in 0..<500 {
            let ticket = index % 2 == 0 ? fixtures.nextTicket() : fixtures.opening().contact.ticket
            #expect(ticket.node == 17)
            if let previous { #expect(previous < ticket) }
            previous = ticket
        }
    }

    @Test func openingsFoldAndContactsMatch() throws {
        var fixtures = RequestFixtures(seed: 2)
        for _ in 0..<200 {
            let (contact, opening) = fixtures.opening()
            let request = try ServiceRequest(opening: opening)
            #expect(contact.ticket == request.ticket)
            #expect(contact.receivedAt == request.createdAt)
            #expect(request.createdAt == request.createdAt.wholeMilliseconds)
            #expect(request.dueAt == request.dueAt.wholeMilliseconds)
            #expect(request.dueAt > request.createdAt)
            #expect(fixtures.jurisdiction.serviceType(request.serviceType) != nil)
        }
    }

    @Test func randomFollowUpsAlwaysApplyAndReachEveryState() throws {
        var fixtures = RequestFixtures(seed: 3)
        var visited: Set<RequestState> = []
        var actions: Set<LifecycleAction> = []
        for _ in 0..<20 {
            var request = try ServiceRequest(opening: fixtures.opening().opening)
            for _ in 0..<60 {
                let next = fixtures.followUp(to: request)
                let event = try #require(next)
                try request.apply(event)
                #expect(event.recordedAt == event.recordedAt.wholeMilliseconds)
                visited.insert(request.state)
                actions.insert(event.change.action)
            }
        }
        #expect(visited == Set(RequestState.allCases))
        #expect(actions == Set(LifecycleAction.allCases).subtracting([.open]))
    }

    @Test func followUpRefusesActionsTheTableForbids() throws {
        var fixtures = RequestFixtures(seed: 4)
        let request = try ServiceRequest(opening: fixtures.opening().opening)
        #expect(fixtures.followUp(to: request, action: .resume) == nil)
        #expect(fixtures.followUp(to: request, action: .open) == nil)
        #expect(fixtures.followUp(to: request, action: .accept) != nil)
    }

    @Test(arguments: RequestState.allCases, RequestState.allCases)
    func eventsMoveARequestFromAnyStateToAnyOther(from start: RequestState, to goal: RequestState) throws {
        var fixtures = RequestFixtures(seed: 5)
        var request = try ServiceRequest(opening: fixtures.opening().opening)
        request = try request.applying(fixtures.events(moving: request, to: start))
        #expect(request.state == start)
        let moves = fixtures.events(moving: request, to: goal)
        #expect(try request.applying(moves).state == goal)
        #expect(moves.isEmpty == (start == goal))
    }

    @Test func contactsCoverEveryCategory() {
        var fixtures = RequestFixtures(seed: 6)
        let ticket = fixtures.nextTicket()
        var categories: Set<CallType.Category> = []
        for index in 0..<50 {
            let contact = fixtures.contact(followingUp: index % 5 == 0 ? ticket : nil)
            categories.insert(contact.callType.category)
        }
        #expect(categories == Set(CallType.Category.allCases))
    }

    @Test func clockAndSampleCountyAreReExported() throws {
        let clock = try RequestFixtures.makeClock()
        #expect(clock.now() == RequestFixtures.referenceInstant)
        try clock.advance(by: 60)
        #expect(clock.now() == RequestFixtures.referenceInstant.addingTimeInterval(60))
        #expect(RequestFixtures.sampleCounty.name == Jurisdiction.sampleCounty.name)
    }
}
