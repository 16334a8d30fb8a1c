import Civic311
import Civic311SQLite
import Civic311SampleCounty
// civic311-outbox-crash: the victim of the outbox crash test.
//
//     civic311-outbox-crash <database> <back-office-log> [--drain]
//
// Opens (or creates) the SQLite store at <database>, a ServiceCenter on the sample county over it,
// and a DepartmentOutbox for the destination "public-works" (department DOT) whose adapter is a
// back office kept in <back-office-log>. Then it submits potholes until it is killed: after each
// submission the center acknowledged, and only then, it prints the ticket ("<ticket>"); now and
// then it accepts one of them and prints "accept <ticket> <sequence>" (an update for the back
// office); every few submissions it runs one outbox pass. Each line goes out in a single
// unbuffered write(2), so a line on stdout always stands for a committed write. When the back
// office is called again with a key that already took effect (an earlier process was killed
// after the call and before the outbox settled it), it answers as before and prints
// "repeat <key>".
//
// The back office talks back too: after an outbox pass it sends the center a status update
// (WO_NOTE, a public note) for one of its work orders, keyed "note-<reference>". It logs the
// update in <back-office-log>.sent (synced) before it sends it, prints "received <key>" and logs the
// answer once the center answered, and on every start sends again every logged update without an
// answer, as a back office must after a kill that may have struck between the center's write and
// its answer. An update for a work order whose reference the center has not recorded yet is sent
// again later.
//
// With --drain it submits nothing: it runs outbox passes until nothing waits and a pass finds
// nothing new, sends again every logged update without an answer, prints "drained <figures>" and
// exits 0.
import CrashWriterKit
import Foundation
import Synchronization

/// A back office that remembers, on disk, every call that took effect: one line "KEY REFERENCE"
/// per idempotency key, appended with `O_APPEND` and synced with `fsync` before the call returns.
/// On start it reads the file back, so a key applied by an earlier (killed) process answers the
/// same reference again and takes no second effect: the idempotency a real back office gives.
///
/// A line without its newline was cut off by a kill before the call returned: it never took
/// effect, and is cut off the file on start.
final class DurableBackOffice: DepartmentAdapter, Sendable {
    let system = "workorders"
    private let descriptor: Int32
    private let state: Mutex<State>

    private struct State {
        /// Every key that took effect, with its reference.
        var applied: [String: String]
        /// The references of the work orders (the dispatches' answers).
        var orders: Set<String>
    }

    init(path: String) throws {
        descriptor = open(path, O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw BackOfficeFileError(message: "cannot open \(path): errno \(errno)") }
        let bytes = try FileHandle(forReadingFrom: URL(fileURLWithPath: path)).readToEnd() ?? Data()
        let whole = bytes.lastIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? 0
        if whole < bytes.count {
            guard ftruncate(descriptor, off_t(whole)) == 0, fsync(descriptor) == 0 else {
                throw BackOfficeFileError(message: "cannot cut the torn line off \(path): errno \(errno)")
            }
        }
        var applied: [String: String] = [:]
        var orders: Set<String> = []
        for line in String(decoding: bytes.prefix(whole), as: UTF8.self).split(separator: "\n") {
            let parts = line.split(separator: " ")
            guard parts.count == 2 else { throw BackOfficeFileError(message: "unreadable line '\(line)' in \(path)") }
            applied[String(parts[0])] = String(parts[1])
            orders.insert(String(parts[1]))
        }
        state = Mutex(State(applied: applied, orders: orders))
    }

    deinit { close(descriptor) }

    func dispatch(_ delivery: Delivery) async throws -> String {
        try apply(delivery.key) { state in "WO-\(state.applied.count + 1)" }
    }

    func update(_ delivery: Delivery) async throws {
        _ = try apply(delivery.key) { state throws(DeliveryError) in try Self.order(named: delivery, in: state) }
    }

    func cancel(_ delivery: Delivery) async throws {
        _ = try apply(delivery.key) { state throws(DeliveryError) in try Self.order(named: delivery, in: state) }
    }

    /// The work order an update or a cancellation names; a back office refuses one it never issued.
    private static func order(named delivery: Delivery, in state: State) throws(DeliveryError) -> String {
        guard let reference = delivery.reference?.identifier, state.orders.contains(reference) else {
            throw DeliveryError(.rejected, message: "no work order \(delivery.reference?.identifier ?? "(none)")")
        }
        return reference
    }

    /// Applies a call once per key: the reference already answered, or the effect's, written and
    /// synced before it is answered.
    private func apply(
        _ key: String,
        _ effect: (State) throws(DeliveryError) -> String
    ) throws(DeliveryError) -> String {
        try state.withLock { state throws(DeliveryError) -> String in
            if let answered = state.applied[key] {
                // A delivery an earlier process made, delivered again after its kill.
                printWhole("repeat \(key)")
                return answered
            }
            let reference = try effect(state)
            let line = Array("\(key) \(reference)\n".utf8)
            let written = line.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            // A short or failed write leaves the file in a state no answer can describe: stop.
            guard written == line.count, fsync(descriptor) == 0 else {
                FileHandle.standardError.write(Data("civic311-outbox-crash: the back-office log failed\n".utf8))
                exit(4)
            }
            state.applied[key] = reference
            state.orders.insert(reference)
            return reference
        }
    }
}

extension DurableBackOffice {
    /// The references of the work orders it issued, oldest first.
    var references: [String] {
        state.withLock { state in state.orders.sorted { $0.count != $1.count ? $0.count < $1.count : $0 < $1 } }
    }
}

/// The back office's status updates, kept in a file: a line "send KEY REFERENCE", synced before the
/// update is sent, and a line "ack KEY" once the center answered. What a back office that retries
/// its unanswered calls keeps: after a kill it sends again what has no answer, and the kill may have
/// struck after the center's write and before the answer.
final class SentUpdates: Sendable {
    private let descriptor: Int32
    private let state: Mutex<(sent: [(key: String, reference: String)], answered: Set<String>)>
    static let map = try! BackOfficeStatusMap(
        system: "workorders",
        entries: [
            .init(
                code: "WO_NOTE",
                transition: .note,
                publicNote: "The crew has the work order.",
                usesBackOfficeNote: false
            )
        ]
    )

    init(path: String) throws {
        descriptor = open(path, O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw BackOfficeFileError(message: "cannot open \(path): errno \(errno)") }
        let bytes = try FileHandle(forReadingFrom: URL(fileURLWithPath: path)).readToEnd() ?? Data()
        let whole = bytes.lastIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? 0
        // A torn last line was never written: an update never sent, or an answer never noted.
        if whole < bytes.count, ftruncate(descriptor, off_t(whole)) != 0 || fsync(descriptor) != 0 {
            throw BackOfficeFileError(message: "cannot cut the torn line off \(path): errno \(errno)")
        }
        var sent: [(key: String, reference: String)] = []
        var answered: Set<String> = []
        for line in String(decoding: bytes.prefix(whole), as: UTF8.self).split(separator: "\n") {
            let parts = line.split(separator: " ").map(String.init)
            switch (parts.first, parts.count) {
            case ("send", 3): sent.append((parts[1], parts[2]))
            case ("ack", 2): answered.insert(parts[1])
            default: throw BackOfficeFileError(message: "unreadable line '\(line)' in \(path)")
            }
        }
        state = Mutex((sent, answered))
    }

    deinit { close(descriptor) }

    var keys: Set<String> { Set(state.withLock { $0.sent.map(\.key) }) }

    /// Logs a new update and sends it.
    func send(_ key: String, for reference: String, to center: ServiceCenter) async throws {
        log("send \(key) \(reference)")
        state.withLock { $0.sent.append((key, reference)) }
        try await deliver(key, for: reference, to: center)
    }

    /// Sends again every logged update the center has not answered.
    func resend(to center: ServiceCenter) async throws {
        let unanswered = state.withLock { state in state.sent.filter { !state.answered.contains($0.key) } }
        for (key, reference) in unanswered {
            try await deliver(key, for: reference, to: center)
        }
    }

    private func deliver(_ key: String, for reference: String, to center: ServiceCenter) async throws {
        let update = BackOfficeUpdate(
            reference: .init(system: "workorders", identifier: reference),
            status: "WO_NOTE",
            note: nil,
            sentAt: Date(),
            key: key
        )
        do {
            _ = try await center.receive(update, mappedBy: Self.map, servingDepartments: ["DOT"])
        } catch let error as StorageError where error.code == .notFound {
            // The center has not recorded this work order's reference yet: sent again later.
            return
        }
        printWhole("received \(key)")
        log("ack \(key)")
        state.withLock { _ = $0.answered.insert(key) }
    }

    private func log(_ line: String) {
        let bytes = Array((line + "\n").utf8)
        let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        guard written == bytes.count, fsync(descriptor) == 0 else {
            FileHandle.standardError.write(Data("civic311-outbox-crash: the sent-updates log failed\n".utf8))
            exit(4)
        }
    }
}

struct BackOfficeFileError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}

let arguments = CommandLine.arguments
guard arguments.count == 3 || (arguments.count == 4 && arguments[3] == "--drain") else {
    FileHandle.standardError.write(
        Data("usage: civic311-outbox-crash <database> <back-office-log> [--drain]\n".utf8)
    )
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
    let backOffice = try DurableBackOffice(path: arguments[2])
    let updates = try SentUpdates(path: arguments[2] + ".sent")
    let outbox = try await DepartmentOutbox(
        center: center,
        adapter: backOffice,
        destination: try OutboxDestination(name: "public-works", departments: ["DOT"])
    )
    if draining {
        // Until nothing waits and a whole pass (which reads the feed to its end) found nothing new;
        // waiting for each retry the outbox schedules.
        for _ in 0..<1_000 {
            let before = await outbox.figures.delivered
            let figures = try await outbox.deliverDue()
            if figures.pending == 0, figures.delivered == before {
                try await updates.resend(to: center)
                printWhole("drained \(figures)")
                store.close()
                exit(0)
            }
            if let next = await outbox.nextRetry, next > Date() {
                try await Task.sleep(for: .seconds(next.timeIntervalSinceNow))
            }
        }
        FileHandle.standardError.write(Data("civic311-outbox-crash: still pending after 1,000 passes\n".utf8))
        exit(1)
    }
    // Updates an earlier process logged may never have reached the center.
    try await updates.resend(to: center)
    let callTaker = Participant.callTaker("crash-agent")
    let crew = Participant.departmentStaff("crash-crew", department: "DOT")
    var random = SystemRandomNumberGenerator()
    /// Tickets this process submitted and has not accepted.
    var new: [TicketNumber] = []
    var index = 0
    var untilPass = Int.random(in: 1...4, using: &random)
    while true {
        index += 1
        let acknowledgement = try await center.submit(
            potholeDraft(
                index,
                by: "outbox crash writer",
                for: Submitter(name: "Sam Rivera", phone: "555-010-7788", email: "sam.rivera@example.com")
            ),
            by: callTaker
        )
        printWhole("\(acknowledgement.ticket)")
        new.append(acknowledgement.ticket)
        if Int.random(in: 0..<3, using: &random) == 0 {
            let ticket = new.remove(at: Int.random(in: 0..<new.count, using: &random))
            let request = try await center.accept(ticket, by: crew)
            printWhole("accept \(ticket) \(request.version)")
        }
        untilPass -= 1
        if untilPass == 0 {
            try await outbox.deliverDue()
            let sentKeys = updates.keys
            if let reference = backOffice.references.first(where: { !sentKeys.contains("note-\($0)") }) {
                try await updates.send("note-\(reference)", for: reference, to: center)
            }
            untilPass = Int.random(in: 1...4, using: &random)
        }
    }
} catch {
    FileHandle.standardError.write(Data("civic311-outbox-crash: \(error)\n".utf8))
    exit(1)
}
