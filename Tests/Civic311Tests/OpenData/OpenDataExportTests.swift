@_spi(Benchmarks) import Civic311
import Civic311SampleCounty
import Foundation
import Synchronization
import Testing

/// The export's formats, columns, location generalisation, validation and resumption.
@Suite struct OpenDataExportTests {
    private typealias Fixtures = OpenDataFixtures
    private static let county = Jurisdiction.sampleCounty

    /// A pothole (exact), a noise complaint (block), a housing complaint (private), a resolved and
    /// a closed request: one of each thing the columns show.
    private static func smallCenter() async throws -> (FoundationFixtures.Center, [TicketNumber]) {
        let fixture = try await FoundationFixtures.Center()
        let center = fixture.center
        let submitter = FoundationFixtures.submitter
        func type(_ code: ServiceTypeCode) throws -> ServiceType { try #require(county.serviceType(code)) }
        var tickets: [TicketNumber] = []
        tickets.append(
            try await center.submit(
                Fixtures.draft(
                    try type("POTHOLE"),
                    description: "Deep, \"wide\" pothole;\nsecond line",
                    address: "214 Elm Street",
                    submitter: submitter
                ),
                by: FoundationFixtures.callTaker
            ).ticket
        )
        try fixture.clock.advance(by: 61.25)
        tickets.append(
            try await center.submit(
                Fixtures.draft(
                    try type("NOISE"),
                    description: "Loud music every night",
                    address: "1234 Oak Avenue, Apt 5",
                    submitter: submitter,
                    index: 1
                ),
                by: FoundationFixtures.callTaker
            ).ticket
        )
        try fixture.clock.advance(by: 30)
        tickets.append(
            try await center.submit(
                Fixtures.draft(
                    try type("HOUSING_CODE"),
                    description: "No heat in the flat",
                    address: "77 Cedar Street, Apt 3B",
                    submitter: submitter
                ),
                by: FoundationFixtures.callTaker
            ).ticket
        )
        try fixture.clock.advance(by: 30)
        let resolved = try await center.submit(
            Fixtures.draft(try type("POTHOLE"), description: "Another one", address: "9 Elm Street", submitter: nil),
            by: FoundationFixtures.callTaker
        ).ticket
        try await center.accept(resolved, by: Fixtures.supervisor)
        try await center.start(resolved, by: Fixtures.supervisor)
        try fixture.clock.advance(by: 3_600)
        try await center.resolve(resolved, note: "Filled with hot asphalt", by: Fixtures.supervisor)
        tickets.append(resolved)
        let cancelled = try await center.submit(
            Fixtures.draft(try type("GRAFFITI"), description: "Tag on the wall", address: nil, submitter: nil),
            by: FoundationFixtures.callTaker
        ).ticket
        try await center.close(cancelled, reason: .cancelledByResident, note: "Painted over", by: Fixtures.supervisor)
        tickets.append(cancelled)
        return (fixture, tickets)
    }

    private static func export(
        _ store: any RequestStore,
        _ format: OpenDataFormat,
        jurisdiction: Jurisdiction = county,
        districts: DistrictMap? = nil,
        pageSize: Int = 1_000,
        chunkBytes: Int = 1 << 16,
        asOf: Date = FoundationFixtures.start.addingTimeInterval(7 * 86_400)
    ) throws -> OpenDataExport {
        try OpenDataExport(
            jurisdiction: jurisdiction,
            store: store,
            format: format,
            districts: districts,
            pageSize: pageSize,
            chunkBytes: chunkBytes,
            clock: try ManualWallClock(asOf)
        )
    }

    @Test func csvHasTheColumnsInOrderAndOneRecordPerPublicRequest() async throws {
        let (fixture, tickets) = try await Self.smallCenter()
        let sink = OpenDataMemorySink()
        let done = try await Self.export(fixture.store, .csv).write(period: Fixtures.period, to: sink)
        let records = try Fixtures.csvRecords(sink.text)
        #expect(records.first == OpenDataColumn.allCases.map(\.rawValue))
        #expect(
            OpenDataColumn.allCases.map(\.rawValue) == [
                "ticket", "created", "closed", "department", "department_name", "service_type", "service_type_name",
                "descriptor", "description", "status", "resolution", "resolution_updated", "location_precision",
                "address", "latitude", "longitude", "district", "channel", "due", "on_time",
            ]
        )
        #expect(sink.text.hasSuffix("\r\n"))
        #expect(done.isComplete && done.rows == 4 && done.withheld == 1 && done.bytes == sink.bytes.count)
        let rows = try Fixtures.csvRows(sink.text)
        #expect(rows.map { $0["ticket"] } == [tickets[0], tickets[1], tickets[3], tickets[4]].map(\.description))
        #expect(!rows.contains { $0["service_type"] == "HOUSING_CODE" })

        let pothole = rows[0]
        #expect(pothole["created"] == "2026-01-05T08:00:00.000Z")
        #expect(pothole["description"] == "Deep, \"wide\" pothole;\nsecond line")
        #expect(pothole["descriptor"] == "Smaller than a dinner plate; In a travel lane")
        #expect(pothole["location_precision"] == "exact")
        #expect(pothole["address"] == "214 Elm Street")
        #expect(pothole["latitude"] == "39.08123" && pothole["longitude"] == "-77.20046")
        let routed = try #require(try await fixture.store.request(tickets[0])).department
        #expect(pothole["department"] == routed.rawValue)
        #expect(pothole["department_name"] == Self.county.department(routed)?.name)
        #expect(pothole["service_type_name"] == "Pothole" && pothole["status"] == "Received")
        #expect(pothole["channel"] == "web" && pothole["closed"] == "" && pothole["resolution"] == "")
        // Due on Thursday at 5 pm Eastern, still open a week later: overdue.
        #expect(pothole["due"] == "2026-01-08T22:00:00.000Z" && pothole["on_time"] == "false")

        let noise = rows[1]
        #expect(noise["created"] == "2026-01-05T08:01:01.250Z")
        #expect(noise["location_precision"] == "block")
        #expect(noise["address"] == "1200 block of Oak Avenue")
        #expect(noise["latitude"] == "39.081" && noise["longitude"] == "-77.200")

        let resolved = rows[2]
        #expect(resolved["status"] == "Resolved" && resolved["resolution"] == "Filled with hot asphalt")
        #expect(resolved["resolution_updated"] == "2026-01-05T09:02:01.250Z" && resolved["on_time"] == "true")
        let cancelled = rows[3]
        #expect(cancelled["closed"] == "2026-01-05T09:02:01.250Z" && cancelled["on_time"] == "")
        #expect(cancelled["resolution"] == "Painted over" && cancelled["address"] == "")
    }

    @Test func timestampsAreISO8601InUTCWithMilliseconds() async throws {
        let fixture = try await FoundationFixtures.Center()
        let pothole = try #require(Self.county.serviceType("POTHOLE"))
        var generator = FoundationFixtures.SplitMix64(seed: 8_601)
        var created: [Date] = []
        for index in 0..<200 {
            // Up to about 3 years on, in whole milliseconds: leap days, month and year ends.
            try fixture.clock.advance(by: Double(generator.next() % 500_000_000) / 1_000)
            created.append(fixture.clock.now())
            _ = try await fixture.center.submit(
                Fixtures.draft(pothole, description: "Hole \(index)", address: "1 Elm Street", submitter: nil),
                by: FoundationFixtures.callTaker
            )
        }
        let sink = OpenDataMemorySink()
        let period = Fixtures.start..<fixture.clock.now().addingTimeInterval(1)
        try await Self.export(fixture.store, .csv).write(period: period, to: sink)
        // Foundation's formatter on the whole second, the milliseconds beside it: the stores keep
        // times truncated to milliseconds, which a formatter may round either way.
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        formatter.timeZone = TimeZone(identifier: "UTC")
        let rows = try Fixtures.csvRows(sink.text)
        #expect(rows.count == created.count)
        for (row, date) in zip(rows, created) {
            let milliseconds = Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
            let second = formatter.string(from: Date(timeIntervalSince1970: Double(milliseconds / 1000)))
            let fraction = String(milliseconds % 1000 + 1000).dropFirst()
            #expect(row["created"] == "\(second.dropLast(1)).\(fraction)Z")
        }
    }

    @Test func everyFormatWritesTheSameValues() async throws {
        let (fixture, _) = try await Self.smallCenter()
        var texts: [OpenDataFormat: String] = [:]
        for format in OpenDataFormat.allCases {
            let sink = OpenDataMemorySink()
            try await Self.export(fixture.store, format).write(period: Fixtures.period, to: sink)
            texts[format] = sink.text
        }
        let csv = try Fixtures.csvRows(try #require(texts[.csv]))
        let lines = try Fixtures.jsonLines(try #require(texts[.jsonLines]))
        let arrayText = try #require(texts[.jsonArray])
        let array = try JSONSerialization.jsonObject(with: Data(arrayText.utf8)) as! [[String: Any]]
        #expect(arrayText.hasPrefix("[\n{\"ticket\":") && arrayText.hasSuffix("}\n]\n"))
        #expect(lines.count == csv.count && array.count == csv.count)
        // Keys in column order on every line.
        for line in try #require(texts[.jsonLines]).split(separator: "\n") {
            let positions = OpenDataColumn.allCases.map { line.range(of: "\"\($0.rawValue)\":")!.lowerBound }
            #expect(positions == positions.sorted())
        }
        for (index, row) in csv.enumerated() {
            for column in OpenDataColumn.allCases {
                let key = column.rawValue
                let cell = try #require(row[key])
                for object in [lines[index], array[index]] {
                    switch object[key] {
                    case let text as String: #expect(text == cell, "\(key)")
                    case is NSNull: #expect(cell.isEmpty, "\(key)")
                    case let flag as Bool where column == .onTime: #expect(cell == (flag ? "true" : "false"))
                    case let number as NSNumber: #expect(Double(cell) == number.doubleValue, "\(key)")
                    default: Issue.record("\(key): unexpected \(String(describing: object[key]))")
                    }
                }
            }
        }
    }

    @Test func anEmptyPeriodIsAHeaderAnEmptyArrayOrNothing() async throws {
        let (fixture, _) = try await Self.smallCenter()
        let later = Fixtures.start.addingTimeInterval(30 * 86_400)
        let expected: [OpenDataFormat: String] = [
            .csv: OpenDataColumn.allCases.map(\.rawValue).joined(separator: ",") + "\r\n",
            .jsonLines: "",
            .jsonArray: "[]\n",
        ]
        for format in OpenDataFormat.allCases {
            let sink = OpenDataMemorySink()
            let done = try await Self.export(fixture.store, format).write(
                period: later..<later.addingTimeInterval(60),
                to: sink
            )
            #expect(sink.text == expected[format])
            #expect(done.isComplete && done.rows == 0 && done.bytes == sink.bytes.count)
        }
    }

    // MARK: Location

    @Test func locationsAreGeneralisedAsTheirServiceTypeSays() async throws {
        var types = Self.county.serviceTypes
        let index = try #require(types.firstIndex { $0.id == "GRAFFITI" })
        let hidden = try #require(types.firstIndex { $0.id == "ILLEGAL_DUMPING" })
        types[index].publicLocation = .district
        types[hidden].publicLocation = .withheld
        let jurisdiction = try Jurisdiction(
            name: Self.county.name,
            timeZoneIdentifier: Self.county.timeZoneIdentifier,
            departments: Self.county.departments,
            serviceTypes: types,
            knowledgeArticles: Self.county.knowledgeArticles
        )
        let clock = try ManualWallClock(Fixtures.start)
        let store = InMemoryRequestStore()
        let center = try await ServiceCenter(
            jurisdiction: jurisdiction,
            store: store,
            configuration: .init(node: 1, clock: clock, triage: "311")
        )
        for code: ServiceTypeCode in ["GRAFFITI", "ILLEGAL_DUMPING", "POTHOLE"] {
            _ = try await center.submit(
                Fixtures.draft(
                    try #require(jurisdiction.serviceType(code)),
                    description: "Seen today",
                    address: "88 Birch Road",
                    submitter: nil
                ),
                by: FoundationFixtures.callTaker
            )
            try clock.advance(by: 1)
        }
        #expect(throws: OpenDataExportError.self) {
            try OpenDataExport(jurisdiction: jurisdiction, store: store)
        }
        do {
            _ = try OpenDataExport(jurisdiction: jurisdiction, store: store)
        } catch {
            #expect(error.code == .missingDistrictMap && error.field == "serviceTypes[GRAFFITI].publicLocation")
        }
        let sink = OpenDataMemorySink()
        try await Self.export(store, .csv, jurisdiction: jurisdiction, districts: .sampleCounty)
            .write(period: Fixtures.period, to: sink)
        let rows = try Fixtures.csvRows(sink.text)
        let graffiti = try #require(rows.first { $0["service_type"] == "GRAFFITI" })
        #expect(graffiti["location_precision"] == "district" && graffiti["district"] == "Council District West")
        #expect(graffiti["address"] == "" && graffiti["latitude"] == "" && graffiti["longitude"] == "")
        let dumping = try #require(rows.first { $0["service_type"] == "ILLEGAL_DUMPING" })
        #expect(dumping["location_precision"] == "withheld" && dumping["district"] == "" && dumping["address"] == "")
        let pothole = try #require(rows.first { $0["service_type"] == "POTHOLE" })
        #expect(pothole["address"] == "88 Birch Road" && pothole["district"] == "Council District West")
    }

    @Test(arguments: [
        ("1234 Oak St, Apt 5", "1200 block of Oak St"),
        ("12B Elm Street", "0 block of Elm Street"),
        ("12 1/2 Elm Street", "0 block of Elm Street"),
        ("310-314 Main Street #4", "300 block of Main Street"),
        ("9876 Route 9 Unit 12", "9800 block of Route 9"),
        ("5th Avenue and Pine Street", "5th Avenue and Pine Street"),
        ("21st St (behind the school)", "21st St"),
        ("450 Maple Drive c/o the landlord", "400 block of Maple Drive"),
        ("77 Cedar Street; ring twice", "0 block of Cedar Street"),
        ("1500 Birch Rd Suite 200, Millbrook", "1500 block of Birch Rd"),
    ])
    func blockAddressesKeepTheStreetAndTheHundredBlock(address: String, published: String) async throws {
        let fixture = try await FoundationFixtures.Center()
        _ = try await fixture.center.submit(
            Fixtures.draft(
                try #require(Self.county.serviceType("NOISE")),
                description: "Loud",
                address: address,
                submitter: nil
            ),
            by: FoundationFixtures.callTaker
        )
        let sink = OpenDataMemorySink()
        try await Self.export(fixture.store, .csv).write(period: Fixtures.period, to: sink)
        #expect(try Fixtures.csvRows(sink.text).first?["address"] == published)
    }

    // MARK: Catalog

    @Test func theCatalogSaysHowALocationIsPublished() throws {
        func document(_ extra: String) -> Data {
            Data(
                """
                { "name": "T", "timeZone": "UTC", "departments": [ { "id": "D", "name": "Dept" } ],
                  "serviceTypes": [ { "code": "A", "name": "A", "group": "G", "department": "D", "targetHours": 1 \(extra) } ] }
                """.utf8
            )
        }
        #expect(try Jurisdiction(json: document("")).serviceTypes[0].publicLocation == .exact)
        for value in LocationPublishing.allCases {
            let loaded = try Jurisdiction(json: document(", \"publicLocation\": \"\(value.rawValue)\""))
            #expect(loaded.serviceTypes[0].publicLocation == value)
        }
        #expect(Self.county.serviceType("NOISE")?.publicLocation == .block)
        #expect(Self.county.serviceType("POTHOLE")?.publicLocation == .exact)
        for (extra, reason) in [
            (", \"publicLocation\": \"street\"", "unknown value 'street'"),
            (", \"publicLocation\": \"block\", \"private\": true", "a private service type is never published"),
        ] {
            let error = #expect(throws: ConfigurationError.self) { try Jurisdiction(json: document(extra)) }
            #expect(error?.issues.map(\.path) == ["$.serviceTypes[0].publicLocation"])
            #expect(error?.issues.first?.reason.hasPrefix(reason) == true, "\(error?.issues ?? [])")
        }
    }

    @Test func theSettingSurvivesCodableAndLeavesOlderFormsAlone() throws {
        var type = try #require(Self.county.serviceType("POTHOLE"))
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let before = try encoder.encode(type)
        #expect(!String(decoding: before, as: UTF8.self).contains("publicLocation"))
        type.publicLocation = .district
        let decoded = try JSONDecoder().decode(ServiceType.self, from: try JSONEncoder().encode(type))
        #expect(decoded.publicLocation == .district && decoded == type)
        type.publicLocation = .exact
        #expect(try encoder.encode(type) == before)
    }

    // MARK: Validation

    @Test func badArgumentsAreRefusedBeforeAnythingIsWritten() async throws {
        let (fixture, _) = try await Self.smallCenter()
        let store = fixture.store
        for (make, field) in [
            ({ try Self.export(store, .csv, pageSize: 0) }, "pageSize"),
            ({ try Self.export(store, .csv, pageSize: 1_001) }, "pageSize"),
            ({ try Self.export(store, .csv, chunkBytes: 0) }, "chunkBytes"),
            (
                {
                    try OpenDataExport(
                        jurisdiction: Self.county,
                        store: store,
                        scrubber: PersonalDataScrubber(rules: [.emailAddresses, .phoneNumbers])
                    )
                }, "scrubber.rules"
            ),
        ] as [(() throws -> OpenDataExport, String)] {
            let error = #expect(throws: OpenDataExportError.self) { try make() }
            #expect(error?.code == .invalidArgument && error?.field == field)
        }
        let export = try Self.export(store, .csv)
        let sink = OpenDataMemorySink()
        let empty = Fixtures.start..<Fixtures.start
        let error = await #expect(throws: OpenDataExportError.self) { try await export.write(period: empty, to: sink) }
        #expect(error?.code == .invalidArgument && error?.field == "period")
        #expect(sink.bytes.isEmpty)
    }

    // MARK: Resuming

    /// 300 requests of every public and private type, some with work done.
    private static func busyStore() async throws -> InMemoryRequestStore {
        let fixture = try await FoundationFixtures.Center()
        let types = county.serviceTypes
        for index in 0..<300 {
            let type = types[index % types.count]
            let ticket = try await fixture.center.submit(
                Fixtures.draft(
                    type,
                    description: "Problem \(index), \"quoted\", with a comma",
                    address: "\(index * 7) Elm Street",
                    submitter: type.requiresContact ? FoundationFixtures.submitter : nil,
                    index: index
                ),
                by: FoundationFixtures.callTaker
            ).ticket
            if index % 3 == 0 {
                try await fixture.center.accept(ticket, by: Fixtures.supervisor)
                try await fixture.center.putOnHold(
                    ticket,
                    waitingFor: "Photo \(index), please",
                    by: Fixtures.supervisor
                )
            }
            try fixture.clock.advance(by: 7.5)
        }
        return fixture.store
    }

    /// Stops after `stopAfter` reported positions and returns the last one.
    private struct Stop: Error {}

    @Test(arguments: OpenDataFormat.allCases)
    func anInterruptedExportResumesToTheSameBytes(format: OpenDataFormat) async throws {
        let store = try await Self.busyStore()
        let whole = OpenDataMemorySink()
        let export = try Self.export(store, format, pageSize: 7, chunkBytes: 700)
        let done = try await export.write(period: Fixtures.period, to: whole)
        #expect(done.isComplete && done.rows + done.withheld == 300 && done.withheld > 0)
        for stopAfter in [1, 2, 5, 13, 40] {
            let first = OpenDataMemorySink()
            let saved = Mutex<OpenDataExport.Position?>(nil)
            let counter = Mutex(0)
            await #expect(throws: Stop.self) {
                try await export.write(period: Fixtures.period, to: first) { position in
                    saved.withLock { $0 = position }
                    let count = counter.withLock {
                        $0 += 1
                        return $0
                    }
                    if count == stopAfter { throw Stop() }
                }
            }
            let position = try #require(saved.withLock { $0 })
            #expect(!position.isComplete && position.bytes == first.bytes.count)
            // The export resumes at another clock reading; the position keeps the first one.
            let later = try Self.export(
                store,
                format,
                pageSize: 13,
                chunkBytes: 1_000,
                asOf: Fixtures.start.addingTimeInterval(90 * 86_400)
            )
            let final = try await later.write(period: Fixtures.period, to: first, resumingFrom: position)
            #expect(first.bytes == whole.bytes, "stopped after \(stopAfter) chunks")
            #expect(final == done)
        }
    }

    @Test func aFileCutMidChunkResumesToTheSameBytes() async throws {
        let store = try await Self.busyStore()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("open-data-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let export = try Self.export(store, .csv, pageSize: 50, chunkBytes: 2_000)
        let wholeURL = directory.appendingPathComponent("whole.csv")
        let done = try await export.write(period: Fixtures.period, to: try OpenDataFileSink(creating: wholeURL))
        let whole = try Data(contentsOf: wholeURL)
        #expect(whole.count == done.bytes)

        // The sink writes half of the fourth chunk and fails, like a process killed mid-write.
        let url = directory.appendingPathComponent("cut.csv")
        let file = try OpenDataFileSink(creating: url)
        let chunks = Mutex(0)
        let failing = OpenDataChunkSink { chunk in
            let count = chunks.withLock {
                $0 += 1
                return $0
            }
            if count == 4 {
                try await file.write(Array(chunk.prefix(chunk.count / 2)))
                throw Stop()
            }
            try await file.write(chunk)
        }
        let saved = Mutex<OpenDataExport.Position?>(nil)
        await #expect(throws: Stop.self) {
            try await export.write(period: Fixtures.period, to: failing) { position in saved.withLock { $0 = position }
            }
        }
        let position = try #require(saved.withLock { $0 })
        #expect(try Data(contentsOf: url).count > position.bytes)
        let resumed = try OpenDataFileSink(resuming: url, at: position)
        try await export.write(period: Fixtures.period, to: resumed, resumingFrom: position)
        try resumed.synchronize()
        #expect(try Data(contentsOf: url) == whole)

        // A file shorter than the position cannot be resumed.
        try Data(whole.prefix(10)).write(to: url)
        let error = #expect(throws: OpenDataExportError.self) { try OpenDataFileSink(resuming: url, at: position) }
        #expect(error?.code == .positionMismatch)
    }

    @Test func aPositionFromAnotherExportIsRefused() async throws {
        let store = try await Self.busyStore()
        let csv = try Self.export(store, .csv, chunkBytes: 1_000)
        let saved = Mutex<OpenDataExport.Position?>(nil)
        await #expect(throws: Stop.self) {
            try await csv.write(period: Fixtures.period, to: OpenDataMemorySink()) { position in
                saved.withLock { $0 = position }
                throw Stop()
            }
        }
        let position = try #require(saved.withLock { $0 })
        let sink = OpenDataMemorySink()
        let json = try Self.export(store, .jsonLines)
        let formatError = await #expect(throws: OpenDataExportError.self) {
            try await json.write(period: Fixtures.period, to: sink, resumingFrom: position)
        }
        #expect(formatError?.code == .positionMismatch && formatError?.field == "position.format")
        let other = Fixtures.period.lowerBound..<Fixtures.period.upperBound.addingTimeInterval(1)
        let periodError = await #expect(throws: OpenDataExportError.self) {
            try await csv.write(period: other, to: sink, resumingFrom: position)
        }
        #expect(periodError?.code == .positionMismatch && periodError?.field == "position.period")
        #expect(sink.bytes.isEmpty)
        // A finished export has nothing more to write.
        let done = try await csv.write(period: Fixtures.period, to: OpenDataMemorySink())
        #expect(try await csv.write(period: Fixtures.period, to: sink, resumingFrom: done) == done)
        #expect(sink.bytes.isEmpty)
        // A position survives being saved as JSON.
        let decoded = try JSONDecoder().decode(OpenDataExport.Position.self, from: try JSONEncoder().encode(position))
        #expect(decoded == position)
    }
}
