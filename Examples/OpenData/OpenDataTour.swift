import Civic311
import ExampleCommandLine
import Foundation

/// The tour: each city's file surveyed, imported into its own in-memory store, measured, and
/// exported again as open data.
struct OpenDataTour {
    let files: OpenDataFiles
    let output: URL
    let console: Console

    func run() async throws {
        console.print("Open data: real 311 records imported, measured and published again")

        console.print("\n1. Boston, with its own on-time flag")
        let boston = try await ImportedCity.load(files.boston, mapping: .boston, console: console)
        try compareOnTime(boston)

        console.print("\n2. New York City, Chicago and San Francisco, by agency and by channel")
        var cities = [boston]
        let others: [(URL, ImportMapping)] =
            files.newYorkCity.map { ($0, .newYorkCity) } + [
                (files.chicago, .chicago), (files.sanFrancisco, .sanFrancisco),
            ]
        for (file, mapping) in others {
            let city = try await ImportedCity.load(file, mapping: mapping, console: console)
            tally(city)
            cities.append(city)
        }

        console.print("\n3. Published again as open data: scrubbed, private types left out")
        for city in cities { try await publish(city) }
    }

    /// The SDK's SLA report beside the city's own `OnTime_Status`, on the rows where both judge
    /// the same promise: those with a target date in the file.
    private func compareOnTime(_ city: ImportedCity) throws {
        var flags: [String: Int] = [:]
        var reader = try CSVReader(fileAt: city.file)
        guard try reader.next(), let column = reader.fields.firstIndex(of: "OnTime_Status"),
            let target = reader.fields.firstIndex(of: "TARGET_DT")
        else { throw CommandFailure(.failure, "\(city.file.lastPathComponent) has no OnTime_Status column") }
        while try reader.next() {
            guard column < reader.fieldCount, target < reader.fieldCount, !reader.field(target).isEmpty else {
                continue
            }
            flags[reader.field(column), default: 0] += 1
        }
        let onTime = flags["ONTIME", default: 0]
        let overdue = flags["OVERDUE", default: 0]

        let fromFile = city.requests.filter { $0.serviceLevel.policy.hasPrefix("open-data:") }
        let engine = try ServiceLevelEngine(
            jurisdiction: city.jurisdiction,
            calendars: ["always": .twentyFourSeven(timeZone: city.jurisdiction.timeZoneIdentifier)],
            defaultCalendar: "always",
            agreements: []
        )
        let report = ComplianceReport(requests: fromFile, period: city.period, asOf: city.period.end, engine: engine)
        let all = ComplianceReport(requests: city.requests, period: city.period, asOf: city.period.end, engine: engine)
        let measures = try OnTimeMeasure(histories: city.histories, asOf: city.period.end, serviceLevels: engine)
        console.print("   rows with a target date (TARGET_DT): \(fromFile.count)")
        console.print(
            "   on time, the city's own flag:        \(percent(onTime, onTime + overdue))"
                + "  (ONTIME \(onTime), OVERDUE \(overdue); \(flags[""] ?? 0) without a flag)"
        )
        console.print(
            "   on time, the SDK's SLA report:       \(percent(report.total.met, report.total.population))"
                + "  (met \(report.total.met), closed late \(report.total.closedLate),"
                + " open overdue \(report.total.openOverdue))"
        )
        console.print(
            "   every row, targets the file lacks set from each type's median hours: "
                + "\(percent(all.total.met, all.total.population)) by the SLA report, "
                + "\(percent(measures.met, measures.met + measures.closedLate + measures.openOverdue)) "
                + "by ServiceMeasures' on-time share"
        )
        for department in report.departments.sorted(by: { $0.population > $1.population }).prefix(4) {
            console.print(
                "     \(pad(department.department?.rawValue ?? "", 8)) \(percent(department.met, department.population))"
                    + " of \(department.population)"
            )
        }
    }

    /// Requests by agency (the busiest five) and by channel.
    private func tally(_ city: ImportedCity) {
        var agencies: [DepartmentID: Int] = [:]
        var channels: [Channel: Int] = [:]
        for request in city.requests {
            agencies[request.department, default: 0] += 1
            channels[request.channel, default: 0] += 1
        }
        let busiest = agencies.sorted { ($0.value, $1.key) > ($1.value, $0.key) }
        console.print(
            "   by agency: "
                + busiest.prefix(5).map { "\($0.key) \($0.value)" }.joined(separator: ", ")
                + (busiest.count > 5 ? ", \(busiest.count - 5) more" : "")
        )
        console.print(
            "   by channel: "
                + channels.sorted { ($0.value, $1.key.rawValue) > ($1.value, $0.key.rawValue) }
                .map { "\($0.key.rawValue) \($0.value)" }.joined(separator: ", ")
        )
    }

    /// Writes the city's requests as open-data CSV, scrubbed, and says what was written.
    private func publish(_ city: ImportedCity) async throws {
        let file = output.appendingPathComponent(city.file.deletingPathExtension().lastPathComponent + "-open.csv")
        // The on-time column is read as of the file's last event, not the day the tour runs, so
        // the same file always publishes the same bytes.
        let export = try OpenDataExport(
            jurisdiction: city.jurisdiction,
            store: city.store,
            format: .csv,
            clock: ManualWallClock(city.period.end)
        )
        let sink = try OpenDataFileSink(creating: file)
        let position = try await export.write(period: city.period, to: sink)
        try sink.synchronize()
        console.print(
            "   \(pad(file.lastPathComponent, 46)) \(position.rows) rows, \(position.withheld) withheld,"
                + " \(position.bytes) bytes"
        )
    }

    private func percent(_ part: Int, _ whole: Int) -> String {
        whole == 0 ? "  n/a" : String(format: "%5.1f %%", 100 * Double(part) / Double(whole))
    }

    private func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }
}
