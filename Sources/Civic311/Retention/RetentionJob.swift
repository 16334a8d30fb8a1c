import Foundation

/// Applies a ``RetentionSchedule`` to the closed requests of a store, as of a given instant.
///
/// A request is touched only while it is closed: an open request (new, assigned, in progress, on
/// hold, or resolved and not yet closed) is never examined, and one reopened meanwhile is left as
/// it is. For each class of the schedule whose period since ``ServiceRequest/closedAt`` has
/// ended by `now`, the job redacts the request's stored history through
/// ``RequestStore/redactPersonalData(_:recording:expectedVersion:)`` and records a
/// ``RequestChange/retentionApplied(_:rewritten:)`` event naming the events it rewrote.
///
/// Running the job again changes nothing more: a class already removed leaves nothing to
/// redact, and no event is recorded for nothing.
public struct RetentionJob: Sendable {
    public let schedule: RetentionSchedule
    /// Who the recorded events name; the center itself by default.
    public let actor: Participant

    public init(schedule: RetentionSchedule, actor: Participant = .system) {
        self.schedule = schedule
        self.actor = actor
    }

    /// Runs the schedule over `store` as of `now`.
    ///
    /// - Throws: ``StorageError`` from the store; the requests redacted before it stay redacted
    ///   (each in its own command), and running the job again finishes the work.
    public func run(over store: any RequestStore, asOf now: Date) async throws(StorageError) -> RetentionReport {
        try await runRecording(over: store, asOf: now).report
    }

    /// The run, with each recorded event's request after it, for the center's live tap.
    func runRecording(
        over store: any RequestStore,
        asOf now: Date
    ) async throws(StorageError) -> (report: RetentionReport, changes: [(RequestEvent, ServiceRequest)]) {
        let classes = schedule.dataClasses
        var tickets: [RetentionDataClass: [TicketNumber]] = [:]
        var rewritten: [RetentionDataClass: Int] = [:]
        var changes: [(RequestEvent, ServiceRequest)] = []
        var examined = 0
        try await store.eachRequest(matching: RequestQuery(states: [.closed])) { request throws(StorageError) in
            examined += 1
            for dataClass in classes {
                guard Self.isDue(request, dataClass, schedule, now) else { continue }
                let done = try await store.redact(
                    request.ticket,
                    .retention(dataClass),
                    by: actor,
                    at: now,
                    recording: { .retentionApplied(dataClass, rewritten: $0) },
                    while: { Self.isDue($0, dataClass, schedule, now) }
                )
                guard let done else { continue }
                tickets[dataClass, default: []].append(request.ticket)
                if case .retentionApplied(_, let sequences) = done.event.change {
                    rewritten[dataClass, default: 0] += sequences.count
                }
                changes.append(done)
            }
        }
        let report = RetentionReport(
            asOf: now,
            requestsExamined: examined,
            outcomes: classes.map {
                RetentionReport.ClassOutcome(
                    dataClass: $0,
                    tickets: tickets[$0] ?? [],
                    eventsRewritten: rewritten[$0] ?? 0
                )
            },
            recorded: changes.map(\.0)
        )
        return (report, changes)
    }

    /// Whether `dataClass` is due for removal from `request` at `now`: closed, and closed for at
    /// least the class's period.
    static func isDue(
        _ request: ServiceRequest,
        _ dataClass: RetentionDataClass,
        _ schedule: RetentionSchedule,
        _ now: Date
    ) -> Bool {
        guard request.state == .closed, let closedAt = request.closedAt,
            let period = schedule.period(of: dataClass)
        else { return false }
        return closedAt.addingTimeInterval(period) <= now
    }
}
