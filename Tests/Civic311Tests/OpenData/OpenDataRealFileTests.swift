import Civic311
import Foundation
import Testing

/// Imports the real samples in `../shared/data` and checks the report against counts made here,
/// with a parser and date handling of the test's own (Foundation's `DateFormatter`). Skipped when
/// the samples are absent.
@Suite(.enabled(if: ImportFixtures.sharedData != nil, "needs ../shared/data next to the repository"))
struct OpenDataRealFileTests {
    struct Layout: Sendable, CustomTestStringConvertible {
        let file: String
        let mapping: ImportMapping
        let id: String
        let created: String
        let closed: String
        let status: String
        let department: String
        /// The states the test expects for each status value, written out here.
        let states: [String: RequestState]
        let formats: [String]
        let zone: String
        let absent: [String]

        var testDescription: String { file }
    }

    static let layouts: [Layout] = [
        Layout(
            file: "nyc311_2022-05-01_fedhere-PyBOOT.csv",
            mapping: .newYorkCity,
            id: "Unique Key",
            created: "Created Date",
            closed: "Closed Date",
            status: "Status",
            department: "Agency",
            states: ["Open": .new, "In Progress": .inProgress, "Closed": .closed],
            formats: ["MM/dd/yyyy hh:mm:ss a"],
            zone: "America/New_York",
            absent: []
        ),
        Layout(
            file: "nyc311_2013-12-25_nikeiubel-association-rules.csv",
            mapping: .newYorkCity,
            id: "Unique Key",
            created: "Created Date",
            closed: "Closed Date",
            status: "Status",
            department: "Agency",
            states: [
                "Open": .new, "Assigned": .assigned, "Started": .inProgress, "Pending": .onHold, "Closed": .closed,
            ],
            formats: ["MM/dd/yyyy hh:mm:ss a"],
            zone: "America/New_York",
            absent: ["Open Data Channel Type", "Resolution Description"]
        ),
        Layout(
            file: "chicago311_2021-01-01_Nandini1Bag.csv",
            mapping: .chicago,
            id: "sr_number",
            created: "created_date",
            closed: "closed_date",
            status: "status",
            department: "owner_department",
            states: ["Open": .new, "Completed": .closed, "Canceled": .closed],
            formats: ["yyyy-MM-dd'T'HH:mm:ss.SSS"],
            zone: "America/Chicago",
            absent: []
        ),
        Layout(
            file: "sf311_random10000_sfbrigade.csv",
            mapping: .sanFrancisco,
            id: "CaseID",
            created: "Opened",
            closed: "Closed",
            status: "Status",
            department: "Responsible.Agency",
            states: ["Open": .new, "Closed": .closed],
            formats: ["MM/dd/yyyy hh:mm:ss a", "yyyy-MM-dd HH:mm:ss"],
            zone: "America/Los_Angeles",
            absent: []
        ),
        Layout(
            file: "boston311_2015-2024_yashchavan11.csv",
            mapping: .boston,
            id: "CASE_ENQUIRY_ID",
            created: "OPEN_DT",
            closed: "CLOSED_DT",
            status: "CASE_STATUS",
            department: "Department",
            states: ["Open": .new, "Closed": .closed],
            formats: ["yyyy-MM-dd HH:mm:ss"],
            zone: "America/New_York",
            absent: []
        ),
    ]

    private struct Expected {
        var rows = 0
        var refused = 0
        var closedBeforeCreated = 0
        var states: [RequestState: Int] = [:]
        var departments: [String: Int] = [:]
    }

    /// What the import must do with the file, counted here.
    private func expected(_ layout: Layout, _ rows: [(line: Int, values: [String: String])]) -> Expected {
        let formatters = layout.formats.map { format in
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = TimeZone(identifier: layout.zone)
            formatter.dateFormat = format
            return formatter
        }
        func date(_ text: String?) -> Date? {
            guard let text, !text.isEmpty else { return nil }
            return formatters.lazy.compactMap { $0.date(from: text) }.first
        }
        var expected = Expected()
        var seen: Set<String> = []
        for row in rows {
            expected.rows += 1
            let id = row.values[layout.id] ?? ""
            guard let state = layout.states[row.values[layout.status] ?? ""],
                let created = date(row.values[layout.created]),
                !id.isEmpty
            else {
                expected.refused += 1
                continue
            }
            let closed = date(row.values[layout.closed])
            if !state.isOpen, closed == nil {
                expected.refused += 1
                continue
            }
            guard seen.insert(id).inserted else {
                expected.refused += 1
                continue
            }
            if !state.isOpen, let closed, closed < created { expected.closedBeforeCreated += 1 }
            expected.states[state, default: 0] += 1
            expected.departments[row.values[layout.department] ?? "", default: 0] += 1
        }
        return expected
    }

    @Test(arguments: layouts)
    func importsEveryRowOrReportsIt(layout: Layout) async throws {
        let url = try #require(ImportFixtures.sharedData).appendingPathComponent(layout.file)
        let rows = ImportFixtures.rows(try String(contentsOf: url, encoding: .utf8))
        let expected = expected(layout, rows)
        let jurisdiction = try ImportSurvey(fileAt: url, mapping: layout.mapping).jurisdiction(name: layout.file)
        let store = InMemoryRequestStore()
        let report = try await OpenDataImporter(mapping: layout.mapping, jurisdiction: jurisdiction, store: store)
            .importFile(at: url)
        #expect(report.rowsRead == expected.rows)
        #expect(report.refused == expected.refused)
        #expect(report.imported == expected.rows - expected.refused)
        #expect(report.importedByState == expected.states)
        #expect(report.problemCounts[.closedBeforeCreated, default: 0] == expected.closedBeforeCreated)
        #expect(report.problems.filter { !$0.isImported }.count == expected.refused)
        #expect(report.absentColumns == layout.absent)
        #expect(try await store.countRequests(matching: RequestQuery()) == report.imported)
        for (department, count) in expected.departments {
            let code = DepartmentID(ImportMapping.CodeRule.derivedCode(department))
            #expect(
                try await store.countRequests(matching: RequestQuery(departments: [code])) == count,
                "\(department)"
            )
        }
    }

    /// Boston's own `OnTime_Status` must agree with the imported due and closing times.
    @Test func bostonsOnTimeStatusAgreesWithTheImportedDates() async throws {
        let url = try #require(ImportFixtures.sharedData).appendingPathComponent(
            "boston311_2015-2024_yashchavan11.csv"
        )
        let rows = ImportFixtures.rows(try String(contentsOf: url, encoding: .utf8))
        let jurisdiction = try ImportSurvey(fileAt: url, mapping: .boston).jurisdiction(name: "Boston")
        let store = InMemoryRequestStore()
        _ = try await OpenDataImporter(mapping: .boston, jurisdiction: jurisdiction, store: store).importFile(at: url)
        var checked = 0
        for row in rows where !(row.values["TARGET_DT"] ?? "").isEmpty {
            let id = try #require(row.values["CASE_ENQUIRY_ID"])
            let request = try #require(
                try await store.request(externalReference: .init(system: "boston-open-data", identifier: id))
            )
            let closedAt = try #require(request.closedAt)
            #expect((closedAt <= request.dueAt) == (row.values["OnTime_Status"] == "ONTIME"), "\(id)")
            checked += 1
        }
        #expect(checked == 4284)
    }
}
