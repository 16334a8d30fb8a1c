import Civic311
import Foundation
import Testing

@testable import Civic311Open311

/// The client's default transport, `URLSession`, against a real server over HTTP: CI starts
/// `Examples/Open311Server` and sets `OPEN311_SERVER_URL` to its base URL.
@Suite(
    .enabled(if: LiveServer.endpoint != nil, "needs OPEN311_SERVER_URL (CI starts the example server)")
)
struct GeoReportLiveServerTests {
    @Test(arguments: GeoReportFormat.allCases)
    func readsAndSubmitsOverHTTP(format: GeoReportFormat) async throws {
        let endpoint = try #require(LiveServer.endpoint)
        let client = try GeoReportClient(
            configuration: .init(endpoint: endpoint, format: format, apiKey: "demo-key", timeout: .seconds(20))
        )
        let discovery = try await client.discovery(
            at: endpoint.appendingPathComponent("discovery\(format.pathExtension)")
        )
        #expect(discovery.endpoints.first?.url == endpoint.absoluteString)
        let services = try await client.services()
        #expect(services.contains { $0.code == "POTHOLE" && $0.hasDefinition })
        let definition = try await client.serviceDefinition("POTHOLE")
        #expect(definition.attributes.map(\.code) == ["size", "position", "damage"])
        let receipt = try await client.submit(
            GeoReportSubmission(
                serviceCode: "POTHOLE",
                addressString: "1 Live Street",
                description: "Submitted by the live test over \(format)",
                attributes: ["size": .single("small"), "position": .single("shoulder")]
            )
        )
        let id = try #require(receipt.id)
        let record = try await client.request(id)
        #expect(record.description == "Submitted by the live test over \(format)")
        #expect(try await client.requests(GeoReportRequestFilter(ids: [id])).map(\.id) == [id])
        let refused = await #expect(throws: GeoReportClientError.self) {
            try await client.submit(GeoReportSubmission(serviceCode: "POTHOLE", latitude: 99, longitude: 0))
        }
        #expect(refused?.status == 400)
        #expect(refused?.errors.first?.description.hasPrefix("lat: must be between -90 and 90") == true)
    }
}

/// The server CI started, if any.
enum LiveServer {
    static let endpoint = ProcessInfo.processInfo.environment["OPEN311_SERVER_URL"].flatMap(URL.init(string:))
}
