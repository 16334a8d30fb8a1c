@_spi(Benchmarks) import Civic311
import Civic311SQLite
import Foundation
import Testing

/// Kills a process that works requests through their lifecycle and runs a notice dispatcher, with
/// SIGKILL at random moments, and checks the dispatcher's guarantee: every change a resident
/// should hear of reaches them once, even when the process died between the change and the
/// notice, or between the notice and the dispatcher's checkpoint.
///
/// The victim is the `civic311-notice-crash` executable, built next to the test bundle: it
/// submits potholes on one SQLite database, takes them through acceptance, start, notes,
/// resolution and closing (which also invites to the survey), lets a neighbour follow some, and
/// runs dispatcher passes now and then into a message gateway kept in files. After the kill
/// cycles, one `--drain` run sends what is left. The suite runs 25 cycles;
/// `.ci/notice-crash-soak.sh` runs 500 (set `CIVIC311_NOTICE_CRASH_CYCLES`).
///
/// **What "sent twice" means here.** The gateway stands for an SMS or e-mail provider that
/// honours idempotency keys: it takes a notice once per key, and a call with a key it took
/// answers as before with no second message. The dispatcher is at least once: a kill after a
/// send and before the checkpoint passed it makes the next process send it again, under the same
/// key, and the resident still gets one message. So the test asserts that
/// - every notice the store's changes call for was taken by the gateway under its key exactly
///   once (none lost), and the gateway took no key the store does not call for (a notice under a
///   second key would be a second message no provider can catch);
/// - a key sent again carries the same words, channel and address;
/// - within one process a key is never sent again once the gateway acknowledged it (sends again
///   come only from a kill, or after a 503);
/// - every key ever sent was acknowledged in the end;
/// and it counts the sends again after a kill.
@Suite(.serialized) struct NoticeCrashTests {
    /// The notice crash writer built next to this test bundle, if it was built.
    static let writer = ChildProcess.built("civic311-notice-crash")

    static let cycles = ProcessInfo.processInfo.environment["CIVIC311_NOTICE_CRASH_CYCLES"].flatMap(Int.init) ?? 25

    static let name = "residents"

    @Test(
        .enabled(
            if: writer != nil,
            "civic311-notice-crash is not built next to the tests; run `swift build --product civic311-notice-crash` first"
        ),
        .timeLimit(.minutes(30))
    )
    func everyNoticeReachesTheResidentOnceThroughSIGKILL() async throws {
        let writer = try #require(Self.writer)
        let seed = ProcessInfo.processInfo.environment["CIVIC311_CRASH_SEED"].flatMap(UInt64.init) ?? 20_251_207
        var random = SplitMix64(seed: seed)
        try await withTemporaryDirectory { directory in
            let database = "\(directory)/notices.sqlite"
            let gatewayPath = "\(directory)/gateway.log"
            /// Every acknowledged change, "TICKET SEQUENCE", with the cycle that made it.
            var acknowledged: [String: Int] = [:]
            /// Calls the gateway answered again, a kill having struck after the call and before
            /// the dispatcher's checkpoint passed it.
            var repeats = 0
            var differs: [String] = []
            for cycle in 0..<Self.cycles {
                // Some short lives, so that kills land while the store is opened and the
                // dispatcher reads its checkpoint, and the rest while it works and sends.
                let life = Double(random.next() % 100 < 20 ? random.next() % 60 : 60 + random.next() % 540) / 1000
                let lines = try await ChildProcess.runAndKill(
                    writer,
                    arguments: [database, gatewayPath],
                    output: "\(directory)/cycle.out",
                    after: life
                )
                for line in lines {
                    let parts = line.split(separator: " ").map(String.init)
                    switch (parts.first, parts.count) {
                    case ("event", 3): acknowledged["\(parts[1]) \(parts[2])"] = cycle
                    case ("repeat", 2): repeats += 1
                    case ("differs", 2): differs.append(parts[1])
                    default: Issue.record("cycle \(cycle) (seed \(seed)): unreadable line '\(line)'")
                    }
                }
            }

            let drain = try await ChildProcess.runToExit(
                writer,
                arguments: [database, gatewayPath, "--drain"],
                output: "\(directory)/drain.out"
            )
            #expect(drain.status == 0, "the drain (seed \(seed)) exited \(drain.status): \(drain.errors)")
            let drained = drain.lines.first { $0.hasPrefix("drained ") } ?? "drained nothing"
            repeats += drain.lines.count(where: { $0.hasPrefix("repeat ") })
            differs += drain.lines.filter { $0.hasPrefix("differs ") }
            #expect(differs.isEmpty, "seed \(seed): keys sent again with other words: \(differs.prefix(10))")

            let gateway = try GatewayLog(path: gatewayPath)
            let calls = try GatewayCalls(path: gatewayPath + ".sent")
            let store = try SQLiteRequestStore(path: database, mode: .open)
            defer { store.close() }
            let expected = try await Self.expectedNotices(in: store, seed: seed)

            // Every acknowledged change is in the store.
            for (change, cycle) in acknowledged.sorted(by: { $0.key < $1.key }) where expected.changes[change] == nil {
                Issue.record("seed \(seed), cycle \(cycle): the acknowledged change \(change) is not in the store")
            }
            // The gateway took each key once (its dedup log has one line a key).
            let doubled = gateway.taken.filter { $0.value > 1 }
            #expect(doubled.isEmpty, "seed \(seed): keys the gateway took twice: \(doubled.keys.sorted().prefix(10))")
            // Every notice called for was taken, and nothing else: a notice is the key
            // NAME/TICKET/SEQUENCE/KIND for the submitter, and one key more per follower
            // (NAME/TICKET/SEQUENCE/KIND/follower-HASH, one hash a follower).
            var byNotice: [String: [String]] = [:]
            for key in gateway.taken.keys {
                let parts = key.split(separator: "/", maxSplits: 4).map(String.init)
                byNotice[parts.prefix(4).joined(separator: "/"), default: []].append(parts.count == 5 ? parts[4] : "")
            }
            var lost = 0
            for (notice, followers) in expected.notices.sorted(by: { $0.key < $1.key }) {
                let taken = byNotice.removeValue(forKey: notice) ?? []
                let context = "seed \(seed): \(notice)"
                if !taken.contains("") {
                    Issue.record("\(context): the submitter's notice was lost")
                    lost += 1
                }
                let followerKeys = Set(taken.filter { !$0.isEmpty })
                if followerKeys.count != followers || !followerKeys.allSatisfy({ $0.hasPrefix("follower-") }) {
                    Issue.record("\(context): \(followers) followers, the gateway took \(followerKeys.sorted())")
                    lost += max(0, followers - followerKeys.count)
                }
                if taken.count != 1 + followerKeys.count {
                    Issue.record("\(context): the gateway took it under \(taken.count) keys: \(taken)")
                }
            }
            #expect(
                byNotice.isEmpty,
                "seed \(seed): notices no change calls for: \(byNotice.keys.sorted().prefix(10))"
            )
            // Every key sent was acknowledged in the end, and was taken by the gateway.
            let unacknowledged = calls.sent.subtracting(calls.acknowledged).sorted()
            #expect(unacknowledged.isEmpty, "seed \(seed): sent and never acknowledged: \(unacknowledged.prefix(10))")
            let untaken = calls.sent.subtracting(gateway.taken.keys).sorted()
            #expect(untaken.isEmpty, "seed \(seed): sent and not in the gateway's log: \(untaken.prefix(10))")
            #expect(
                calls.sentAfterAcknowledgement.isEmpty,
                "seed \(seed): sent again in the process that had it acknowledged: \(calls.sentAfterAcknowledgement.prefix(10))"
            )

            #expect(acknowledged.count > Self.cycles, "only \(acknowledged.count) changes in \(Self.cycles) cycles")
            if Self.cycles >= 20 {
                // A kill between a send and its acknowledgement, or between the acknowledgement and
                // the checkpoint: both make the next process send again.
                #expect(
                    calls.unacknowledgedAtKill + repeats > 0,
                    "no kill landed between a send and its acknowledgement, nor before the checkpoint passed it"
                )
            }
            // The figures Documentation/Reliability.md reports.
            print(
                "notice crash: \(Self.cycles) SIGKILL cycles (seed \(seed)), \(acknowledged.count) acknowledged changes "
                    + "on \(expected.tickets) requests, \(expected.notices.count) notices called for "
                    + "(\(Self.kinds(expected.notices.keys))) "
                    + "(\(gateway.taken.count) keys, followers' included), \(calls.sends) sends "
                    + "(\(calls.failures) answered 503 and retried), \(calls.unacknowledgedAtKill) sends cut by a kill "
                    + "before their acknowledgement, \(repeats) keys sent again after a kill and taken once, "
                    + "\(lost) lost, \(doubled.count + differs.count) delivered twice; \(drained)"
            )
        }
    }

    /// "6 acknowledgement, …": how many of `notices` are of each kind.
    static func kinds(_ notices: some Sequence<String>) -> String {
        var counts: [String: Int] = [:]
        for notice in notices { counts[String(notice.split(separator: "/")[3]), default: 0] += 1 }
        return NoticeKind.allCases.map { "\(counts[$0.rawValue] ?? 0) \($0.rawValue)" }.joined(separator: ", ")
    }

    /// What the store's changes call for: for each public change, its notices by
    /// NAME/TICKET/SEQUENCE/KIND with the number of followers the request had then; every change
    /// by "TICKET SEQUENCE"; and how many requests there are.
    static func expectedNotices(
        in store: SQLiteRequestStore,
        seed: UInt64
    ) async throws -> (notices: [String: Int], changes: [String: Int], tickets: Int) {
        var notices: [String: Int] = [:]
        var changes: [String: Int] = [:]
        var histories: [TicketNumber: [RequestEvent]] = [:]
        var position = FeedPosition.start
        while true {
            let page = try await store.changes(after: position, limit: FeedPage.maximumLimit)
            for entry in page.entries {
                guard case .requestEvent(let event) = entry.change else { continue }
                changes["\(event.ticket) \(event.sequence)"] = event.sequence
                histories[event.ticket, default: []].append(event)
                let followers = ServiceCenter.followers(in: histories[event.ticket] ?? []).count
                let kinds: [NoticeKind]
                switch (event.change, event.visibility) {
                case (_, .internal): kinds = []
                case (.opened, _): kinds = [.acknowledgement]
                case (.accepted, _), (.started, _), (.resolved, _), (.noteAdded, _): kinds = [.statusChange]
                case (.closed(let closure), _) where closure.reason == .completed:
                    kinds = [.closing, .surveyInvitation]
                default:
                    Issue.record(
                        "seed \(seed): a change the writer does not make: \(event.ticket) \(event.change.action)"
                    )
                    kinds = []
                }
                for kind in kinds {
                    // Followers are not invited to the survey: only the submitter answers it.
                    notices["\(name)/\(event.ticket)/\(event.sequence)/\(kind.rawValue)"] =
                        kind == .surveyInvitation ? 0 : followers
                }
            }
            position = page.next
            if page.isCaughtUp { break }
        }
        return (notices, changes, histories.count)
    }
}

/// The gateway's dedup log, as the notice crash writer keeps it: one line `KEY HASH` per key that
/// took effect.
struct GatewayLog {
    /// The lines that name each key.
    var taken: [String: Int] = [:]

    init(path: String) throws {
        guard FileManager.default.fileExists(atPath: path) else { return }
        let text = String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self)
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: " ")
            guard parts.count == 2 else { throw GatewayLogError(line: String(line)) }
            taken[String(parts[0]), default: 0] += 1
        }
    }
}

/// The dispatcher's calls to the gateway, as the notice crash writer logs them: "life" when a
/// process starts, then "send KEY", and "ack KEY" or "fail KEY" for its answer.
struct GatewayCalls {
    var sent: Set<String> = []
    var acknowledged: Set<String> = []
    var sends = 0
    var failures = 0
    /// Sends a kill cut before their answer: the last send of a life, when it has none.
    var unacknowledgedAtKill = 0
    /// Keys sent again in the process that had them acknowledged.
    var sentAfterAcknowledgement: [String] = []

    init(path: String) throws {
        guard FileManager.default.fileExists(atPath: path) else { return }
        let text = String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self)
        var acknowledgedInLife: Set<String> = []
        var waiting: String?
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: " ").map(String.init)
            switch (parts.first, parts.count) {
            case ("life", 1):
                if waiting != nil { unacknowledgedAtKill += 1 }
                acknowledgedInLife = []
                waiting = nil
            case ("send", 2):
                sends += 1
                sent.insert(parts[1])
                if acknowledgedInLife.contains(parts[1]) { sentAfterAcknowledgement.append(parts[1]) }
                waiting = parts[1]
            case ("ack", 2):
                acknowledged.insert(parts[1])
                acknowledgedInLife.insert(parts[1])
                waiting = nil
            case ("fail", 2):
                failures += 1
                waiting = nil
            default:
                throw GatewayLogError(line: String(line))
            }
        }
    }
}

struct GatewayLogError: Error, CustomStringConvertible {
    let line: String
    var description: String { "unreadable gateway line '\(line)'" }
}
