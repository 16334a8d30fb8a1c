import Civic311
import Civic311SampleCounty
import Foundation

@testable import Civic311Open311

/// A sample-county center behind a GeoReport server, on a manual clock, for tests.
struct Open311Harness {
    static let start = Date(timeIntervalSince1970: 1_795_442_100)  // Mon 2026-11-23 13:55 UTC
    static let jurisdictionID: GeoReportJurisdictionID = "cedarvalley.example"
    static let resident = GeoReportAPIClient(
        name: "Cedar Valley app",
        participant: .resident("cedar-valley-app"),
        channel: .mobileApp
    )
    static let keys = GeoReportAPIKeys(["app-key": resident])

    let center: ServiceCenter
    let clock: ManualWallClock
    let server: GeoReportServer

    init(
        jurisdiction: Jurisdiction = .sampleCounty,
        maximumBodyBytes: Int = 65_536,
        extraCenters: [GeoReportJurisdictionID: ServiceCenter] = [:]
    ) async throws {
        clock = try ManualWallClock(Self.start)
        center = try await ServiceCenter(
            jurisdiction: jurisdiction,
            store: InMemoryRequestStore(),
            configuration: .init(node: 1, clock: clock, triage: "311")
        )
        var centers = extraCenters
        centers[Self.jurisdictionID] = center
        server = try GeoReportServer(
            centers: centers,
            apiKeys: Self.keys,
            configuration: .init(
                publicURL: "http://127.0.0.1:8080/open311/v2",
                basePath: "/open311/v2",
                contact: "Cedar Valley 311, call 311",
                keyService: "Write to api@cedarvalley.example",
                changeset: Self.start,
                maximumBodyBytes: maximumBodyBytes,
                clock: clock
            )
        )
    }

    /// `GET`/`POST` a target below the base path.
    func call(
        _ method: String,
        _ target: String,
        form: String? = nil,
        headers: [GeoReportHTTPField] = []
    ) async throws -> GeoReportHTTPResponse {
        var headers = headers
        if form != nil { headers.append(.init(name: "Content-Type", value: "application/x-www-form-urlencoded")) }
        let request = try GeoReportHTTPRequest(
            method: method,
            target: "/open311/v2" + target,
            headers: headers,
            body: Array((form ?? "").utf8)
        )
        return await server.respond(to: request)
    }

    /// Every request in the store, whatever its date.
    func storedCount() async throws -> Int {
        try await center.store.countRequests(matching: RequestQuery())
    }

    /// A pothole with every kind of personal data a resident can give.
    static func potholeDraft(description: String = "Deep pothole in the eastbound lane") -> ServiceRequestDraft {
        ServiceRequestDraft(
            serviceType: "POTHOLE",
            description: description,
            location: Location(
                address: "214 Elm Street",
                coordinate: try? Coordinate(latitude: 39.05, longitude: -77.1)
            ),
            answers: ["size": .choice("large"), "position": .choice("lane"), "damage": .yesNo(true)],
            submitter: Submitter(name: "Maria Lopez", phone: "(555) 010-7788", email: "maria.lopez@example.org"),
            channel: .web
        )
    }
}

extension GeoReportHTTPResponse {
    var text: String { String(decoding: body, as: UTF8.self) }

    func errors(_ format: GeoReportFormat) -> [GeoReportErrorDocument.Entry] {
        GeoReportErrorDocument(decoding: body, format: format).entries
    }
}
