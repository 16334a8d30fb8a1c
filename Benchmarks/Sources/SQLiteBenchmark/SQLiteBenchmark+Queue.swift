import Civic311
import Civic311SQLite
import Civic311SampleCounty
import Foundation

// The department work queue a supervisor opens ("this department, soonest due first"), on a
// store of `size` requests (issue 15):
//
//     swift run -c release --package-path Benchmarks civic311-sqlite-benchmark queue DIR SIZE…
//
// DIR/queue-SIZE.sqlite is built once (all requests new, as intake leaves them) and kept; a
// file of an earlier schema version is upgraded when the store opens it, and the upgrade is
// timed. Each figure: 5 runs, each the operation repeated for about 0.2 s, per operation the
// process CPU time (the store's threads included) and the wall time, min / median / max.
extension SQLiteBenchmark {
    static func queue(directory: String, sizes: [Int]) async throws {
        for size in sizes {
            let path = "\(directory)/queue-\(size).sqlite"
            if !FileManager.default.fileExists(atPath: path + ".complete") {
                try? FileManager.default.removeItem(atPath: path)
                var generator = Generator(seed: 4, node: 4)
                let build = try SQLiteRequestStore(path: path)
                var made = 0
                let time = try await Measurement.asyncSeconds {
                    while made < size {
                        let count = min(10_000, size - made)
                        _ = try await build.open(batch: (0..<count).map { _ in generator.opening() })
                        made += count
                    }
                }
                build.close()
                _ = FileManager.default.createFile(atPath: path + ".complete", contents: nil)
                print(String(format: "\nBuilt %d requests in %.1f s", size, time))
            }
            let opening = ContinuousClock.now
            let store = try SQLiteRequestStore(path: path)
            let openTime = seconds(ContinuousClock.now - opening)
            print(
                String(format: "\nWork queue, %d requests (opened in %.2f s), %@", size, openTime, Measurement.load())
            )
            // The department with the most requests.
            var department = DepartmentID("")
            var most = -1
            for candidate in Set(Jurisdiction.sampleCounty.serviceTypes.map(\.department)) {
                let count = try await store.countRequests(matching: RequestQuery(departments: [candidate]))
                if count > most { (department, most) = (candidate, count) }
            }
            let open = Set(RequestState.allCases.filter(\.isOpen))
            let new = RequestQuery(states: [.new], departments: [department], order: .dueAscending)
            let queue = RequestQuery(states: open, departments: [department], order: .dueAscending)
            let first = try PageRequest(limit: 100)
            // A page half-way down the queue, after the cursor the page before it would hand out.
            let middle = try await store.requests(matching: new, page: first).items[0]
            let deep = try PageRequest(
                limit: 100,
                after: PageCursor(
                    order: .dueAscending,
                    ticket: middle.ticket,
                    dueAt: middle.dueAt.addingTimeInterval(Double(size) * 0.2 / 2)
                )
            )
            let cases: [(String, () async throws -> Int)] = [
                ("first page, new", { try await store.requests(matching: new, page: first).items.count }),
                ("first page, open (4 states)", { try await store.requests(matching: queue, page: first).items.count }),
                ("deep page, new", { try await store.requests(matching: new, page: deep).items.count }),
                ("deep page, open (4 states)", { try await store.requests(matching: queue, page: deep).items.count }),
                ("count, new", { try await store.countRequests(matching: new) }),
                ("count, open (4 states)", { try await store.countRequests(matching: queue) }),
            ]
            for (name, operation) in cases {
                let result = try await operation()  // warm up; also sizes the repetitions
                let once = try await Measurement.asyncSeconds { _ = try await operation() }
                let repetitions = max(1, min(500, Int(0.2 / max(once, 1e-6))))
                var times: [(cpu: Double, wall: Double)] = []
                for _ in 0..<5 {
                    var wall = 0.0
                    let cpu = try await Measurement.processCPUSeconds {
                        wall = try await Measurement.asyncSeconds {
                            for _ in 0..<repetitions { _ = try await operation() }
                        }
                    }
                    times.append((cpu / Double(repetitions), wall / Double(repetitions)))
                }
                let cpu = times.map(\.cpu).sorted()
                let wall = times.map(\.wall).sorted()
                print(
                    String(
                        format:
                            "  %@ (%@, %d): CPU min %.3f / median %.3f / max %.3f ms; wall min %.3f / median %.3f / max %.3f ms",
                        name,
                        department.rawValue,
                        result,
                        cpu[0] * 1e3,
                        cpu[2] * 1e3,
                        cpu[4] * 1e3,
                        wall[0] * 1e3,
                        wall[2] * 1e3,
                        wall[4] * 1e3
                    )
                )
            }
            print("  \(Measurement.load())")
            store.close()
        }
    }
}
