import Civic311
import Civic311Open311
import Civic311SampleCounty
import Foundation
import Synchronization

extension FuzzTarget {
    /// The bytes a client sends a GeoReport server: a `POST /requests` form body, through
    /// `GeoReportSubmission(formBody:)` and through `GeoReportServer` (both formats) on the sample
    /// county, and the same bytes as the query of a `GET /requests` and as a path below the API.
    ///
    /// A body that decodes is written back by `formBody()` and reads back the same; a refused one
    /// names the field at fault. The server answers every request with a well-formed document of
    /// the format asked for: on success a receipt (and exactly one more request stored) or a
    /// request list, on refusal the specification's error document whose code is the status (and
    /// nothing stored). It never answers 500.
    ///
    /// The bytes as a path reach the route parser and the handlers of `/services/{code}`,
    /// `/requests/{id}` and `/tokens/{token}`: whatever the route, the answer is a document of
    /// the kind the route names, or an error document.
    static let open311Form = FuzzTarget(name: "open311-form") { data in
        let bytes = [UInt8](data)
        Open311Form.checkDecoding(bytes)
        let site = Open311Site.current()
        let answers = waitFor { () async -> [Open311Answer] in
            var answers: [Open311Answer] = []
            for format in GeoReportFormat.allCases {
                answers.append(await site.submit(bytes, format: format))
            }
            if let listing = await site.list(query: bytes) { answers.append(listing) }
            answers.append(await site.get(path: bytes))
            return answers
        }
        for answer in answers { answer.check() }
        PropertyCheck.expect(
            answers[0].response.status == answers[1].response.status,
            "a submission gets the same status in XML and JSON",
            "\(answers[0].response.status) / \(answers[1].response.status)"
        )
        if answers.contains(where: { $0.response.status == 200 && $0.stored == 1 }) { Open311Site.accepted() }
    }
}

enum Open311Form {
    static func checkDecoding(_ bytes: [UInt8]) {
        let first = Result { () throws(GeoReportDecodingError) in try GeoReportSubmission(formBody: bytes) }
        let second = Result { () throws(GeoReportDecodingError) in try GeoReportSubmission(formBody: bytes) }
        PropertyCheck.expect(first == second, "a form body gets the same verdict twice", "\(first)\n---\n\(second)")
        switch first {
        case .failure(let error):
            PropertyCheck.expect(!error.reason.isEmpty, "a refused form body says why", "\(error)")
            PropertyCheck.expect(
                !error.path.isEmpty || error.code == .malformedDocument,
                "a refused form body names the field at fault, unless the body is not a form",
                "\(error)"
            )
        case .success(let submission):
            for extra in submission.extras {
                PropertyCheck.expect(
                    !extra.name.hasPrefix("attribute["),
                    "a form field the submission keeps as an extra is not an attribute",
                    extra.name
                )
            }
            let written = submission.formBody()
            let again: GeoReportSubmission
            do {
                again = try GeoReportSubmission(formBody: written)
            } catch {
                PropertyCheck.fail(
                    "a submission written as a form body reads back",
                    "\(error)\n---\n\(String(decoding: written, as: UTF8.self))"
                )
            }
            PropertyCheck.expect(
                again == submission.comparable,
                "a submission written as a form body reads back as the same value",
                "\(submission)\n---\n\(String(decoding: written, as: UTF8.self))\n---\n\(again)"
            )
            PropertyCheck.expect(
                again.formBody() == written,
                "a submission read back is written as the same body",
                String(decoding: written, as: UTF8.self)
            )
        }
    }
}

/// What the server answered to one request, and how many requests it stored meanwhile.
struct Open311Answer: Sendable {
    let what: String
    let format: GeoReportFormat
    let response: GeoReportHTTPResponse
    let stored: Int
    let expected: Expected

    /// What a successful answer holds.
    enum Expected: Sendable {
        case receipt
        case requestList
        /// Whichever GeoReport document the path names.
        case anyDocument
    }

    /// A well-formed GeoReport answer, consistent with what was stored.
    func check() {
        let status = response.status
        let body = String(decoding: response.body, as: UTF8.self)
        PropertyCheck.expect(
            [200, 400, 403, 404].contains(status),
            "the server answers \(what) with 200, 400, 403 or 404, never a failure of its own",
            "\(status) \(body)"
        )
        PropertyCheck.expect(
            response.contentType == format.contentType,
            "the server answers \(what) in the format asked for",
            response.contentType
        )
        guard status == 200 else {
            let errors = GeoReportErrorDocument(decoding: response.body, format: format)
            PropertyCheck.expect(
                errors.entries.count == 1 && errors.entries[0].code == "\(status)"
                    && !errors.entries[0].description.isEmpty,
                "a refusal of \(what) is the specification's error document with the status as its code",
                body
            )
            PropertyCheck.expect(stored == 0, "a refusal of \(what) stores nothing", "\(stored) stored; \(body)")
            return
        }
        switch expected {
        case .receipt:
            let receipts = try? GeoReportSubmissionReceipt.decodeList(from: response.body, format: format)
            PropertyCheck.expect(
                receipts?.count == 1 && receipts?.first?.id != nil,
                "an accepted submission is answered with a receipt naming the request",
                body
            )
            PropertyCheck.expect(stored == 1, "an accepted submission is stored exactly once", "\(stored) stored")
        case .requestList:
            PropertyCheck.expect(
                (try? GeoReportServiceRequest.decodeList(from: response.body, format: format)) != nil,
                "a listing is answered with a request list",
                body
            )
            PropertyCheck.expect(stored == 0, "a listing stores nothing", "\(stored) stored")
        case .anyDocument:
            let body = response.body
            let readable =
                (try? GeoReportDiscovery(decoding: body, format: format)) != nil
                || (try? GeoReportService.decodeList(from: body, format: format)) != nil
                || (try? GeoReportServiceDefinition(decoding: body, format: format)) != nil
                || (try? GeoReportServiceRequest.decodeList(from: body, format: format)) != nil
                || (try? GeoReportTokenResolution.decodeList(from: body, format: format)) != nil
            PropertyCheck.expect(
                readable,
                "a GET is answered with a GeoReport document",
                String(decoding: body, as: UTF8.self)
            )
            PropertyCheck.expect(stored == 0, "a GET stores nothing", "\(stored) stored")
        }
    }
}

/// The sample county behind a GeoReport server on an in-memory store, replaced now and then so
/// that memory stays flat.
struct Open311Site: Sendable {
    let server: GeoReportServer
    let store: InMemoryRequestStore

    static let apiKey = "fuzz-app-key"
    private static let shared = Mutex<(site: Open311Site?, accepted: Int)>((nil, 0))

    static func current() -> Open311Site {
        if let site = shared.withLock({ $0.accepted < 1_000 ? $0.site : nil }) { return site }
        let fresh = make()
        shared.withLock { $0 = (fresh, 0) }
        return fresh
    }

    /// A new site, on an empty store and a clock that stands still.
    static func make() -> Open311Site {
        waitFor { () async -> Open311Site in
            do {
                let clock = try ManualWallClock(Date(timeIntervalSince1970: 1_795_442_100))
                let store = InMemoryRequestStore()
                let center = try await ServiceCenter(
                    jurisdiction: .sampleCounty,
                    store: store,
                    configuration: .init(node: 1, clock: clock)
                )
                let client = GeoReportAPIClient(name: "fuzz", participant: .resident("fuzz-app"), channel: .mobileApp)
                let server = try GeoReportServer(
                    center: center,
                    jurisdictionID: "cedarvalley.example",
                    apiKeys: GeoReportAPIKeys([apiKey: client]),
                    configuration: .init(
                        publicURL: "https://311.example/open311/v2",
                        basePath: "/open311/v2",
                        contact: "311",
                        keyService: "ask",
                        changeset: clock.now(),
                        clock: clock
                    )
                )
                return Open311Site(server: server, store: store)
            } catch {
                PropertyCheck.fail("the sample county's GeoReport server starts", "\(error)")
            }
        }
    }

    static func accepted() { shared.withLock { $0.accepted += 1 } }

    func submit(_ body: [UInt8], format: GeoReportFormat) async -> Open311Answer {
        let request = GeoReportHTTPRequest(
            method: "POST",
            path: "/open311/v2/requests\(format.pathExtension)",
            headers: [GeoReportHTTPField(name: "Content-Type", value: "application/x-www-form-urlencoded")],
            body: body
        )
        let before = await count()
        let response = await server.respond(to: request)
        return Open311Answer(
            what: "a submission",
            format: format,
            response: response,
            stored: await count() - before,
            expected: .receipt
        )
    }

    /// `GET /requests.json?<query>`, the query decoded as a client's target is; `nil` when the
    /// target itself is refused (a bad escape), which the HTTP server in front would answer.
    func list(query: [UInt8]) async -> Open311Answer? {
        let target = "/open311/v2/requests.json?" + String(decoding: query, as: UTF8.self)
        let request: GeoReportHTTPRequest
        do {
            request = try GeoReportHTTPRequest(method: "GET", target: target)
        } catch {
            PropertyCheck.expect(!error.reason.isEmpty, "a refused query says why", "\(error)")
            return nil
        }
        let before = await count()
        let response = await server.respond(to: request)
        return Open311Answer(
            what: "a listing",
            format: .json,
            response: response,
            stored: await count() - before,
            expected: .requestList
        )
    }

    /// `GET /open311/v2/<path>`: the answer comes in the format the path names, XML when it
    /// names none. Read from the path alone: a last segment not ending in `.json` is answered in
    /// XML, and a success for one that does in JSON. Only a refusal of a `.json` path may come in
    /// either, since a path the server cannot route at all is refused in XML.
    func get(path: [UInt8]) async -> Open311Answer {
        let text = String(decoding: path, as: UTF8.self)
        let request = GeoReportHTTPRequest(method: "GET", path: "/open311/v2/" + text)
        let before = await count()
        let response = await server.respond(to: request)
        let namesJSON = text.split(separator: "/", omittingEmptySubsequences: false).last?.hasSuffix(".json") ?? false
        let format: GeoReportFormat =
            if !namesJSON { .xml } else if response.status == 200 { .json } else {
                response.contentType == GeoReportFormat.json.contentType ? .json : .xml
            }
        return Open311Answer(
            what: "a GET of a path",
            format: format,
            response: response,
            stored: await count() - before,
            expected: .anyDocument
        )
    }

    private func count() async -> Int {
        do {
            return try await store.countRequests(matching: RequestQuery())
        } catch {
            PropertyCheck.fail("an in-memory store counts", "\(error)")
        }
    }
}
