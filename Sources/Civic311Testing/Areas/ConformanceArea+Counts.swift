import Civic311
import Foundation
import Testing

extension ConformanceArea {
    /// Counts agree with `RequestQuery.matches(_:)` and `ContactQuery.matches(_:)`, and
    /// follow the data: opening adds, a state change moves a request between state counts, a
    /// refused command changes nothing.
    public static let counts = ConformanceArea("counts") { run, fixtures in
        let (store, check) = (run.store, run.check)
        var requests: [ServiceRequest] = []
        var contacts: [Contact] = []
        func expectCounts(_ moment: String) async throws {
            var queries = [RequestQuery(), RequestQuery(states: [])]
            for state in RequestState.allCases { queries.append(RequestQuery(states: [state])) }
            for department in Set(requests.map(\.department)) {
                queries.append(RequestQuery(departments: [department]))
            }
            if let middle = requests.map(\.createdAt).sorted().dropFirst(requests.count / 2).first {
                queries.append(RequestQuery(createdFrom: middle))
                queries.append(RequestQuery(states: [.new], createdBefore: middle))
            }
            for query in queries {
                check.expectEqual(
                    try await store.countRequests(matching: query),
                    requests.filter(query.matches).count,
                    "\(moment): countRequests(\(query))"
                )
            }
            var contactQueries = [ContactQuery(), ContactQuery(channels: [])]
            for category in CallType.Category.allCases {
                contactQueries.append(ContactQuery(categories: [category]))
            }
            for channel in [Channel.phone, .web, .email] {
                contactQueries.append(ContactQuery(channels: [channel]))
            }
            for query in contactQueries {
                check.expectEqual(
                    try await store.countContacts(matching: query),
                    contacts.filter(query.matches).count,
                    "\(moment): countContacts(\(query))"
                )
            }
        }
        try await expectCounts("empty")
        for index in 0..<30 {
            let (contact, opening) = fixtures.opening()
            requests.append(try await store.open(contact, request: opening))
            contacts.append(contact)
            if index % 3 == 0 {
                let other = fixtures.contact(followingUp: index % 2 == 0 ? opening.ticket : nil)
                try await store.record(other)
                contacts.append(other)
            }
        }
        try await expectCounts("after opening")
        for index in requests.indices where index % 2 == 0 {
            let target = RequestState.allCases[index % RequestState.allCases.count]
            requests[index] = try await run.append(
                fixtures.events(moving: requests[index], to: target),
                to: requests[index]
            )
        }
        try await expectCounts("after state changes")
        await check.expectFailure(.conflict, "a stale append") {
            try await store.append([fixtures.followUp(to: requests[1])!], expectedVersion: requests[1].version + 1)
        }
        try await expectCounts("after a refused append")
    }
}
