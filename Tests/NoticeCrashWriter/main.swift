import Civic311
import Civic311SQLite
import Civic311SampleCounty
// civic311-notice-crash: the victim of the notice crash test.
//
//     civic311-notice-crash <database> <gateway-log> [--drain]
//
// Opens (or creates) the SQLite store at <database>, a ServiceCenter on the sample county over it,
// and a NoticeDispatcher (name "residents", the sample county's notices) whose notifier is a
// message gateway (an SMS and e-mail provider) kept in files next to <gateway-log>. Then it works
// potholes until it is killed: it submits them, and takes those of its life through their
// lifecycle (accepted, started, a public note or an internal one, resolved with a note, closed as
// done with a note, which also invites to the survey), and now and then a neighbour follows one.
// After each change the center acknowledged, and only then, it prints "event TICKET SEQUENCE".
// Every few changes it runs one dispatcher pass. Each line goes out in a single unbuffered
// write(2), so a line on stdout always stands for a committed change.
//
// The gateway is what a real provider is: it takes a notice once per idempotency key (the
// notice's key). Its dedup log, <gateway-log>, holds a line "KEY HASH" for each key that took
// effect (a message a resident received; HASH digests its channel, address and words), synced
// before it answers. A call with a key it already took answers as before, takes no second effect
// and prints "repeat KEY" (or "differs KEY" when the words changed). Now and then it answers 503
// instead, as providers do, and the dispatcher retries.
//
// The dispatcher's side of the calls is in <gateway-log>.sent: a line "life" when a process
// starts, "send KEY" synced before each call, "ack KEY" synced after the gateway answered (or
// "fail KEY" after a 503). A kill between the send and the ack leaves a send without an ack: the
// next life sends it again, as it sends again what was acknowledged and not yet settled.
//
// With --drain it changes nothing: it runs dispatcher passes until nothing waits and a pass finds
// nothing new, prints "drained <figures>" and exits 0.
import CrashWriterKit
import Foundation
import Synchronization

/// A file of lines that survives SIGKILL: appended with `O_APPEND`, each line synced before the
/// call returns. A last line without its newline was cut off by a kill and never counted: it is
/// cut off the file when it is opened.
final class DurableLines: Sendable {
    private let descriptor: Int32
    /// The whole lines the file held when it was opened.
    let lines: [Substring]

    init(path: String) throws {
        descriptor = open(path, O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw WriterError(message: "cannot open \(path): errno \(errno)") }
        let bytes = try FileHandle(forReadingFrom: URL(fileURLWithPath: path)).readToEnd() ?? Data()
        let whole = bytes.lastIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? 0
        if whole < bytes.count, ftruncate(descriptor, off_t(whole)) != 0 || fsync(descriptor) != 0 {
            throw WriterError(message: "cannot cut the torn line off \(path): errno \(errno)")
        }
        lines = String(decoding: bytes.prefix(whole), as: UTF8.self).split(separator: "\n")
    }

    deinit { close(descriptor) }

    /// Appends `line` and syncs it; a failure leaves the file in a state no answer can describe,
    /// so the process stops.
    func append(_ line: String) {
        let bytes = Array((line + "\n").utf8)
        let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        guard written == bytes.count, fsync(descriptor) == 0 else {
            FileHandle.standardError.write(Data("civic311-notice-crash: a log write failed\n".utf8))
            exit(4)
        }
    }
}

/// The message gateway: takes each notice once per key, and logs what the dispatcher sends.
final class DurableGateway: Notifier, Sendable {
    private let taken: DurableLines
    private let calls: DurableLines
    /// The hash of each key that took effect.
    private let hashes: Mutex<[String: String]>

    init(path: String) throws {
        taken = try DurableLines(path: path)
        calls = try DurableLines(path: path + ".sent")
        var hashes: [String: String] = [:]
        for line in taken.lines {
            let parts = line.split(separator: " ")
            guard parts.count == 2 else { throw WriterError(message: "unreadable line '\(line)' in \(path)") }
            hashes[String(parts[0])] = String(parts[1])
        }
        self.hashes = Mutex(hashes)
        calls.append("life")
    }

    func send(_ notice: Notice) async throws {
        calls.append("send \(notice.key)")
        let hash = Self.digest(notice)
        // One call in ten fails before it reaches the provider's dedup log.
        if Int.random(in: 0..<10) == 0 {
            calls.append("fail \(notice.key)")
            throw DeliveryError(.unavailable, message: "503 try again")
        }
        hashes.withLock { hashes in
            if let earlier = hashes[notice.key] {
                printWhole(earlier == hash ? "repeat \(notice.key)" : "differs \(notice.key)")
                return
            }
            taken.append("\(notice.key) \(hash)")
            hashes[notice.key] = hash
        }
        calls.append("ack \(notice.key)")
    }

    /// FNV-1a over what the resident reads and where.
    static func digest(_ notice: Notice) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        let text = "\(notice.channel)|\(notice.recipient)|\(notice.language)|\(notice.subject ?? "")|\(notice.body)"
        for byte in text.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
        return String(hash, radix: 16)
    }
}

struct WriterError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}

/// Sam hears by e-mail (the default); Ana by text message in Spanish.
let sam = Submitter(name: "Sam Rivera", phone: "555-010-7788", email: "sam.rivera@example.com")
let ana = Submitter(name: "Ana Lopez", phone: "555-010-4242")
let neighbour = Submitter(name: "Lee Chen", email: "lee.chen@example.com")

/// The next step of a pothole's lifecycle, by how many it took already.
func advance(_ ticket: TicketNumber, step: Int, on center: ServiceCenter) async throws -> ServiceRequest {
    let crew = Participant.departmentStaff("crash-crew", department: "DOT")
    switch step {
    case 0: return try await center.accept(ticket, by: crew)
    case 1: return try await center.start(ticket, by: crew)
    case 2: return try await center.addNote(ticket, "The crew is on site.", visibility: .public, by: crew)
    case 3: return try await center.addNote(ticket, "Bring the big roller.", visibility: .internal, by: crew)
    case 4: return try await center.resolve(ticket, note: "Filled with hot asphalt, 2 by 3 feet.", by: crew)
    default:
        return try await center.close(ticket, reason: .completed, note: "Inspected and closed by the yard.", by: crew)
    }
}

let arguments = CommandLine.arguments
guard arguments.count == 3 || (arguments.count == 4 && arguments[3] == "--drain") else {
    FileHandle.standardError.write(Data("usage: civic311-notice-crash <database> <gateway-log> [--drain]\n".utf8))
    exit(2)
}
let draining = arguments.count == 4

do {
    let store = try SQLiteRequestStore(path: arguments[1], mode: .openOrCreate, configuration: .default)
    let center = try await ServiceCenter(
        jurisdiction: .sampleCounty,
        store: store,
        configuration: .init(node: 1, clock: SystemWallClock())
    )
    let preferences = InMemoryNoticePreferences()
    if let phone = ContactIdentity(phone: "555-010-4242") {
        preferences.set(NoticePreferences(channels: [.sms], language: "es"), for: phone)
    }
    let dispatcher = try await NoticeDispatcher(
        center: center,
        notifier: try DurableGateway(path: arguments[2]),
        catalog: .sampleCounty,
        preferences: preferences,
        // Quick retries, and never given up: the gateway's 503s pass.
        retryPolicy: try RetryPolicy(maximumAttempts: 1_000, initialDelay: 0.005, maximumDelay: 0.02, jitter: 0.2),
        seed: UInt64(getpid())
    )
    if draining {
        // Until nothing waits and a pass (which reads the feed to its end) sent nothing new,
        // waiting for each retry.
        for _ in 0..<10_000 {
            let before = await dispatcher.figures.sent
            let figures = try await dispatcher.deliverDue()
            if figures.pending == 0, figures.sent == before {
                printWhole("drained \(figures)")
                store.close()
                exit(0)
            }
            if let next = await dispatcher.nextRetry, next > Date() {
                try await Task.sleep(for: .seconds(next.timeIntervalSinceNow))
            }
        }
        FileHandle.standardError.write(Data("civic311-notice-crash: still pending after 10,000 passes\n".utf8))
        exit(1)
    }
    let callTaker = Participant.callTaker("crash-agent")
    var random = SystemRandomNumberGenerator()
    /// This life's potholes still open, with the lifecycle steps each took.
    var open: [(ticket: TicketNumber, steps: Int)] = []
    var index = 0
    var untilPass = Int.random(in: 1...4, using: &random)
    while true {
        // A new pothole when few are open, else now and then, so that most reach their closing.
        if open.count < 3 || Int.random(in: 0..<3, using: &random) == 0 {
            index += 1
            let acknowledgement = try await center.submit(
                potholeDraft(index, by: "notice crash writer", for: index % 3 == 0 ? ana : sam),
                by: callTaker
            )
            printWhole("event \(acknowledgement.ticket) 1")
            open.append((acknowledgement.ticket, 0))
        }
        if Int.random(in: 0..<4, using: &random) == 0 {
            let ticket = open[Int.random(in: 0..<open.count, using: &random)].ticket
            let request = try await center.follow(ticket, as: neighbour, by: callTaker)
            printWhole("event \(ticket) \(request.version)")
        }
        for _ in 0..<Int.random(in: 1...3, using: &random) {
            let chosen = Int.random(in: 0..<open.count, using: &random)
            let (ticket, steps) = open[chosen]
            let request = try await advance(ticket, step: steps, on: center)
            printWhole("event \(ticket) \(request.version)")
            if steps == 5 { open.remove(at: chosen) } else { open[chosen].steps += 1 }
        }
        untilPass -= 1
        if untilPass == 0 {
            try await dispatcher.deliverDue()
            untilPass = Int.random(in: 1...4, using: &random)
        }
    }
} catch {
    FileHandle.standardError.write(Data("civic311-notice-crash: \(error)\n".utf8))
    exit(1)
}
