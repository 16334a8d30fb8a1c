import Civic311
import Civic311Open311
import Civic311SampleCounty
import Foundation

#if canImport(FoundationXML)
import FoundationXML
#endif

/// GeoReport v2 figures: a list of 100,000 requests encoded and decoded in JSON and XML (MB/s),
/// against `JSONEncoder`/`JSONDecoder` on a plain `Codable` struct of the same fields in the same
/// run; and requests per second through the server handler for `GET /requests` (1,000 records)
/// and for `POST /requests`. XML decoding is set against FoundationXML's `XMLParser` only parsing
/// the same bytes (no tree, no values): the reader the module used before it read XML itself.
///
/// Each figure is CPU time over several runs (min, median, max), so a shared machine's load
/// shows as spread, not as a wrong number. `OPEN311_RUNS` sets the runs (5), `OPEN311_COUNT` the
/// list size (100,000).
enum Open311Benchmark {
    static func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let count = Int(environment["OPEN311_COUNT"] ?? "") ?? 100_000
        let runs = max(1, Int(environment["OPEN311_RUNS"] ?? "") ?? 5)
        let records = makeRecords(count)
        let plain = records.map(PlainRequest.init)
        print("open311: \(count) requests, \(runs) runs each, CPU time; \(Measurement.load())")

        // JSON, ours and the baseline.
        var json: [UInt8] = []
        let encodeJSON = try runsOf(runs) { json = GeoReportServiceRequest.encodeList(records, format: .json) }
        var decoded: [GeoReportServiceRequest] = []
        let decodeJSON = try runsOf(runs) {
            decoded = try GeoReportServiceRequest.decodeList(from: json, format: .json)
        }
        guard decoded == records else { throw BenchmarkFailure("JSON did not read back equal") }
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        var baselineJSON = Data()
        let encodeBaseline = try runsOf(runs) { baselineJSON = try encoder.encode(plain) }
        var baselineDecoded: [PlainRequest] = []
        let decodeBaseline = try runsOf(runs) {
            baselineDecoded = try decoder.decode([PlainRequest].self, from: Data(json))
        }
        guard baselineDecoded.count == count else { throw BenchmarkFailure("the baseline lost records") }

        // XML.
        var xml: [UInt8] = []
        let encodeXML = try runsOf(runs) { xml = GeoReportServiceRequest.encodeList(records, format: .xml) }
        let xmlRuns = max(1, min(runs, 3))
        let decodeXML = try runsOf(xmlRuns) {
            decoded = try GeoReportServiceRequest.decodeList(from: xml, format: .xml)
        }
        guard decoded == records else { throw BenchmarkFailure("XML did not read back equal") }
        var elements = 0
        let parseXMLBaseline = try runsOf(xmlRuns) {
            let counter = ElementCounter()
            let parser = XMLParser(stream: InputStream(data: Data(xml)))
            parser.delegate = counter
            guard parser.parse() else { throw BenchmarkFailure("XMLParser refused the document") }
            elements = counter.elements
        }
        guard elements > count else { throw BenchmarkFailure("XMLParser saw \(elements) elements") }

        report("open311: encode JSON (ours)", encodeJSON, bytes: json.count, target: "≥ 100 MB/s")
        report("baseline: JSONEncoder, plain Codable struct", encodeBaseline, bytes: baselineJSON.count)
        report("open311: decode JSON (ours)", decodeJSON, bytes: json.count, target: "≥ 100 MB/s")
        report("baseline: JSONDecoder, plain Codable struct", decodeBaseline, bytes: json.count)
        report("open311: encode XML", encodeXML, bytes: xml.count)
        report("open311: decode XML (ours)", decodeXML, bytes: xml.count)
        report("baseline: XMLParser, parse only", parseXMLBaseline, bytes: xml.count)
        Measurement.report(
            "open311: vs baseline (median time ratio)",
            String(
                format: "JSON encode %.1f× faster, JSON decode %.1f× faster; XML decode to values at %.2f× "
                    + "XMLParser's bare parse",
                median(encodeBaseline) / median(encodeJSON),
                median(decodeBaseline) / median(decodeJSON),
                median(parseXMLBaseline) / median(decodeXML)
            )
        )

        try await handler(runs: runs)
    }

    // MARK: Handler

    private static func handler(runs: Int) async throws {
        let clock = try ManualWallClock(Date(timeIntervalSince1970: 1_795_442_100))
        let center = try await ServiceCenter(
            jurisdiction: .sampleCounty,
            store: InMemoryRequestStore(),
            configuration: .init(node: 1, clock: clock, triage: "311")
        )
        let client = GeoReportAPIClient(name: "bench", participant: .resident("bench"), channel: .web)
        let server = try GeoReportServer(
            center: center,
            jurisdictionID: "cedarvalley.example",
            apiKeys: GeoReportAPIKeys(["bench-key": client]),
            configuration: .init(
                publicURL: "http://127.0.0.1/open311/v2",
                basePath: "/open311/v2",
                contact: "311",
                keyService: "none",
                changeset: clock.now(),
                clock: clock
            )
        )
        // POST: every sample service type, answers as form fields.
        let forms = try SampleDrafts.make(for: .sampleCounty, count: 2_000).map { draft in
            var submission = GeoReportSubmission(draft)
            submission.apiKey = "bench-key"
            return submission.formBody()
        }
        let posts = 20_000
        var postTimes: [Double] = []
        var refused = 0
        for run in 0..<runs {
            let start = Measurement.processCPUTime()
            for index in 0..<posts {
                if index % 50 == 0 { try clock.advance(by: 1) }
                let response = await server.respond(
                    to: GeoReportHTTPRequest(
                        method: "POST",
                        path: "/open311/v2/requests.json",
                        headers: [GeoReportHTTPField(name: "Content-Type", value: "application/x-www-form-urlencoded")],
                        body: forms[(run * posts + index) % forms.count]
                    )
                )
                if response.status != 200 { refused += 1 }
            }
            postTimes.append(Measurement.processCPUTime() - start)
        }
        guard refused == 0 else { throw BenchmarkFailure("\(refused) submissions were refused") }
        // GET: the 1,000 newest of the requests just submitted (all within 90 days).
        let get = GeoReportHTTPRequest(method: "GET", path: "/open311/v2/requests.json")
        let gets = 50
        var getTimes: [Double] = []
        var bytes = 0
        for _ in 0..<runs {
            let start = Measurement.processCPUTime()
            for _ in 0..<gets {
                let response = await server.respond(to: get)
                bytes = response.body.count
            }
            getTimes.append(Measurement.processCPUTime() - start)
        }
        let records = try GeoReportServiceRequest.decodeList(from: await server.respond(to: get).body, format: .json)
        guard records.count == 1_000 else { throw BenchmarkFailure("GET listed \(records.count) requests, not 1,000") }
        Measurement.report(
            "open311: POST /requests through the handler",
            perSecond(posts, postTimes) + " (\(runs) runs)"
        )
        Measurement.report(
            "open311: GET /requests, 1,000 records (\(bytes / 1_000) kB)",
            perSecond(gets, getTimes) + " (\(runs) runs)"
        )
    }

    // MARK: Data

    /// Requests shaped like a city's: every field a Civic311 server writes, text of real length.
    static func makeRecords(_ count: Int) -> [GeoReportServiceRequest] {
        let services = Jurisdiction.sampleCounty.serviceTypes
        let base = 1_795_442_100.0
        return (0..<count).map { index in
            let service = services[index % services.count]
            let requested = Date(timeIntervalSince1970: base + Double(index) * 37)
            return GeoReportServiceRequest(
                id: GeoReportRequestID("02518-\(50_700 + index % 40_000)-\(1_000 + index % 9_000)"),
                status: index % 4 == 0 ? .closed : .open,
                statusNotes: index % 4 == 0 ? "Resolved: The crew fixed it." : "In progress",
                serviceName: service.name,
                serviceCode: service.id,
                description: "Reported problem number \(index) near the corner of Elm and 3rd; \"urgent\"",
                agencyResponsible: "Transportation and Streets",
                serviceNotice: "Transportation and Streets expects to resolve it by 2026-11-26 17:00 America/New_York.",
                requestedAt: requested,
                updatedAt: requested.addingTimeInterval(3_600),
                expectedAt: requested.addingTimeInterval(259_200),
                address: "\(index % 900 + 1) Elm Street",
                latitude: 39.08 + Double(index % 1_000) * 0.000_137,
                longitude: -77.15 - Double(index % 997) * 0.000_113
            )
        }
    }

    /// The same fields as a plain `Codable` struct: what `JSONEncoder`/`JSONDecoder` do for them.
    struct PlainRequest: Codable {
        var service_request_id: String?
        var status: String
        var status_notes: String?
        var service_name: String?
        var service_code: String
        var description: String?
        var agency_responsible: String?
        var service_notice: String?
        var requested_datetime: Date
        var updated_datetime: Date?
        var expected_datetime: Date?
        var address: String?
        var address_id: String?
        var zipcode: String?
        var lat: Double?
        var long: Double?
        var media_url: String?

        init(_ record: GeoReportServiceRequest) {
            service_request_id = record.id?.rawValue
            status = record.status.rawValue
            status_notes = record.statusNotes
            service_name = record.serviceName
            service_code = record.serviceCode.rawValue
            description = record.description
            agency_responsible = record.agencyResponsible
            service_notice = record.serviceNotice
            requested_datetime = record.requestedAt
            updated_datetime = record.updatedAt
            expected_datetime = record.expectedAt
            address = record.address
            address_id = record.addressID
            zipcode = record.zipCode
            lat = record.latitude
            long = record.longitude
            media_url = record.mediaURL
        }
    }

    // MARK: Measuring

    /// CPU seconds of each run of `body`, after one warm-up run.
    private static func runsOf(_ runs: Int, _ body: () throws -> Void) throws -> [Double] {
        try body()
        var times: [Double] = []
        for _ in 0..<runs { times.append(try Measurement.cpuSeconds(body).cpu) }
        return times.sorted()
    }

    private static func median(_ times: [Double]) -> Double { Measurement.percentile(times.sorted(), 0.5) }

    private static func report(_ name: String, _ times: [Double], bytes: Int, target: String? = nil) {
        let sorted = times.sorted()
        let megabytes = Double(bytes) / 1_000_000
        Measurement.report(
            name,
            String(
                format: "%.0f MB/s median (min %.0f, max %.0f; %.1f MB, %d runs)",
                megabytes / median(sorted),
                megabytes / (sorted.last ?? .nan),
                megabytes / (sorted.first ?? .nan),
                megabytes,
                sorted.count
            ),
            target: target
        )
    }

    private static func perSecond(_ count: Int, _ times: [Double]) -> String {
        let sorted = times.sorted()
        return String(
            format: "%.0f/s median (min %.0f, max %.0f) CPU",
            Double(count) / median(sorted),
            Double(count) / (sorted.last ?? .nan),
            Double(count) / (sorted.first ?? .nan)
        )
    }
}

/// Counts the elements `XMLParser` reports, so that its parse is not work thrown away.
private final class ElementCounter: NSObject, XMLParserDelegate {
    var elements = 0

    func parser(
        _ parser: XMLParser,
        didStartElement elementName: String,
        namespaceURI: String?,
        qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        elements += 1
    }
}
