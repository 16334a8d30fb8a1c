// docs: begin open311-server
import Civic311
import Civic311Open311
import Civic311SampleCounty
import Foundation

let center = try await ServiceCenter(jurisdiction: .sampleCounty, store: .inMemory, configuration: .init(node: 1))
let server = try GeoReportServer(
    center: center,
    jurisdictionID: "cedarvalley.example",
    apiKeys: GeoReportAPIKeys([
        "app-key": GeoReportAPIClient(name: "App", participant: .resident("cedar-valley-app"), channel: .mobileApp)
    ]),
    configuration: .init(
        publicURL: "https://311.cedarvalley.example/open311/v2",
        basePath: "/open311/v2",
        contact: "Call 311",
        keyService: "Write to api@cedarvalley.example",
        changeset: Date(timeIntervalSince1970: 1_764_547_200)  // when the catalog last changed
    )
)
let response = await server.respond(to: try GeoReportHTTPRequest(method: "GET", target: "/open311/v2/services.json"))
print(response.status, response.contentType)  // 200 application/json; charset=utf-8
// docs: end

// docs: begin open311-respond
// What your HTTP server received: method, path with its query, headers and body.
let (method, pathAndQuery) = ("GET", "/open311/v2/requests.xml?status=open")
let (headers, body): ([GeoReportHTTPField], [UInt8]) = ([], [])
let answer = await server.respond(
    to: try GeoReportHTTPRequest(method: method, target: pathAndQuery, headers: headers, body: body)
)
// status: answer.status, Content-Type: answer.contentType, plus answer.headers; body: answer.body
print(answer.status, answer.contentType, answer.body.count)
// docs: end

// docs: begin open311-client
// A client for any city's endpoint. Here it talks to the server above in memory; leave out
// `transport:` and it goes over the network with URLSession.
let client = try GeoReportClient(
    transport: InMemoryGeoReportTransport(server: server),
    configuration: .init(
        endpoint: URL(string: "https://311.cedarvalley.example/open311/v2")!,
        format: .xml,  // every server offers XML
        jurisdictionID: "cedarvalley.example",
        apiKey: "app-key"  // sent with submissions only
    )
)
let services = try await client.services()
let definition = try await client.serviceDefinition(services[0].code)
let draft = ServiceRequestDraft(
    serviceType: "GRAFFITI",
    description: "Tags on the library wall",
    location: Location(address: "1 Library Plaza"),
    answers: ["surface": .choice("public"), "offensive": .yesNo(false)],
    channel: .mobileApp
)
let receipt = try await client.submit(GeoReportSubmission(draft))
let recent = try await client.allRequests(GeoReportRequestFilter(statuses: [.open]), pageSize: 50)
print(services.count, definition.attributes.count, receipt.id?.rawValue ?? "-", recent.count)
// docs: end
