import Civic311
import ExampleCommandLine
import Foundation

/// One city's file, surveyed into a jurisdiction and imported into its own store.
struct ImportedCity {
    let file: URL
    let jurisdiction: Jurisdiction
    let store: InMemoryRequestStore
    /// Every stored request, in ticket order, and each one's history.
    let requests: [ServiceRequest]
    let histories: [[RequestEvent]]
    /// From the first request's creation to just after the last event.
    let period: DateInterval

    /// Surveys `file`, builds its jurisdiction, imports it and prints what the import did.
    static func load(_ file: URL, mapping: ImportMapping, console: Console) async throws -> ImportedCity {
        let survey = try ImportSurvey(fileAt: file, mapping: mapping)
        let jurisdiction = try survey.jurisdiction(name: "\(mapping.name) open data")
        let store = InMemoryRequestStore()
        let report = try await OpenDataImporter(mapping: mapping, jurisdiction: jurisdiction, store: store)
            .importFile(at: file)
        console.print("   \(file.lastPathComponent)")
        console.print(
            "     \(survey.serviceTypes.count) service types, \(survey.departments.count) departments; \(report)"
        )
        var requests: [ServiceRequest] = []
        var histories: [[RequestEvent]] = []
        var cursor: PageCursor?
        repeat {
            let page = try await store.requests(
                matching: RequestQuery(),
                page: PageRequest(limit: PageRequest.maximumLimit, after: cursor)
            )
            for request in page.items {
                requests.append(request)
                histories.append(try await store.events(for: request.ticket))
            }
            cursor = page.next
        } while cursor != nil
        guard let first = requests.map(\.createdAt).min(),
            let last = histories.compactMap({ $0.last?.recordedAt }).max()
        else { throw CommandFailure(.failure, "\(file.lastPathComponent): no request was imported") }
        return ImportedCity(
            file: file,
            jurisdiction: jurisdiction,
            store: store,
            requests: requests,
            histories: histories,
            period: DateInterval(start: first, end: last.addingTimeInterval(1))
        )
    }
}
