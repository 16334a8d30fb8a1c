import Civic311
import Civic311Testing
import Foundation
import Synchronization
import Testing

@Suite struct OpenDataImporterTests {
    private struct Imported {
        let report: ImportReport
        let store: InMemoryRequestStore
        let jurisdiction: Jurisdiction
    }

    private func date(_ iso: String) -> Date {
        // Test-side parsing through Foundation, independent of the importer's own parser.
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = formatter.date(from: iso) { return date }
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.date(from: iso) ?? .distantPast
    }

    private func importFixture(
        _ name: String,
        _ mapping: ImportMapping,
        batchSize: Int = 4,
        into store: InMemoryRequestStore = InMemoryRequestStore()
    ) async throws -> Imported {
        let bytes = try ImportFixtures.bytes(name)
        let jurisdiction = try ImportSurvey(csv: bytes, mapping: mapping).jurisdiction(name: mapping.name)
        let importer = try OpenDataImporter(
            mapping: mapping,
            jurisdiction: jurisdiction,
            store: store,
            options: .init(batchSize: batchSize)
        )
        return Imported(report: try await importer.importCSV(bytes), store: store, jurisdiction: jurisdiction)
    }

    private func request(_ store: InMemoryRequestStore, _ system: String, _ id: String) async throws -> ServiceRequest {
        try #require(try await store.request(externalReference: .init(system: system, identifier: id)))
    }

    private func outline(_ report: ImportReport) -> [String] {
        report.problems.map { "\($0.line) \($0.code)\($0.isImported ? " imported" : "")" }
    }

    @Test func importsTheNewYorkLayout() async throws {
        let imported = try await importFixture("nyc311-fixture.csv", .newYorkCity)
        let report = imported.report
        #expect(report.rowsRead == 12)
        #expect(report.imported == 6)
        #expect(report.refused == 6)
        #expect(report.isComplete)
        #expect(
            outline(report) == [
                "7 missingValue", "8 invalidDate", "9 unknownStatus", "10 closedBeforeCreated imported",
                "11 missingValue", "12 duplicate", "13 invalidCoordinate imported", "14 invalidDate",
            ]
        )
        #expect(report.problems.first { $0.line == 14 }?.column == "Due Date")
        #expect(report.importedByState == [.closed: 2, .inProgress: 1, .new: 1, .onHold: 1, .assigned: 1])
        #expect(report.absentColumns.isEmpty)

        let noise = try await request(imported.store, "nyc-open-data", "1001")
        #expect(noise.createdAt == date("2022-05-01T04:00:03Z"))
        #expect(noise.closedAt == date("2022-05-01T05:30:00Z"))
        #expect(noise.dueAt == date("2022-05-01T12:00:03Z"))
        #expect(noise.serviceLevel.policy == "open-data:nyc311")
        #expect(noise.state == .closed)
        #expect(
            noise.closure
                == Closure(reason: .completed, note: "The Police Department responded, and\nresolved the condition.")
        )
        #expect(noise.channel == .web)
        #expect(noise.department == "NYPD")
        #expect(noise.serviceType == "NOISE_RESIDENTIAL")
        #expect(noise.description == "Loud Music/Party")
        #expect(noise.location?.address == "10 MAIN STREET, BRONX")
        #expect(noise.location?.coordinate == (try Coordinate(latitude: 40.83065, longitude: -73.92308)))
        #expect(noise.firstRespondedAt == noise.createdAt)
        #expect(noise.externalReferences.map(\.key) == [.init(system: "nyc-open-data", identifier: "1001")])
        // Numbered on the import's node at the second the resident called.
        #expect(noise.ticket.node == 99)
        #expect(noise.ticket.issuedAt == noise.createdAt)

        let parking = try await request(imported.store, "nyc-open-data", "1002")
        #expect(parking.state == .inProgress)
        #expect(parking.channel == .phone)
        // No due date in the row: the derived catalog's default target, 72 hours.
        #expect(parking.dueAt == parking.createdAt.addingTimeInterval(72 * 3600))
        let light = try await request(imported.store, "nyc-open-data", "1004")
        #expect(light.state == .onHold)
        #expect(light.channel == .phone)  // UNKNOWN falls back
        let early = try await request(imported.store, "nyc-open-data", "1008")
        #expect(early.closedAt == early.createdAt)
        let trash = try await request(imported.store, "nyc-open-data", "1010")
        #expect(trash.state == .assigned)
        #expect(trash.location == Location(address: "BRONX"))
        #expect(try await imported.store.countRequests(matching: RequestQuery()) == 6)
    }

    @Test func importingAgainReportsEveryRowAsADuplicateAndStoresNothing() async throws {
        let first = try await importFixture("nyc311-fixture.csv", .newYorkCity)
        let before = try await first.store.countRequests(matching: RequestQuery())
        let again = try await OpenDataImporter(
            mapping: .newYorkCity,
            jurisdiction: first.jurisdiction,
            store: first.store
        )
        .importCSV(try ImportFixtures.bytes("nyc311-fixture.csv"))
        #expect(again.imported == 0)
        #expect(again.rowsRead == 12)
        #expect(again.duplicates == 7)
        #expect(again.refused == 12)
        #expect(try await first.store.countRequests(matching: RequestQuery()) == before)
        let duplicate = try #require(again.problems.first { $0.sourceID == "1003" })
        let original = try await request(first.store, "nyc-open-data", "1003")
        #expect(duplicate.code == .duplicate)
        #expect(duplicate.reason == "source ID '1003' was imported before, as ticket \(original.ticket)")
    }

    @Test func importsTheChicagoLayout() async throws {
        let imported = try await importFixture("chicago311-fixture.csv", .chicago)
        let report = imported.report
        #expect((report.rowsRead, report.imported, report.refused) == (8, 4, 4))
        #expect(outline(report) == ["5 invalidDate", "6 missingValue", "7 fieldCount", "9 invalidDate"])
        let call = try await request(imported.store, "chicago-open-data", "SR21-00000001")
        #expect(call.createdAt == date("2021-01-01T06:00:09Z"))
        #expect(call.closedAt == call.createdAt)
        #expect(call.closure?.reason == .completed)
        #expect(call.serviceType == "311IOC")
        let light = try await request(imported.store, "chicago-open-data", "SR21-00000002")
        #expect(light.closure?.reason == .closedWithoutAction(code: "CANCELED"))
        #expect(light.closedAt == date("2021-01-01T15:15:30.500Z"))
        #expect(light.firstRespondedAt == nil)
        #expect(light.version == 3)
        #expect(light.department == "CDOT_DEPARTMENT_OF_TRANSPORTATION")
        let dup = try await request(imported.store, "chicago-open-data", "SR21-00000006")
        #expect(dup.state == .new)
        #expect(dup.channel == .phone)
        #expect(imported.jurisdiction.serviceType("PHF")?.name == "Pothole in Street Complaint")
    }

    @Test func importsTheSanFranciscoLayout() async throws {
        let imported = try await importFixture("sf311-fixture.csv", .sanFrancisco)
        let report = imported.report
        #expect((report.rowsRead, report.imported, report.refused) == (8, 5, 3))
        #expect(
            outline(report) == [
                "5 closedBeforeCreated imported", "6 invalidCoordinate imported", "8 missingValue", "9 unknownStatus",
                "10 malformedRecord",
            ]
        )
        let iso = try await request(imported.store, "sf-open-data", "1003")
        #expect(iso.createdAt == date("2015-03-01T18:00:00Z"))
        #expect(iso.channel == .web)
        let cleaning = try await request(imported.store, "sf-open-data", "1002")
        #expect(cleaning.queue == "DPW Ops Queue")
        #expect(cleaning.department == "DPW_OPS_QUEUE")
        #expect(cleaning.closure?.note == "Case Completed - resolved: done")
        #expect(cleaning.channel == .mobileApp)
        let bulky = try await request(imported.store, "sf-open-data", "1005")
        #expect(bulky.description == "Bulky items\non the curb")
        #expect(bulky.location?.coordinate == nil)
        #expect(bulky.channel == .socialMedia)
        // Before 2020 the numbering cannot tell the day: such tickets start at its epoch.
        #expect(bulky.ticket.issuedAt >= TicketNumber.epoch)
        #expect(bulky.ticket.issuedAt < TicketNumber.epoch.addingTimeInterval(60))
        let open = try await request(imported.store, "sf-open-data", "1001")
        #expect(open.state == .new)
        #expect(open.location?.coordinate?.latitude == 37.774007256355)
    }

    @Test func importsTheBostonLayoutWithItsTargetDates() async throws {
        let imported = try await importFixture("boston311-fixture.csv", .boston)
        let report = imported.report
        #expect((report.rowsRead, report.imported, report.refused) == (7, 5, 2))
        #expect(outline(report) == ["5 invalidDate", "7 closedBeforeCreated imported", "8 invalidDate"])
        #expect(report.problems.last?.column == "TARGET_DT")
        let light = try await request(imported.store, "boston-open-data", "101004128563")
        #expect(light.createdAt == date("2022-01-17T16:20:00Z"))
        #expect(light.dueAt == date("2022-01-18T16:20:22Z"))
        #expect(light.closedAt == date("2022-01-18T15:08:24Z"))
        #expect(light.closure?.note.contains("DAMAGED \"LED\" ACORN") == true)
        #expect(light.queue == "PWDx_Street Light Knock Downs")
        #expect(light.department == "PWDX")
        #expect(imported.jurisdiction.department("PWDX")?.name == "Public Works Department")
        // Without TARGET_DT, the service level of the derived catalog: the median of the type's
        // rows (48 h and 720 h: the lower middle, 48 h).
        let rodent = try await request(imported.store, "boston-open-data", "101000000003")
        #expect(rodent.dueAt == rodent.createdAt.addingTimeInterval(48 * 3600))
        #expect(rodent.serviceLevel.policy == CatalogServiceLevels.policyName)
        let open = try await request(imported.store, "boston-open-data", "101000000005")
        #expect(open.state == .new)
        #expect(open.channel == .departmentSystem)
    }

    @Test func aRepeatedHeaderNameMeansItsFirstColumn() async throws {
        var mapping = ImportMapping.boston
        mapping.description = ["resolution_hours"]
        let imported = try await importFixture("boston311-fixture.csv", mapping)
        let light = try await request(imported.store, "boston-open-data", "101004128563")
        #expect(light.description == "1")
    }

    @Test func anExistingJurisdictionRefusesWhatItDoesNotKnow() async throws {
        let jurisdiction = try Jurisdiction(
            name: "New York City",
            timeZoneIdentifier: "America/New_York",
            departments: [Department(id: "NYPD", name: "Police"), Department(id: "DOT", name: "Transportation")],
            serviceTypes: [
                ServiceType(
                    id: "NOISE_RESIDENTIAL",
                    name: "Noise",
                    group: "Noise",
                    department: "NYPD",
                    targetSeconds: 28_800
                ),
                ServiceType(
                    id: "ILLEGAL_PARKING",
                    name: "Parking",
                    group: "Streets",
                    department: "NYPD",
                    targetSeconds: 28_800
                ),
                ServiceType(
                    id: "STREET_CONDITION",
                    name: "Street",
                    group: "Streets",
                    department: "DOT",
                    targetSeconds: 864_000
                ),
                ServiceType(
                    id: "DIRTY_CONDITIONS",
                    name: "Dirt",
                    group: "Streets",
                    department: "DOT",
                    targetSeconds: 86_400
                ),
            ]
        )
        let store = InMemoryRequestStore()
        let report = try await OpenDataImporter(mapping: .newYorkCity, jurisdiction: jurisdiction, store: store)
            .importCSV(try ImportFixtures.bytes("nyc311-fixture.csv"))
        #expect(report.imported == 4)
        let unknown = report.problems.filter { $0.code == .unknownServiceType || $0.code == .unknownDepartment }
        #expect(unknown.map(\.line) == [6, 13])
        #expect(unknown.map(\.code) == [.unknownServiceType, .unknownDepartment])
        #expect(unknown.last?.reason == "department 'DSNY' (from 'DSNY') is not in New York City")
        // The catalog's 8-hour target sets the due date of a row without one.
        let parking = try await request(store, "nyc-open-data", "1002")
        #expect(parking.dueAt == parking.createdAt.addingTimeInterval(28_800))
    }

    @Test func numbersAtTheImportClockWhenAsked() async throws {
        let bytes = try ImportFixtures.bytes("chicago311-fixture.csv")
        let jurisdiction = try ImportSurvey(csv: bytes, mapping: .chicago).jurisdiction(name: "Chicago")
        let clock = try ManualWallClock(Date(timeIntervalSince1970: 1_800_000_000))
        let store = InMemoryRequestStore()
        _ = try await OpenDataImporter(
            mapping: .chicago,
            jurisdiction: jurisdiction,
            store: store,
            options: .init(ticketNode: 7, ticketTime: .importClock, clock: clock)
        ).importCSV(bytes)
        let call = try await request(store, "chicago-open-data", "SR21-00000001")
        #expect(call.ticket.node == 7)
        #expect(call.ticket.issuedAt == clock.now())
        #expect(call.createdAt == date("2021-01-01T06:00:09Z"))
    }

    @Test func refusesBadOptionsAndAMissingColumn() async throws {
        let jurisdiction = try ImportSurvey(csv: try ImportFixtures.bytes("boston311-fixture.csv"), mapping: .boston)
            .jurisdiction(name: "Boston")
        for options in [OpenDataImporter.Options(ticketNode: 100), .init(batchSize: 0)] {
            #expect(throws: ValidationError.self) {
                _ = try OpenDataImporter(
                    mapping: .boston,
                    jurisdiction: jurisdiction,
                    store: InMemoryRequestStore(),
                    options: options
                )
            }
        }
        var broken = ImportMapping.boston
        broken.name = ""
        #expect(throws: ConfigurationError.self) {
            _ = try OpenDataImporter(mapping: broken, jurisdiction: jurisdiction, store: InMemoryRequestStore())
        }
        let importer = try OpenDataImporter(mapping: .boston, jurisdiction: jurisdiction, store: InMemoryRequestStore())
        let error = await #expect(throws: OpenDataImportError.self) {
            _ = try await importer.importCSV(try ImportFixtures.bytes("chicago311-fixture.csv"))
        }
        #expect(error?.code == .missingColumn)
        #expect(error?.reason.hasPrefix("the header has no column 'CASE_ENQUIRY_ID', 'OPEN_DT'") == true)
        let empty = await #expect(throws: OpenDataImportError.self) { _ = try await importer.importCSV([]) }
        #expect(empty?.code == .missingHeader)
        let missingFile = await #expect(throws: OpenDataImportError.self) {
            _ = try await importer.importFile(at: URL(fileURLWithPath: "/nonexistent/boston.csv"))
        }
        #expect(missingFile?.code == .unreadableInput)
        let store = InMemoryRequestStore()
        let onStore = try OpenDataImporter(mapping: .boston, jurisdiction: jurisdiction, store: store)
        for line in [0, -3] {
            let refused = await #expect(throws: OpenDataImportError.self) {
                _ = try await onStore.importCSV(try ImportFixtures.bytes("boston311-fixture.csv"), resumingAt: line)
            }
            #expect(refused?.code == .invalidArgument)
            #expect(refused?.reason.contains("resumingAt") == true)
        }
        #expect(try await store.countRequests(matching: RequestQuery()) == 0)
    }

    @Test func importsAFileInChunksAsItImportsBytes() async throws {
        let bytes = try ImportFixtures.bytes("sf311-fixture.csv")
        let jurisdiction = try ImportSurvey(fileAt: ImportFixtures.url("sf311-fixture.csv"), mapping: .sanFrancisco)
            .jurisdiction(name: "San Francisco")
        let fromBytes = try await OpenDataImporter(
            mapping: .sanFrancisco,
            jurisdiction: jurisdiction,
            store: InMemoryRequestStore()
        )
        .importCSV(bytes)
        let fromFile = try await OpenDataImporter(
            mapping: .sanFrancisco,
            jurisdiction: jurisdiction,
            store: InMemoryRequestStore()
        )
        .importFile(at: ImportFixtures.url("sf311-fixture.csv"))
        #expect(fromFile == fromBytes)
    }

    // MARK: Store failures and resuming

    /// Fails its `failing` call (1 for the first) of `open(batch:)` or `append(batch:)`.
    final class FailingStore: ForwardingRequestStore {
        enum Step: Sendable { case open, append }
        let base: InMemoryRequestStore
        let step: Step
        let failing: Int
        private let calls = Mutex(0)

        init(base: InMemoryRequestStore, failing step: Step, call: Int) {
            self.base = base
            self.step = step
            failing = call
        }

        private func fails(_ this: Step) -> Bool {
            guard this == step else { return false }
            return calls.withLock { calls in
                calls += 1
                return calls == failing
            }
        }

        func open(batch: [(contact: Contact, opening: RequestEvent)]) async throws(StorageError) -> [ServiceRequest] {
            if fails(.open) { throw StorageError(.unavailable, reason: "the disk went away") }
            return try await base.open(batch: batch)
        }

        func append(
            batch: [(events: [RequestEvent], expectedVersion: Int)]
        ) async throws(StorageError) -> [Result<ServiceRequest, StorageError>] {
            if fails(.append) { throw StorageError(.unavailable, reason: "the disk went away") }
            return try await base.append(batch: batch)
        }
    }

    @Test(arguments: [FailingStore.Step.open, .append])
    func aStoreFailureSaysWhereToResumeAndResumingFinishesTheImport(step: FailingStore.Step) async throws {
        let bytes = try ImportFixtures.bytes("boston311-fixture.csv")
        let jurisdiction = try ImportSurvey(csv: bytes, mapping: .boston).jurisdiction(name: "Boston")
        let base = InMemoryRequestStore()
        let failing = FailingStore(base: base, failing: step, call: 2)
        let options = OpenDataImporter.Options(batchSize: 2)
        let error = await #expect(throws: OpenDataImportError.self) {
            _ = try await OpenDataImporter(
                mapping: .boston,
                jurisdiction: jurisdiction,
                store: failing,
                options: options
            )
            .importCSV(bytes)
        }
        #expect(error?.code == .storeFailed)
        #expect(error?.storageError?.code == .unavailable)
        #expect(error?.report.imported == 2)
        #expect(error?.report.resumeLine == 4)
        #expect(error?.report.lastLine == 3)
        let resumeLine = try #require(error?.report.resumeLine)
        let resumed = try await OpenDataImporter(
            mapping: .boston,
            jurisdiction: jurisdiction,
            store: base,
            options: options
        )
        .importCSV(bytes, resumingAt: resumeLine)
        #expect(resumed.skipped == 2)
        #expect(resumed.imported == 3)
        #expect(resumed.duplicates == 0)
        #expect(resumed.isComplete)
        // Whatever the failed batch had opened is finished, not left half-written.
        let all = try await base.requests(matching: RequestQuery(), page: .first)
        #expect(all.items.count == 5)
        #expect(all.items.allSatisfy { $0.version > 1 && $0.externalReferences.count == 1 })
    }
}
