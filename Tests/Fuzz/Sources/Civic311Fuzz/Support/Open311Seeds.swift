import Civic311
import Civic311Open311
import Civic311SampleCounty
import Foundation

/// The Open311 targets' seeds, written by the module itself: form bodies from `formBody()` of
/// submissions for the sample county's service types, and every kind of document the sample
/// county's `GeoReportServer` answers with, in each format.
enum Open311Seeds {
    /// `(target, seed name, bytes)` for `open311-form`, `open311-json` and `open311-xml`.
    static func all() -> [(String, String, [UInt8])] {
        var seeds: [(String, String, [UInt8])] = []
        var bodies: [(String, [UInt8])] = []
        for (index, serviceType) in Jurisdiction.sampleCounty.serviceTypes.prefix(8).enumerated() {
            let draft = IntakeDraft.draft(from: Data(IntakeDraft.text(serviceType: serviceType).utf8))
            var submission = GeoReportSubmission(draft)
            submission.apiKey = Open311Site.apiKey
            if index.isMultiple(of: 2) {
                submission.latitude = 39.05 + Double(index) / 100
                submission.longitude = -77.1
            }
            bodies.append((serviceType.id.rawValue.lowercased(), submission.formBody()))
        }
        for (name, body) in bodies { seeds.append(("open311-form", name, body)) }
        let refusals = [
            ("no-api-key", "service_code=POTHOLE&description=Deep+hole"),
            ("unknown-service", "api_key=\(Open311Site.apiKey)&service_code=NOPE&description=x"),
            ("latitude-not-a-number", "api_key=\(Open311Site.apiKey)&service_code=POTHOLE&lat=north&long=-77"),
            ("field-twice", "api_key=\(Open311Site.apiKey)&service_code=POTHOLE&service_code=GRAFFITI"),
            ("bad-escape", "api_key=\(Open311Site.apiKey)&service_code=POTHOLE&description=50%zz"),
            ("attribute-unclosed", "api_key=\(Open311Site.apiKey)&service_code=POTHOLE&attribute[size=large"),
            (
                "listing-query",
                "status=open,closed&service_code=POTHOLE,GRAFFITI&start_date=2026-11-01T00:00:00Z"
                    + "&end_date=2026-11-30&page=2&page_size=5&extensions=true&jurisdiction_id=cedarvalley.example"
            ),
            // The target sends its bytes as a path too.
            ("path-discovery", "discovery.json"),
            ("path-definition", "services/POTHOLE.xml"),
            ("path-request", "requests/02518-50100-01004.json"),
            ("path-token", "tokens/seed%20token.xml"),
        ]
        for (name, text) in refusals { seeds.append(("open311-form", name, Array(text.utf8))) }

        // The documents a client reads, as the server writes them.
        let site = Open311Site.make()
        let posted = Array(bodies.prefix(3))
        let responses = waitFor { () async -> [(String, GeoReportFormat, [UInt8])] in
            var responses: [(String, GeoReportFormat, [UInt8])] = []
            for format in GeoReportFormat.allCases {
                let ext = format.pathExtension
                func get(_ name: String, _ target: String) async {
                    guard let request = try? GeoReportHTTPRequest(method: "GET", target: "/open311/v2" + target) else {
                        PropertyCheck.fail("a seed's target is well-formed", target)
                    }
                    responses.append((name, format, await site.server.respond(to: request).body))
                }
                for (name, body) in posted {
                    let request = GeoReportHTTPRequest(
                        method: "POST",
                        path: "/open311/v2/requests\(ext)",
                        headers: [GeoReportHTTPField(name: "Idempotency-Key", value: "seed-\(format)-\(name)")],
                        body: body
                    )
                    responses.append(("receipt-\(name)", format, await site.server.respond(to: request).body))
                }
                await get("discovery", "/discovery\(ext)")
                await get("services", "/services\(ext)")
                await get("definition-pothole", "/services/POTHOLE\(ext)")
                await get("requests", "/requests\(ext)")
                await get("requests-extended", "/requests\(ext)?extensions=true")
                let token = "seed-\(format)-\(posted[0].0)"
                await get("token", "/tokens/\(token)\(ext)?api_key=\(Open311Site.apiKey)")
                await get("error-404", "/services/NOPE\(ext)")
                await get("error-400", "/requests\(ext)?status=pending")
            }
            return responses
        }
        for (name, format, body) in responses {
            seeds.append(("open311-\(format.rawValue)", name, body))
        }
        return seeds
    }
}
