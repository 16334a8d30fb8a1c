@_spi(Benchmarks) import Civic311
import Civic311SampleCounty
import Foundation
import Synchronization

/// Open-data export (issue 14's figure: at least 200,000 rows a second to CSV, scrubbing
/// included), on the real path: requests taken in through `ServiceCenter.submit` of the sample
/// county (its routing rules and service levels), a third of them worked on with public notes,
/// into an in-memory store, with text like residents' (some carrying a phone number, an e-mail
/// address or the submitter's name); then `OpenDataExport` to a sink that keeps only a count.
///
/// The baseline, in the same run, pages through the same store the same way and writes the same
/// columns to CSV by hand, unscrubbed and ungeneralised: the cost of reading and formatting, so
/// the difference is what privacy costs. Runs alternate, CPU time of this thread (the store and
/// the sink never suspend).
enum ExportBenchmark {
    static func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let count = Int(environment["EXPORT_REQUESTS"] ?? "") ?? 200_000
        let runs = Int(environment["EXPORT_RUNS"] ?? "") ?? 5
        let county = Jurisdiction.sampleCounty
        let (store, clock) = try await populate(county, count: count)
        let period = Date(timeIntervalSince1970: 0)..<clock.now().addingTimeInterval(1)
        let rows = try await store.countRequests(matching: RequestQuery())

        var times: [[(cpu: Double, wall: Double)]] = [[], [], []]
        var bytes = [0, 0, 0]
        var published = 0
        let residentBefore = Measurement.residentBytes()
        var residentGrowth = 0
        for _ in 0..<runs {
            for (slot, format) in [(0, OpenDataFormat.csv), (1, .jsonLines)] {
                let sink = CountingSink()
                let export = try OpenDataExport(jurisdiction: county, store: store, format: format, clock: clock)
                var done: OpenDataExport.Position?
                times[slot].append(
                    try await Measurement.asyncCPUSeconds { done = try await export.write(period: period, to: sink) }
                )
                bytes[slot] = sink.count
                published = done?.rows ?? 0
                residentGrowth = max(residentGrowth, Measurement.residentBytes() - residentBefore)
            }
            let sink = CountingSink()
            times[2].append(
                try await Measurement.asyncCPUSeconds {
                    try await UnscrubbedCSV.write(store: store, county: county, period: period, to: sink)
                }
            )
            bytes[2] = sink.count
        }
        print(
            "export: \(rows) requests (\(rows - published) private, left out), \(runs) runs alternating; "
                + Measurement.load()
        )
        Measurement.report(
            "export: CSV, scrubbed and generalised (rows/s)",
            Measurement.spread(published, times[0]),
            target: "≥ 200,000/s"
        )
        Measurement.report(
            "export: JSON Lines, scrubbed and generalised (rows/s)",
            Measurement.spread(published, times[1])
        )
        Measurement.report("export: CSV by hand, unscrubbed (baseline, rows/s)", Measurement.spread(rows, times[2]))
        Measurement.report(
            "export: CSV vs baseline",
            Measurement.ratio("the export", times[0], per: published, "the baseline", times[2], per: rows)
        )
        Measurement.report(
            "export: bytes per row (CSV / JSON Lines / baseline)",
            "\(bytes[0] / max(1, published)) / \(bytes[1] / max(1, published)) / \(bytes[2] / max(1, rows))"
        )
        Measurement.report(
            "export: resident memory growth while exporting",
            String(format: "%.1f MB (the store holds %d requests)", Double(residentGrowth) / 1e6, rows)
        )
        Floor.rate("export: CSV rows/s", Floor.medianRate(published, times[0]), target: 200_000)
    }

    /// A sink that only counts: what is measured is the export, not a disk.
    final class CountingSink: OpenDataSink {
        private let total = Mutex(0)
        func write(_ chunk: [UInt8]) async throws { total.withLock { $0 += chunk.count } }
        var count: Int { total.withLock { $0 } }
    }

    /// Requests of every service type through intake, a third resolved and a sixth on hold, with
    /// residents' kind of text.
    private static func populate(
        _ county: Jurisdiction,
        count: Int
    ) async throws -> (InMemoryRequestStore, ManualWallClock) {
        let clock = try ManualWallClock(Date(timeIntervalSince1970: 1_767_600_000))
        let store = InMemoryRequestStore()
        let center = try await ServiceCenter(
            jurisdiction: county,
            store: store,
            configuration: .init(node: 1, clock: clock)
        )
        var generator = SplitMix64(seed: 14)
        func pick<T>(_ values: [T]) -> T { values[Int(generator.next() % UInt64(values.count))] }
        let firsts = ["Sam", "Ana", "Chidi", "Dana", "Élodie", "Femi", "Grace", "Hiro", "Iñaki", "Jun", "Maria"]
        let lasts = ["Rivera", "Okafor", "Ng", "Smith-Jones", "O'Brien", "García", "Kowalski", "Lee", "Chen"]
        let problems = [
            "Deep hole in the eastbound lane outside number", "Light out at the corner of Oak Avenue and 5th Street",
            "Bin missed again on Elm Court, it was out by 6 am", "Graffiti on the north wall of the library",
            "Branch blocking the sidewalk near the school", "Water coming up through the road near",
        ]
        let notes = [
            "Crew filled the pothole with hot asphalt at 1:30 pm; lane reopened.",
            "Replaced the lamp and checked the circuit.", "Collected on the next round.",
            "Painted over; the owner was told.",
        ]
        let staff = Participant.supervisor("bench")
        let coordinate = try Coordinate(latitude: 39.08, longitude: -77.15)
        let templates = try SampleDrafts.make(for: county, count: county.serviceTypes.count)
        for index in 0..<count {
            var draft = templates[index % templates.count]
            let name = "\(pick(firsts)) \(pick(lasts))"
            let phone = "(\(200 + index % 700)) 555-\(1_000 + index % 9_000)"
            var description = "\(pick(problems)) \(100 + generator.next() % 900)"
            switch generator.next() % 10 {
            case 0, 1: description += ". Call me at \(phone) for access"
            case 2: description += "; photos sent to resident\(index % 97)@mail.example.com"
            case 3: description = "\(name) says: \(description)"
            default: break
            }
            draft.description = description
            draft.location = Location(address: "\(index % 2_000 + 1) Elm Street", coordinate: coordinate)
            if index % 2 == 0 || draft.submitter != nil {
                draft.submitter = Submitter(name: name, phone: phone, email: "resident\(index)@example.org")
            }
            let ticket = try await center.submit(draft, by: .callTaker("bench")).ticket
            try clock.advance(by: 0.25)
            switch index % 6 {
            case 0, 3:
                try await center.accept(ticket, by: staff)
                try await center.start(ticket, by: staff)
                try await center.resolve(ticket, note: pick(notes), by: staff)
            case 1:
                try await center.accept(ticket, by: staff)
                try await center.putOnHold(ticket, waitingFor: "A photo of the damage, please; \(name)", by: staff)
            default:
                break
            }
        }
        return (store, clock)
    }
}
