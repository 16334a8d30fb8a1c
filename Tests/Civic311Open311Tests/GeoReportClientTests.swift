import Civic311
import Civic311SampleCounty
import Foundation
import Synchronization
import Testing

@testable import Civic311Open311

/// The client against the server's handler through the in-memory transport, and against
/// scripted failures: retries, backoff, timeouts and errors that name the server.
@Suite struct GeoReportClientTests {
    static let endpoint = URL(string: "http://311.cedarvalley.example/open311/v2")!

    /// Records the waits the client asks for, taking no time.
    final class Sleeps: Sendable {
        private let recorded = Mutex<[Duration]>([])
        var all: [Duration] { recorded.withLock { $0 } }
        func sleep(_ duration: Duration) { recorded.withLock { $0.append(duration) } }
    }

    /// Tokens `t1`, `t2`, … so runs replay exactly.
    final class Tokens: Sendable {
        private let count = Mutex(0)
        func next() -> GeoReportToken {
            let number = count.withLock { count in
                count += 1
                return count
            }
            return GeoReportToken("t\(number)")
        }
    }

    static func client(
        _ transport: any GeoReportTransport,
        format: GeoReportFormat = .json,
        sleeps: Sleeps = Sleeps(),
        retry: GeoReportRetryPolicy = GeoReportRetryPolicy()
    ) throws -> GeoReportClient {
        let tokens = Tokens()
        return try GeoReportClient(
            transport: transport,
            configuration: .init(
                endpoint: endpoint,
                format: format,
                apiKey: "app-key",
                retry: retry,
                makeToken: { tokens.next() },
                sleep: { sleeps.sleep($0) }
            )
        )
    }

    @Test(arguments: GeoReportFormat.allCases)
    func readsAndPostsThroughTheHandler(format: GeoReportFormat) async throws {
        let harness = try await Open311Harness()
        let client = try Self.client(InMemoryGeoReportTransport(server: harness.server), format: format)

        let discovery = try await client.discovery(
            at: Self.endpoint.appendingPathComponent("discovery\(format.pathExtension)")
        )
        #expect(discovery.endpoints.first?.url == "http://127.0.0.1:8080/open311/v2")
        let services = try await client.services()
        #expect(services.count == Jurisdiction.sampleCounty.serviceTypes.count)
        let definition = try await client.serviceDefinition("POTHOLE")
        #expect(definition.attributesInOrder.map(\.code) == ["size", "position", "damage"])

        let draft = Open311Harness.potholeDraft()
        let receipt = try await client.submit(GeoReportSubmission(draft))
        let id = try #require(receipt.id)
        #expect(receipt.serviceNotice?.contains("Transportation and Streets") == true)
        let stored = try await harness.center.request(try TicketNumber(parsing: id.rawValue), by: .system)
        #expect(stored.clientRequestID == "t1")
        #expect(stored.answers.count == 3)
        #expect(stored.submitter == draft.submitter)

        let resolution = try await client.resolve("t1")
        #expect(resolution.id == id)
        let record = try await client.request(id)
        #expect(record.serviceCode == "POTHOLE")
        #expect(record.address == "214 Elm Street")

        // Filters and pages.
        for index in 0..<25 {
            try harness.clock.advance(by: 60)
            _ = try await client.submit(GeoReportSubmission(Open311Harness.potholeDraft(description: "Hole \(index)")))
        }
        let open = try await client.requests(
            GeoReportRequestFilter(serviceCodes: ["POTHOLE"], statuses: [.open]),
            page: 2,
            pageSize: 10
        )
        #expect(open.count == 10)
        let all = try await client.allRequests(pageSize: 7)
        #expect(all.count == 26)
        #expect(Set(all.compactMap(\.id)).count == 26)
        let window = try await client.requests(
            GeoReportRequestFilter(
                start: Open311Harness.start.addingTimeInterval(60),
                end: Open311Harness.start.addingTimeInterval(180)
            )
        )
        #expect(window.count == 3)
        let byID = try await client.requests(GeoReportRequestFilter(ids: [id]))
        #expect(byID.map(\.id) == [id])
    }

    @Test func serverErrorsSayWhichServerSaidWhat() async throws {
        let harness = try await Open311Harness()
        let client = try Self.client(InMemoryGeoReportTransport(server: harness.server))
        let error = await #expect(throws: GeoReportClientError.self) {
            try await client.serviceDefinition("NOPE")
        }
        #expect(error?.code == .serverError)
        #expect(error?.status == 404)
        #expect(error?.server == "311.cedarvalley.example")
        #expect(error?.errors == [.init(code: "404", description: "service_code: no service 'NOPE'")])
        #expect(error?.attempts == 1)
        #expect(
            error?.description
                == "311.cedarvalley.example answered 404 to GET /open311/v2/services/NOPE.json: 404 service_code: no service 'NOPE' (1 attempt)"
        )
        var wrongKey = client.configuration
        wrongKey.apiKey = "guess"
        let rejected = await #expect(throws: GeoReportClientError.self) {
            try await GeoReportClient(
                transport: InMemoryGeoReportTransport(server: harness.server),
                configuration: wrongKey
            )
            .submit(GeoReportSubmission(Open311Harness.potholeDraft()))
        }
        #expect(rejected?.status == 403)
        #expect(try await harness.storedCount() == 0)
    }

    @Test func retriesServerFailuresWithBackoffAndSubmitsOnce() async throws {
        let harness = try await Open311Harness()
        let server = InMemoryGeoReportTransport(server: harness.server)
        let attempts = Mutex(0)
        // The first two attempts reach the server, but their answers are lost behind a failing
        // proxy; the third gets through. The token makes the submission count once.
        let flaky = InMemoryGeoReportTransport { request in
            let response = try await server.send(request)
            let attempt = attempts.withLock {
                $0 += 1
                return $0
            }
            if attempt == 1 {
                return GeoReportTransportResponse(status: 502, body: Array("<html>Bad Gateway</html>".utf8))
            }
            if attempt == 2 { throw GeoReportTransportError(.timedOut, reason: "no answer in 30 s") }
            return response
        }
        let sleeps = Sleeps()
        let client = try Self.client(
            flaky,
            sleeps: sleeps,
            retry: GeoReportRetryPolicy(maximumAttempts: 3, initialDelay: .milliseconds(100), multiplier: 3)
        )
        let receipt = try await client.submit(GeoReportSubmission(Open311Harness.potholeDraft()))
        #expect(receipt.id != nil)
        #expect(sleeps.all == [.milliseconds(100), .milliseconds(300)])
        #expect(try await harness.storedCount() == 1)
    }

    @Test func givesUpAfterTheLastAttemptAndNeverRetries4xx() async throws {
        let calls = Mutex(0)
        let down = InMemoryGeoReportTransport { _ in
            calls.withLock { $0 += 1 }
            return GeoReportTransportResponse(
                status: 503,
                headers: [.init(name: "Retry-After", value: "7")],
                body: GeoReportErrorDocument(status: 503, description: "CRM down").encoded(format: .json)
            )
        }
        let sleeps = Sleeps()
        let client = try Self.client(
            down,
            sleeps: sleeps,
            retry: GeoReportRetryPolicy(maximumAttempts: 4, maximumDelay: .seconds(5))
        )
        let error = await #expect(throws: GeoReportClientError.self) { try await client.services() }
        #expect(error?.attempts == 4)
        #expect(error?.status == 503)
        #expect(error?.reason == "503 CRM down")
        #expect(sleeps.all == [.seconds(5), .seconds(5), .seconds(5)])  // Retry-After, capped
        #expect(calls.withLock { $0 } == 4)

        let badRequestCalls = Mutex(0)
        let refusing = InMemoryGeoReportTransport { _ in
            badRequestCalls.withLock { $0 += 1 }
            return GeoReportTransportResponse(status: 400, body: Array(#"{"message":"jurisdiction_id required"}"#.utf8))
        }
        let refused = await #expect(throws: GeoReportClientError.self) {
            try await Self.client(refusing).requests()
        }
        #expect(refused?.errors == [.init(code: "", description: "jurisdiction_id required")])
        #expect(badRequestCalls.withLock { $0 } == 1)
    }

    @Test func timeoutsAndUnreachableServers() async throws {
        let sleeps = Sleeps()
        let slow = InMemoryGeoReportTransport { request in
            #expect(request.timeout == .seconds(30))
            throw GeoReportTransportError(.timedOut, reason: "no answer within 30 s")
        }
        let timedOut = await #expect(throws: GeoReportClientError.self) {
            try await Self.client(slow, sleeps: sleeps).services()
        }
        #expect(timedOut?.code == .timedOut)
        #expect(timedOut?.status == nil)
        #expect(
            timedOut?.description
                == "311.cedarvalley.example did not answer GET /open311/v2/services.json: no answer within 30 s (3 attempts)"
        )
        #expect(sleeps.all == [.milliseconds(500), .seconds(1)])
        let refused = InMemoryGeoReportTransport { _ in throw CocoaError(.fileNoSuchFile) }
        let unreachable = await #expect(throws: GeoReportClientError.self) {
            try await Self.client(refused, retry: .never).services()
        }
        #expect(unreachable?.code == .unreachable)
        #expect(unreachable?.attempts == 1)
    }

    @Test func undecodableAnswersAreErrorsNotCrashes() async throws {
        let garbage = InMemoryGeoReportTransport { _ in
            GeoReportTransportResponse(status: 200, body: Array("<html>hi</html>".utf8))
        }
        let error = await #expect(throws: GeoReportClientError.self) { try await Self.client(garbage).services() }
        #expect(error?.code == .undecodable)
        #expect(error?.reason.hasPrefix("the answer is not the document asked for") == true)
    }

    @Test func configurationIsChecked() throws {
        #expect(throws: ValidationError.self) {
            try GeoReportClient(configuration: .init(endpoint: Self.endpoint, timeout: .zero))
        }
        #expect(throws: ValidationError.self) {
            try GeoReportClient(
                configuration: .init(endpoint: Self.endpoint, retry: GeoReportRetryPolicy(maximumAttempts: 0))
            )
        }
        #expect(throws: ValidationError.self) {
            try GeoReportClient(
                configuration: .init(endpoint: Self.endpoint, retry: GeoReportRetryPolicy(multiplier: 0.5))
            )
        }
    }

    @Test func pathSegmentsAndQueriesAreEncoded() async throws {
        let seen = Mutex<[String]>([])
        let recorder = InMemoryGeoReportTransport { request in
            seen.withLock { $0.append(request.url.absoluteString) }
            return GeoReportTransportResponse(status: 200, body: Array("[]".utf8))
        }
        var configuration = try Self.client(recorder).configuration
        configuration.jurisdictionID = "city of x.gov"
        let client = try GeoReportClient(transport: recorder, configuration: configuration)
        _ = try await client.requests(
            GeoReportRequestFilter(serviceCodes: ["A B", "C&D"], start: utc("2024-01-01T00:00:00Z"))
        )
        _ = try await client.resolve("a/b c")
        #expect(
            seen.withLock { $0 } == [
                "http://311.cedarvalley.example/open311/v2/requests.json?jurisdiction_id=city+of+x.gov&service_code=A+B%2CC%26D&start_date=2024-01-01T00%3A00%3A00Z",
                "http://311.cedarvalley.example/open311/v2/tokens/a%2Fb%20c.json?jurisdiction_id=city+of+x.gov&api_key=app-key",
            ]
        )
    }
}
