// The sample county's Open311 GeoReport v2 API over real HTTP, on 127.0.0.1.
//
//     swift run --package-path Examples/Open311Server open311-server --port 8080 [--store sqlite:PATH]
//     curl http://127.0.0.1:8080/open311/v2/services.json

import Civic311
import Civic311Open311
import Civic311SQLite
import Civic311SampleCounty
import Foundation
import Hummingbird

let options = ServerOptions.parse(
    Array(CommandLine.arguments.dropFirst()),
    environment: ProcessInfo.processInfo.environment
)
let store: any RequestStore = try options.sqlitePath.map { try SQLiteRequestStore(path: $0) } ?? InMemoryRequestStore()
var configuration = ServiceCenter.Configuration(node: 1, triage: "311")
configuration.router = RoutingRuleSet.sampleCounty
configuration.serviceLevels = ServiceLevelEngine.sampleCounty
let center = try await ServiceCenter(jurisdiction: .sampleCounty, store: store, configuration: configuration)

let basePath = "/open311/v2"
let publicURL = "http://127.0.0.1:\(options.port)\(basePath)"
let app = GeoReportServer.Configuration(
    publicURL: publicURL,
    basePath: basePath,
    contact: "Cedar Valley 311: call 311, or write to info@cedarvalley311.example",
    keyService: "API keys are issued by Cedar Valley 311 (this demonstration server takes one key: see its README)",
    changeset: Date()
)
let geoReport = try GeoReportServer(
    center: center,
    jurisdictionID: "cedarvalley.example",
    apiKeys: GeoReportAPIKeys([
        options.apiKey: GeoReportAPIClient(
            name: "demonstration client",
            participant: .resident("demonstration-client"),
            channel: .web
        )
    ]),
    configuration: app
)
let application = Application(
    responder: GeoReportResponder(server: geoReport, maximumBodyBytes: app.maximumBodyBytes),
    configuration: .init(address: .hostname("127.0.0.1", port: options.port), serverName: "Civic311 Open311")
)
print("Cedar Valley County's GeoReport v2 API at \(publicURL) (discovery: \(publicURL)/discovery.json)")
print(
    "requests are kept \(options.sqlitePath.map { "in SQLite at \($0)" } ?? "in memory"); submissions need api_key=\(options.apiKey)"
)
try await application.runService()
