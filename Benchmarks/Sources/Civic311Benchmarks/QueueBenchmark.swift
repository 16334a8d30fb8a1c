import Civic311
@_spi(Benchmarks) import Civic311
import Civic311SampleCounty
import Foundation

/// The department work queue a supervisor opens ("the busiest department, new, soonest due first")
/// and its count, in the in-memory store: served by the work-queue index, against the scan the
/// store used before (every request read, the matches sorted), in the same run on the same store.
///
/// Each store is filled through `ServiceCenter.submit` with the sample county's catalog; then each
/// of the four bodies runs `runs` times, interleaved, and the CPU time of one call is reported as
/// min / median / max, with the machine's load beside it.
enum QueueBenchmark {
    static func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let runs = max(5, Int(environment["QUEUE_RUNS"] ?? "") ?? 5)
        let sizes = (environment["QUEUE_SIZES"] ?? "100000,1000000").split(separator: ",").compactMap { Int($0) }
        let county = try Jurisdiction.sampleCounty.adopting(routingRules: nil, serviceLevels: nil)
        let drafts = try SampleDrafts.make(for: county, count: 5_000)
        for size in sizes {
            let store = try await filled(size, county: county, drafts: drafts)
            try await measure(store, size: size, runs: runs)
        }
    }

    private static func filled(
        _ count: Int,
        county: Jurisdiction,
        drafts: [ServiceRequestDraft]
    ) async throws -> InMemoryRequestStore {
        let store = InMemoryRequestStore()
        let clock = try ManualWallClock(Date(timeIntervalSince1970: 1_795_442_100))
        let center = try await ServiceCenter(
            jurisdiction: county,
            store: store,
            configuration: .init(node: 1, clock: clock, triage: "311")
        )
        let participant = Participant.callTaker("bench")
        for index in 0..<count {
            if index % 100 == 0 { try clock.advance(by: 1) }
            _ = try await center.submit(drafts[index % drafts.count], by: participant)
        }
        return store
    }

    private static func measure(_ store: InMemoryRequestStore, size: Int, runs: Int) async throws {
        // The department with the most new requests: the largest queue, the hardest page.
        var largest: (department: DepartmentID, count: Int)?
        for department in Jurisdiction.sampleCounty.departments.map(\.id) {
            let count = try await store.countRequests(matching: RequestQuery(states: [.new], departments: [department]))
            if count > largest?.count ?? -1 { largest = (department, count) }
        }
        guard let largest else { return }
        let queue = RequestQuery(states: [.new], departments: [largest.department], order: .dueAscending)
        let page = try PageRequest(limit: 100)
        // Indexed calls take microseconds: each run times many and reports one call's share.
        let repeats = 1_000

        var indexedPage: Page<ServiceRequest>?
        var indexedCount = 0
        var scannedPage: Page<ServiceRequest>?
        var scannedCount = 0
        var times: [[Double]] = Array(repeating: [], count: 4)
        var loads: [String] = []
        for _ in 0..<runs {
            loads.append(Measurement.load())
            times[0].append(
                try await Measurement.asyncCPUSeconds {
                    for _ in 0..<repeats { indexedPage = try await store.requests(matching: queue, page: page) }
                }.cpu / Double(repeats)
            )
            times[1].append(
                try Measurement.cpuSeconds { scannedPage = try store.scannedRequests(matching: queue, page: page) }.cpu
            )
            times[2].append(
                try await Measurement.asyncCPUSeconds {
                    for _ in 0..<repeats { indexedCount = try await store.countRequests(matching: queue) }
                }.cpu / Double(repeats)
            )
            times[3].append(Measurement.cpuSeconds { scannedCount = store.scannedCount(matching: queue) }.cpu)
        }
        guard indexedPage == scannedPage, indexedCount == scannedCount else {
            print("queue: the indexed and scanned answers differ")
            return
        }
        print(
            "\nwork queue at \(size) requests: \(largest.department), new, due ascending (\(largest.count) in the queue)"
        )
        let names = [
            "first page of 100, indexed", "first page of 100, scan (before)", "count, indexed", "count, scan (before)",
        ]
        for (name, samples) in zip(names, times) {
            let sorted = samples.sorted()
            Measurement.report(
                "queue \(size): \(name)",
                "min \(duration(sorted[0])) / median \(duration(Measurement.percentile(sorted, 0.5))) / max \(duration(sorted[sorted.count - 1])) CPU"
            )
        }
        print("  \(runs) runs each, interleaved; loads at each run: \(loads.joined(separator: " | "))")
        try await counts(in: store, size: size, runs: runs, department: largest.department)
    }

    /// Counts the service-type and creation indexes answer (issue 15): one service type; the
    /// requests created recently (the last tenth of the fill); the same within the busiest
    /// department.
    private static func counts(
        in store: InMemoryRequestStore,
        size: Int,
        runs: Int,
        department: DepartmentID
    ) async throws {
        let newest = try await store.requests(
            matching: RequestQuery(order: .ticketDescending),
            page: PageRequest(limit: 1)
        )
        guard let last = newest.items.first else { return }
        let recent = last.createdAt.addingTimeInterval(-Double(size) / 100 / 10)
        let queries: [(String, RequestQuery)] = [
            ("count, one service type", RequestQuery(serviceTypes: ["POTHOLE"])),
            ("count, created recently", RequestQuery(createdFrom: recent)),
            (
                "count, \(department), created recently",
                RequestQuery(departments: [department], createdFrom: recent)
            ),
        ]
        let repeats = 100
        for (name, query) in queries {
            var indexed: [Double] = []
            var scanned: [Double] = []
            var answers: (Int, Int) = (0, 0)
            for _ in 0..<runs {
                indexed.append(
                    try await Measurement.asyncCPUSeconds {
                        for _ in 0..<repeats { answers.0 = try await store.countRequests(matching: query) }
                    }.cpu / Double(repeats)
                )
                scanned.append(Measurement.cpuSeconds { answers.1 = store.scannedCount(matching: query) }.cpu)
            }
            guard answers.0 == answers.1 else {
                throw BenchmarkFailure("queue: \(name): the index and the scan differ")
            }
            let (index, scan) = (indexed.sorted(), scanned.sorted())
            Measurement.report(
                "queue \(size): \(name) (\(answers.0))",
                "indexed min \(duration(index[0])) / median \(duration(Measurement.percentile(index, 0.5))) / max \(duration(index[index.count - 1])), scan median \(duration(Measurement.percentile(scan, 0.5)))"
            )
        }
    }

    private static func duration(_ seconds: Double) -> String {
        if seconds >= 1e-3 { return String(format: "%.1f ms", seconds * 1e3) }
        return String(format: "%.1f µs", seconds * 1e6)
    }
}
