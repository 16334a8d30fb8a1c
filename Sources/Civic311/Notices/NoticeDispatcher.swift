import Foundation

/// Tells residents what happens to their requests: reads the store's durable change feed, writes a
/// ``Notice`` for each change a resident should hear of, and sends it through a ``Notifier``.
///
/// **What residents hear of.** Every public change of a request: its acknowledgement when it is
/// opened; a status change when it is accepted, started, put on hold (with what is needed),
/// resumed, resolved (with what was done), reopened or moved to another department, and when the
/// department adds a public note; its closing, with the closing note, and after a closing as done
/// an invitation to the survey (``ServiceCenter/answerSurvey(_:on:caller:by:)``). Internal changes (internal
/// notes, references, delivery records) are never told. The submitter and the request's
/// followers (``ServiceCenter/follow(_:as:by:)``) hear, each in the channel and language of their
/// ``NoticePreferences`` (by default e-mail, else SMS, in the catalog's default language); an
/// opted-out resident hears nothing.
///
/// **Guarantees**, as the department outbox's:
/// - *Nothing is lost.* The checkpoint (`notices.NAME`) never passes a change whose notice is not
///   settled: sent, or recorded as undeliverable in the request's history. A process killed at any
///   moment resumes from it and writes again what it had not settled.
/// - *Nothing is sent twice*, given a notifier that honours ``Notice/key``, which is the same on
///   every attempt and after a restart.
/// - *No silent failure.* A failed send is retried with backoff (``RetryPolicy``); after the last
///   attempt, or at once when the notifier refuses it, the notice is undeliverable: a
///   ``DeliveryRecord`` (destination `notices/NAME`) in the request's history, an entry in
///   ``undeliverable``, a count in ``figures``.
///
/// Drive it as the outbox: ``deliverDue()`` for one pass (under a ``ManualWallClock`` in tests),
/// ``run(pollInterval:)`` in a task of its own. One dispatcher per name runs at a time.
public actor NoticeDispatcher {
    public let name: String
    public let catalog: NoticeCatalog
    public let retryPolicy: RetryPolicy

    private let center: ServiceCenter
    private let notifier: any Notifier
    private let preferences: any NoticePreferenceSource
    private var clock: any WallClock { center.configuration.clock }
    private var random: SplitMix64
    private let consumer: FeedConsumerID
    /// Every feed entry at or before it is settled; the stored checkpoint.
    private var settled: FeedPosition
    /// The last feed entry read.
    private var read: FeedPosition
    /// Notices waiting, in feed order.
    private var pending: [PendingNotice] = []
    private var counts = NoticeFigures()
    private var givenUp: [UndeliverableNotice] = []
    private var dateStyles: [String: Date.FormatStyle] = [:]

    private struct PendingNotice {
        let position: FeedPosition
        let sequence: Int
        let notice: Notice
        var failures = 0
        var dueAt: Date
    }

    /// - Parameters:
    ///   - center: the center whose store's feed it reads, and through which it records
    ///     undeliverable notices.
    ///   - notifier: sends the notices.
    ///   - catalog: the notices' wording.
    ///   - preferences: where residents' preferences are read.
    ///   - name: a stable name for its checkpoint (`notices.NAME`): ASCII letters, digits, `-`,
    ///     `_` and `.`.
    ///   - retryPolicy: how attempts are spaced and when it gives up.
    ///   - seed: seeds the jitter, so a run replays exactly.
    /// - Throws: ``ValidationError`` (field `name`) for a name as ``OutboxDestination`` refuses
    ///   one; ``StorageError`` when the store cannot be read.
    public init(
        center: ServiceCenter,
        notifier: any Notifier,
        catalog: NoticeCatalog,
        preferences: any NoticePreferenceSource = InMemoryNoticePreferences(),
        name: String = "residents",
        retryPolicy: RetryPolicy = .standard,
        seed: UInt64 = 0
    ) async throws {
        // The same rules as an outbox destination's name, which also goes into keys.
        try OutboxDestination.checkName(name)
        self.center = center
        self.notifier = notifier
        self.catalog = catalog
        self.preferences = preferences
        self.name = name
        self.retryPolicy = retryPolicy
        random = SplitMix64(seed: seed)
        consumer = FeedConsumerID("notices.\(name)")
        settled = try await center.store.checkpoint(of: consumer)
        read = settled
    }

    /// What it has done since it started, and what waits.
    public var figures: NoticeFigures {
        var figures = counts
        figures.pending = pending.count
        return figures
    }

    /// The notices given up on since it started, oldest first; each is also in its request's
    /// history.
    public var undeliverable: [UndeliverableNotice] { givenUp }

    /// When the earliest waiting retry is due; `nil` when nothing waits for a retry.
    public var nextRetry: Date? { pending.filter { $0.failures > 0 }.map(\.dueAt).min() }

    /// One pass: reads what the feed holds after the last entry read, sends every notice that is
    /// due at the center's clock, and saves the checkpoint.
    ///
    /// - Throws: ``StorageError`` when the store fails; what was sent stays sent, and the next pass
    ///   goes on from the saved checkpoint.
    @discardableResult
    public func deliverDue() async throws -> NoticeFigures {
        try await readFeed()
        try await sendDue()
        try await saveCheckpoint()
        return figures
    }

    /// Calls ``deliverDue()`` every `pollInterval` (and at once while a pass finds work) until the
    /// task is cancelled.
    ///
    /// - Throws: ``ValidationError`` (field `pollInterval`) at once for an interval that is not
    ///   positive; `CancellationError` when cancelled; what ``deliverDue()`` throws.
    public func run(pollInterval: Duration = .milliseconds(500)) async throws {
        guard pollInterval > .zero else {
            throw ValidationError(.outOfRange, field: "pollInterval", reason: "must be positive, not \(pollInterval)")
        }
        while true {
            try Task.checkCancellation()
            let before = read
            try await deliverDue()
            if read == before { try await Task.sleep(for: pollInterval) }
        }
    }

    // MARK: Reading the feed

    private func readFeed() async throws {
        let store = center.store
        while true {
            let page = try await store.changes(after: read, limit: DepartmentOutbox.pageSize)
            // A page is taken whole or not at all: when making a notice fails halfway (the store,
            // the preferences), the next pass reads the page again, so what this one made of it
            // must not stay queued (it would be sent twice) nor counted.
            var tally = NoticeFigures()
            pending += try await notices(in: page, tally: &tally)
            counts.optedOut += tally.optedOut
            counts.unreachable += tally.unreachable
            counts.fellBack += tally.fellBack
            read = page.next
            if page.isCaughtUp { return }
        }
    }

    /// The notices the entries of `page` call for, in feed order; `tally` counts the residents
    /// not told.
    private func notices(in page: FeedPage, tally: inout NoticeFigures) async throws -> [PendingNotice] {
        let store = center.store
        var found: [PendingNotice] = []
        // Requests whose state (and followers) after the last entry this page knows, so a
        // history is read at most once a page.
        var known: [TicketNumber: (request: ServiceRequest, followers: [Submitter])] = [:]
        for entry in page.entries {
            guard case .requestEvent(let event) = entry.change else { continue }
            var (after, followers): (ServiceRequest, [Submitter])
            if event.sequence == 1 {
                (after, followers) = (try ServiceRequest.replaying([event]), [])
            } else if let state = known[event.ticket], state.request.version == event.sequence - 1 {
                (after, followers) = state
                try after.apply(event)
                followers = ServiceCenter.followers(in: [event], after: followers)
            } else {
                let history = try await store.events(for: event.ticket).prefix { $0.sequence <= event.sequence }
                (after, followers) = (try ServiceRequest.replaying(history), ServiceCenter.followers(in: history))
            }
            known[event.ticket] = (after, followers)
            guard event.visibility == .public else { continue }
            for (kind, note) in Self.told(event.change) {
                var recipients: [(Submitter?, suffix: String)] = [(after.submitter, "")]
                // Only the submitter answers the survey (AccessPolicy), so only they are invited.
                for follower in followers where kind != .surveyInvitation {
                    recipients.append((follower, "/follower-\(Self.stableName(of: follower))"))
                }
                for (recipient, suffix) in recipients {
                    guard
                        let notice = try await notice(
                            kind,
                            note: note,
                            for: event,
                            on: after,
                            to: recipient,
                            keySuffix: suffix,
                            tally: &tally
                        )
                    else { continue }
                    found.append(
                        PendingNotice(
                            position: entry.position,
                            sequence: event.sequence,
                            notice: notice,
                            dueAt: clock.now()
                        )
                    )
                }
            }
        }
        return found
    }

    /// What a resident is told of a public change, each notice with the note it carries; none for
    /// bookkeeping. A request closed as done also invites its submitter to the survey.
    static func told(_ change: RequestChange) -> [(kind: NoticeKind, note: String)] {
        switch change {
        case .opened: [(.acknowledgement, "")]
        case .accepted, .started, .resumed: [(.statusChange, "")]
        case .putOnHold(let reason), .reopened(let reason): [(.statusChange, reason)]
        case .resolved(let note), .noteAdded(let note): [(.statusChange, note)]
        case .returned(let reason, _, _), .reassigned(_, let reason): [(.statusChange, reason)]
        case .closed(let closure) where closure.reason == .completed:
            [(.closing, closure.note), (.surveyInvitation, "")]
        case .closed(let closure): [(.closing, closure.note)]
        case .mergedInto(_, let note): [(.closing, note)]
        case .unmerged(_, let reason, _): [(.statusChange, reason)]
        case .externalReferenceAdded, .linked, .priorityChanged, .escalated, .delivery, .backOfficeUpdate,
            .surveyAnswered, .followerAdded, .followerRemoved, .duplicateLinked, .duplicateUnlinked,
            .personalDataErased, .retentionApplied:
            []
        }
    }

    /// The notice for the submitter of `request`, or `nil` (counted in `tally`) when they opted out
    /// or cannot be reached.
    private func notice(
        _ kind: NoticeKind,
        note: String,
        for event: RequestEvent,
        on request: ServiceRequest,
        to submitter: Submitter?,
        keySuffix: String,
        tally: inout NoticeFigures
    ) async throws -> Notice? {
        guard let submitter else {
            tally.unreachable += 1
            return nil
        }
        var chosen: NoticePreferences?
        for identity in submitter.identities {
            if let found = try await preferences.preferences(for: identity) {
                chosen = found
                break
            }
        }
        let wanted = chosen ?? NoticePreferences()
        if wanted.optedOut {
            tally.optedOut += 1
            return nil
        }
        guard let (channel, recipient) = Self.reach(submitter, on: wanted.channels) else {
            tally.unreachable += 1
            return nil
        }
        let (template, language) = catalog.template(kind, on: channel, in: wanted.language)
        let isFallback = wanted.language.map { $0 != language } ?? false
        if isFallback { tally.fellBack += 1 }
        let values = NoticeValues(
            ticket: request.ticket.description,
            serviceType: catalog.name(of: request.serviceType, in: language)
                ?? center.jurisdiction.serviceTypeName(request.serviceType),
            department: catalog.name(of: request.department, in: language)
                ?? center.jurisdiction.departmentName(request.department),
            expectedBy: date(request.dueAt, in: language),
            status: catalog.name(of: event.toState, in: language),
            note: note
        )
        let (subject, body) = template.render(values)
        return Notice(
            key: "\(name)/\(request.ticket)/\(event.sequence)/\(kind.rawValue)\(keySuffix)",
            ticket: request.ticket,
            kind: kind,
            channel: channel,
            recipient: recipient,
            language: language,
            isFallback: isFallback,
            subject: subject,
            body: body
        )
    }

    /// A follower's name in notice keys: the same in every process, and not their address (keys
    /// travel to providers and into logs). FNV-1a over the follower's normalized identities.
    static func stableName(of follower: Submitter) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in follower.identities.map(\.normalized).joined(separator: " ").utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
        }
        return String(hash, radix: 16)
    }

    /// The first of `channels` the submitter can be reached on, with the address.
    static func reach(_ submitter: Submitter, on channels: [NoticeChannel]) -> (NoticeChannel, String)? {
        for channel in channels {
            switch channel {
            case .email:
                if let email = submitter.email, !email.isBlank { return (channel, email) }
            case .sms, .voice:
                if let phone = submitter.phone, !phone.isBlank { return (channel, phone) }
            case .push:
                if let identity = submitter.identities.first { return (channel, identity.normalized) }
            }
        }
        return nil
    }

    /// A date as residents reading `language` write it, in the jurisdiction's time zone. Each
    /// language's style is made once: a locale is costly to make, and every notice needs a date.
    private func date(_ date: Date, in language: String) -> String {
        if let style = dateStyles[language] { return date.formatted(style) }
        var style = Date.FormatStyle(date: .long, time: .omitted, locale: Locale(identifier: language))
        style.timeZone = center.jurisdiction.timeZone
        dateStyles[language] = style
        return date.formatted(style)
    }

    // MARK: Sending

    private func sendDue() async throws {
        let now = clock.now()
        var index = 0
        while index < pending.count {
            guard pending[index].dueAt <= now else {
                index += 1
                continue
            }
            let item = pending[index]
            let failure: DeliveryError
            do {
                try await notifier.send(item.notice)
                pending.remove(at: index)
                counts.sent += 1
                continue
            } catch let error as DeliveryError {
                failure = error
            } catch {
                failure = DeliveryError(.unavailable, message: "\(error)")
            }
            pending[index].failures += 1
            let failures = pending[index].failures
            if failure.code == .rejected || failures >= retryPolicy.maximumAttempts {
                try await giveUp(pending[index], attempts: failures, reason: failure.message)
                pending.remove(at: index)
                continue
            }
            let wait = retryPolicy.delay(afterFailures: failures, unit: Double(random.next() >> 11) * 0x1p-53)
            pending[index].dueAt = clock.now().addingTimeInterval(wait)
            counts.retried += 1
            index += 1
        }
    }

    /// Records the notice as undeliverable in its request's history, for an operator.
    private func giveUp(_ item: PendingNotice, attempts: Int, reason: String) async throws {
        let text = reason.isBlank ? "no reason given" : String(reason.prefix(1_000))
        let record = DeliveryRecord(
            destination: "notices/\(name)",
            outcome: .deadLettered(sequence: item.sequence, attempts: attempts, reason: text)
        )
        _ = try await center.change(item.notice.ticket, .addInternalNote, by: .system) { _ in
            (.delivery(record), .internal)
        }
        counts.undeliverable += 1
        givenUp.append(UndeliverableNotice(notice: item.notice, attempts: attempts, reason: text))
    }

    private func saveCheckpoint() async throws {
        let newSettled = pending.first.map { FeedPosition(checked: $0.position.rawValue - 1) } ?? read
        if newSettled > settled {
            try await center.store.saveCheckpoint(newSettled, of: consumer, expected: nil)
            settled = newSettled
        }
    }
}
