import Civic311
import Civic311SQLite
import Civic311SampleCounty
import Foundation

/// Writes the seed corpus of every target (`CIVIC311_FUZZ_WRITE_SEEDS=DIR`), so that the committed
/// seeds are produced by the library itself and can be regenerated after a format change.
enum SeedWriter {
    /// Writes `DIR/<target>/<seed>` for every target; returns the exit status.
    static func writeAll(into directory: String) -> Int32 {
        var seeds: [String: [String: Data]] = [:]
        func add(_ target: String, _ name: String, _ text: String) {
            seeds[target, default: [:]][name] = Data(text.utf8)
        }

        for (name, text) in ticketNumbers { add("ticket-number", name, text) }
        for serviceType in Jurisdiction.sampleCounty.serviceTypes {
            add("intake", serviceType.id.rawValue.lowercased(), IntakeDraft.text(serviceType: serviceType))
        }
        add("intake", "unknown-type", "NO_SUCH_TYPE\nA noise at night\n\n\nweb")
        add("intake", "blank-description", "POTHOLE\n   \n12 Elm Street\n39.1,-77.2\nweb")
        add("jurisdiction", "sample-county", Jurisdiction.sampleCountyJSON)
        add("jurisdiction", "small", Documents.smallJurisdiction)
        add("jurisdiction", "unknown-department", Documents.jurisdictionWithUnknownDepartment)
        for (name, text) in Documents.calendars { add("calendar", name, text) }
        add("service-levels", "sample-county", ServiceLevelEngine.sampleCountyJSON)
        add("routing", "sample-county", RoutingRuleSet.sampleCountyJSON)
        add("geojson", "sample-county", DistrictMap.sampleCountyGeoJSON)
        for (name, text) in Documents.geoJSON { add("geojson", name, text) }
        for (name, text) in storeOptions { add("store-option", name, text) }
        for (name, arguments) in callDayArguments { add("call-day-arguments", name, arguments.joined(separator: "\n")) }
        for (name, data) in sqliteFiles() { seeds["sqlite-file", default: [:]][name] = data }
        for (target, name, bytes) in Open311Seeds.all() { seeds[target, default: [:]][name] = Data(bytes) }

        do {
            for (target, files) in seeds {
                let folder = URL(fileURLWithPath: directory).appendingPathComponent(target)
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
                for (name, data) in files { try data.write(to: folder.appendingPathComponent(name)) }
            }
        } catch {
            FileHandle.standardError.write(Data("cannot write the seeds: \(error)\n".utf8))
            return 1
        }
        return 0
    }

    private static var ticketNumbers: [(String, String)] {
        var seeds: [(String, String)] = []
        let parts = [(0, 0, 0, 0), (2_518, 50_700, 1, 0), (99_999, 86_399, 99, 99), (2_530, 43_200, 7, 42)]
        for (index, part) in parts.enumerated() {
            guard let ticket = try? TicketNumber(day: part.0, secondOfDay: part.1, node: part.2, sequence: part.3)
            else {
                continue
            }
            seeds.append(("grouped-\(index)", ticket.description))
            seeds.append(("digits-\(index)", ticket.digits))
            seeds.append(("spaced-\(index)", ticket.description.replacingOccurrences(of: "-", with: " ")))
        }
        seeds.append(("wrong-check-digit", "02518-50700-01005"))
        seeds.append(("misplaced-separator", "0251-850700-01006"))
        seeds.append(("letters", "O2518-5O7OO-O1OO6"))
        seeds.append(("second-out-of-range", "00000-99999-00005"))
        return seeds
    }

    private static let storeOptions = [
        ("memory", "memory"), ("sqlite", "sqlite:/tmp/civic311.sqlite"), ("sqlite-relative", "sqlite:day.sqlite"),
        ("sqlite-empty", "sqlite:"), ("other-backend", "postgres://localhost/civic311"), ("blank", ""),
        ("postgres-socket", "postgres:postgresql://postgres@/civic311?host=/tmp/c311pg&port=5432"),
        ("postgres-environment", "postgres:"), ("postgres-key-value", "postgres:host=/tmp port=5432 dbname=civic311"),
    ]

    private static let callDayArguments: [(String, [String])] = [
        ("defaults", []),
        ("help", ["--help"]),
        ("scale-json", ["--scale", "nyc-peak", "--format", "json"]),
        ("storm", ["--surge", "TREE_DOWN:8:14-20", "--surge", "all:1.5:0-24", "--html", "storm.html"]),
        ("staffing", ["--calls", "2000", "--agents", "40", "--target=90/30", "--interval", "15", "--days", "10"]),
        ("crews", ["--crew", "DOT:40", "--crew=PKS:12", "--order", "fifo", "--escalations", "--seed=7"]),
        ("store", ["--store", "sqlite:/tmp/call-day.sqlite", "--format", "csv"]),
        ("auto-staff", ["--auto-staff", "--scale", "washoe"]),
        ("conflict", ["--scale", "washoe", "--calls", "10"]),
        ("unknown-option", ["--colour", "blue"]),
        ("seed-not-a-number", ["--seed", "not-a-number"]),
        ("unknown-crew", ["--crew", "NOPE:3"]),
        (
            "erlang",
            [
                "erlang", "--calls", "100", "--interval-seconds", "1800", "--aht-seconds", "180", "--agents", "11",
                "--target-seconds", "20", "--sl-goal", "0.8", "--format", "json",
            ]
        ),
        (
            "erlang-percent",
            [
                "erlang", "--calls=250", "--interval-seconds=900", "--aht-seconds=240", "--agents=70",
                "--target-seconds=30", "--sl-goal=85%",
            ]
        ),
        ("erlang-missing", ["erlang", "--calls", "100"]),
    ]

    /// Store files: a new store, one holding a request of every sample service type, and files that
    /// are not stores.
    private static func sqliteFiles() -> [String: Data] {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("civic311-seeds-\(UUID())")
        defer { try? FileManager.default.removeItem(at: folder) }
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        func build(_ name: String, _ fill: @escaping @Sendable (SQLiteRequestStore) async throws -> Void) -> Data? {
            let path = folder.appendingPathComponent(name).path
            do {
                let store = try SQLiteRequestStore(path: path)
                let failure = waitFor { () async -> String? in
                    do { try await fill(store) } catch { return "\(error)" }
                    return nil
                }
                store.close()
                if let failure { PropertyCheck.fail("the seed store \(name) is filled", failure) }
            } catch {
                PropertyCheck.fail("the seed store \(name) opens", "\(error)")
            }
            return FileManager.default.contents(atPath: path)
        }
        var files: [String: Data] = [:]
        files["new-store"] = build("new") { _ in }
        files["sample-requests"] = build("sample") { store in
            let clock = try ManualWallClock(Date(timeIntervalSince1970: 1_780_000_000))
            let center = try await ServiceCenter(
                jurisdiction: .sampleCounty,
                store: store,
                configuration: .init(node: 3, clock: clock)
            )
            for serviceType in Jurisdiction.sampleCounty.serviceTypes.prefix(6) {
                let draft = IntakeDraft.draft(from: Data(IntakeDraft.text(serviceType: serviceType).utf8))
                _ = try? await center.submit(draft, by: .resident(nil))
                try clock.advance(by: 60)
            }
        }
        files["empty-file"] = Data()
        files["not-a-database"] = Data("this is a text file, not a SQLite database\n".utf8)
        return files
    }
}
