import Foundation

/// Service levels computed on business calendars: due dates at intake, on-track / at-risk /
/// breached readings at any instant, and escalations.
///
/// - **Due dates** come from the service type's ``ServiceLevelAgreement`` (its priority override
///   when one exists), counted on the agreement's calendar or else on the calendar of the
///   department the request is routed to. They are frozen in the request's
///   ``ServiceLevelCommitment`` with the agreement's version. A service type without an agreement
///   falls back to its catalog target in calendar time.
/// - **Pauses.** Time the request spends ``RequestState/onHold`` (waiting on the resident) does not
///   count: the effective due date moves out by the paused time, measured on the same clock.
/// - **Rerouting.** A return or reassignment does not change the commitment: the resident was
///   promised a date, and the clock keeps running on the calendar it started on. The forwarding
///   is counted in ``ServiceRequest/returnCount`` instead.
/// - **Escalation** is evaluated only when asked (``ServiceCenter/evaluateServiceLevels(at:)``),
///   never by a hidden timer, and each rule fires at most once per request.
public struct ServiceLevelEngine: ServiceLevelPolicy {
    /// Named business calendars: one per department, one for the call center, and so on.
    public let calendars: [String: BusinessCalendar]
    /// Which calendar each department works; departments not listed use ``defaultCalendar``.
    public let departmentCalendars: [DepartmentID: String]
    public let defaultCalendar: String
    /// The call center's own hours (used by the simulation and staffing plans).
    public let centerCalendar: String
    public let agreements: [ServiceTypeCode: ServiceLevelAgreement]
    /// The share of the budget used at which a request becomes at risk (for example 0.75).
    public let atRiskShare: Double
    public let escalationRules: [EscalationRule]

    /// Builds an engine, checking every reference against the jurisdiction; problems are reported
    /// with paths such as `agreements[2].serviceType`.
    public init(
        jurisdiction: Jurisdiction,
        calendars: [String: BusinessCalendar],
        departmentCalendars: [DepartmentID: String] = [:],
        defaultCalendar: String,
        centerCalendar: String? = nil,
        agreements: [ServiceLevelAgreement],
        atRiskShare: Double = 0.75,
        escalationRules: [EscalationRule] = []
    ) throws(ConfigurationError) {
        let log = ConfigurationIssueLog()
        if calendars[defaultCalendar] == nil { log.add("$.defaultCalendar", "unknown calendar '\(defaultCalendar)'") }
        if let centerCalendar, calendars[centerCalendar] == nil {
            log.add("$.centerCalendar", "unknown calendar '\(centerCalendar)'")
        }
        for (department, name) in departmentCalendars.sorted(by: { $0.key < $1.key }) {
            if jurisdiction.department(department) == nil {
                log.add("$.departmentCalendars.\(department)", "unknown department '\(department)'")
            }
            if calendars[name] == nil { log.add("$.departmentCalendars.\(department)", "unknown calendar '\(name)'") }
        }
        var byType: [ServiceTypeCode: ServiceLevelAgreement] = [:]
        for (index, agreement) in agreements.enumerated() {
            let path = "$.agreements[\(index)]"
            if jurisdiction.serviceType(agreement.serviceType) == nil {
                log.add("\(path).serviceType", "unknown service type '\(agreement.serviceType)'")
            }
            if byType.updateValue(agreement, forKey: agreement.serviceType) != nil {
                log.add("\(path).serviceType", "a second agreement for '\(agreement.serviceType)'")
            }
            if let name = agreement.calendar, calendars[name] == nil {
                log.add("\(path).calendar", "unknown calendar '\(name)'")
            }
        }
        if !(atRiskShare > 0 && atRiskShare < 1) {
            log.add("$.atRiskShare", "must be between 0 and 1 (exclusive), got \(atRiskShare)")
        }
        var ruleIDs: Set<String> = []
        for (index, rule) in escalationRules.enumerated() {
            let path = "$.escalations[\(index)]"
            if !ruleIDs.insert(rule.id).inserted { log.add("\(path).id", "duplicate rule id '\(rule.id)'") }
            if case .moveToQueue(let department, _) = rule.action, jurisdiction.department(department) == nil {
                log.add("\(path).action.moveToQueue.department", "unknown department '\(department)'")
            }
            for code in (rule.serviceTypes ?? []).sorted() where jurisdiction.serviceType(code) == nil {
                log.add("\(path).serviceTypes", "unknown service type '\(code)'")
            }
        }
        try log.check()
        self.calendars = calendars
        self.departmentCalendars = departmentCalendars
        self.defaultCalendar = defaultCalendar
        self.centerCalendar = centerCalendar ?? defaultCalendar
        self.agreements = byType
        // Every name was checked above.
        func terms(_ name: String) -> IntakeCalendar { IntakeCalendar(name: name, calendar: calendars[name]!) }
        let intakeAgreements = byType.mapValues { agreement in
            IntakeTerms(
                agreement: agreement,
                policy: "sla:\(agreement.serviceType)@\(agreement.version)",
                calendar: agreement.calendar.map(terms)
            )
        }
        intakeCatalog = jurisdiction
        intakeTerms = jurisdiction.serviceTypes.map { intakeAgreements[$0.id] }
        intakeDepartmentCalendars = departmentCalendars.mapValues(terms)
        intakeDefaultCalendar = terms(defaultCalendar)
        self.atRiskShare = atRiskShare
        self.escalationRules = escalationRules
    }

    /// The same service levels checked against `jurisdiction` (see
    /// ``Jurisdiction/adopting(routingRules:serviceLevels:)``).
    func checked(against jurisdiction: Jurisdiction) throws(ConfigurationError) -> ServiceLevelEngine {
        try ServiceLevelEngine(
            jurisdiction: jurisdiction,
            calendars: calendars,
            departmentCalendars: departmentCalendars,
            defaultCalendar: defaultCalendar,
            centerCalendar: centerCalendar,
            agreements: agreements.values.sorted { $0.serviceType < $1.serviceType },
            atRiskShare: atRiskShare,
            escalationRules: escalationRules
        )
    }

    /// What intake reads for one service type, resolved at construction: the agreement, its
    /// policy name, and its own calendar when it names one. A class, so a lookup copies one
    /// reference instead of the agreement's fields.
    private final class IntakeTerms: Sendable {
        let agreement: ServiceLevelAgreement
        let policy: String
        let calendar: IntakeCalendar?

        init(agreement: ServiceLevelAgreement, policy: String, calendar: IntakeCalendar?) {
            self.agreement = agreement
            self.policy = policy
            self.calendar = calendar
        }
    }

    /// A calendar with its name, resolved once (construction checked every name).
    private final class IntakeCalendar: Sendable {
        let name: String
        let calendar: BusinessCalendar

        init(name: String, calendar: BusinessCalendar) {
            self.name = name
            self.calendar = calendar
        }
    }

    /// The jurisdiction the engine was checked against, and for each of its service types the
    /// agreement with the policy name intake writes into every commitment (`sla:POTHOLE@3`,
    /// formatted once rather than per request), by catalog index
    /// (``Jurisdiction/catalogIndex(of:)``), so intake finds a type's terms without hashing its code.
    private let intakeCatalog: Jurisdiction
    private let intakeTerms: [IntakeTerms?]
    /// ``departmentCalendars`` and ``defaultCalendar`` resolved, for ``calendarName(for:department:)``
    /// at intake without a second lookup by name.
    private let intakeDepartmentCalendars: [DepartmentID: IntakeCalendar]
    private let intakeDefaultCalendar: IntakeCalendar

    /// The calendar a request of `agreement` routed to `department` is measured on.
    public func calendarName(for agreement: ServiceLevelAgreement?, department: DepartmentID) -> String {
        agreement?.calendar ?? departmentCalendars[department] ?? defaultCalendar
    }

    // MARK: Intake

    public func commitment(
        for serviceType: ServiceType,
        priority: Priority,
        department: DepartmentID,
        receivedAt: Date
    ) throws -> ServiceLevelCommitment {
        guard let index = intakeCatalog.catalogIndex(of: serviceType), let terms = intakeTerms[index] else {
            return ServiceLevelCommitment(
                resolutionDueAt: receivedAt.addingTimeInterval(serviceType.targetSeconds),
                policy: CatalogServiceLevels.policyName
            )
        }
        let targets = terms.agreement.targets(for: priority)
        // The calendar calendarName(for:department:) names, without looking it up by name.
        let resolved = terms.calendar ?? intakeDepartmentCalendars[department] ?? intakeDefaultCalendar
        let clock: ServiceLevelClock =
            targets.resolution.isBusinessTime ? .businessTime(calendar: resolved.name) : .calendarTime
        return ServiceLevelCommitment(
            resolutionDueAt: resolved.calendar.date(byAdding: targets.resolution, to: receivedAt),
            firstResponseDueAt: targets.firstResponse.map { resolved.calendar.date(byAdding: $0, to: receivedAt) },
            policy: terms.policy,
            clock: clock
        )
    }

    // MARK: Readings

    /// Time between two instants on a commitment's clock.
    public func measure(_ clock: ServiceLevelClock, from start: Date, to end: Date) -> TimeInterval {
        Self.measure(clock, from: start, to: end, calendars: calendars)
    }

    /// Time between two instants on `clock`, business time counted on `calendars`.
    static func measure(
        _ clock: ServiceLevelClock,
        from start: Date,
        to end: Date,
        calendars: [String: BusinessCalendar]
    ) -> TimeInterval {
        switch clock {
        case .calendarTime:
            return end.timeIntervalSince(start)
        case .businessTime(let name):
            // A calendar since renamed or removed: fall back to elapsed time rather than fail.
            guard let calendar = calendars[name] else { return end.timeIntervalSince(start) }
            return calendar.businessTime(from: start, to: end)
        }
    }

    /// Where `request` stands against its resolution target at `instant`.
    ///
    /// Open requests are measured up to `instant`; resolved and closed ones up to the moment they
    /// were resolved (or closed, if never resolved).
    public func reading(for request: ServiceRequest, at instant: Date) -> ServiceLevelReading {
        Self.reading(for: request, at: instant, calendars: calendars, atRiskShare: atRiskShare)
    }

    /// The reading on `calendars`: the one computation of elapsed, paused and effective due time,
    /// shared by an engine and by ``ServiceMeasures`` when it is given no engine (then every
    /// business-time clock falls back to elapsed time, as for a calendar an engine does not know).
    static func reading(
        for request: ServiceRequest,
        at instant: Date,
        calendars: [String: BusinessCalendar],
        atRiskShare: Double
    ) -> ServiceLevelReading {
        let commitment = request.serviceLevel
        let clock = commitment.clock
        let start = request.createdAt
        let end = request.state.isOpen ? instant : (request.resolvedAt ?? request.closedAt ?? instant)
        var paused: TimeInterval = 0
        for hold in request.holds where hold.start < end {
            paused += measure(clock, from: hold.start, to: min(hold.end, end), calendars: calendars)
        }
        if let holdStart = request.holdStartedAt, holdStart < end {
            paused += measure(clock, from: holdStart, to: end, calendars: calendars)
        }
        let budget = measure(clock, from: start, to: commitment.resolutionDueAt, calendars: calendars)
        let elapsed = max(0, measure(clock, from: start, to: end, calendars: calendars) - paused)
        let status: ServiceLevelStatus =
            elapsed >= budget ? .breached : (elapsed >= atRiskShare * budget ? .atRisk : .onTrack)
        let firstResponseMissed =
            commitment.firstResponseDueAt.map { due in (request.firstRespondedAt ?? instant) > due } ?? false
        return ServiceLevelReading(
            status: status,
            elapsed: elapsed,
            budget: budget,
            paused: paused,
            effectiveDueAt: effectiveDue(
                commitment,
                start: start,
                budget: budget,
                paused: paused,
                calendars: calendars
            ),
            firstResponseMissed: firstResponseMissed
        )
    }

    private static func effectiveDue(
        _ commitment: ServiceLevelCommitment,
        start: Date,
        budget: TimeInterval,
        paused: TimeInterval,
        calendars: [String: BusinessCalendar]
    ) -> Date {
        guard paused > 0 else { return commitment.resolutionDueAt }
        switch commitment.clock {
        case .calendarTime:
            return commitment.resolutionDueAt.addingTimeInterval(paused)
        case .businessTime(let name):
            guard let calendar = calendars[name],
                let due = try? calendar.date(byAddingBusinessTime: budget + paused, to: start)
            else { return commitment.resolutionDueAt.addingTimeInterval(paused) }
            return due
        }
    }

    // MARK: Escalation

    /// The escalations due for `request` at `instant` that have not fired before.
    public func escalations(for request: ServiceRequest, at instant: Date) -> [Escalation] {
        guard request.state.isOpen else { return [] }
        var due: [Escalation] = []
        var reading: ServiceLevelReading?
        for rule in escalationRules where !request.escalations.contains(rule.id) {
            if let types = rule.serviceTypes, !types.contains(request.serviceType) { continue }
            let current = reading ?? self.reading(for: request, at: instant)
            reading = current
            switch rule.trigger {
            case .atRisk where current.status != .onTrack, .breached where current.status == .breached:
                let reason = String(
                    format: "%@: %.1f of %.1f hours used (%.0f%%)",
                    current.status.words,
                    current.elapsed / 3600,
                    current.budget / 3600,
                    current.usedShare * 100
                )
                due.append(Escalation(rule: rule.id, status: current.status, action: rule.action, reason: reason))
            case .noFirstResponse(let within) where request.firstRespondedAt == nil:
                let name = calendarName(for: agreements[request.serviceType], department: request.department)
                let calendar = calendars[name]!
                let deadline = calendar.date(byAdding: within, to: request.createdAt)
                if instant >= deadline {
                    due.append(
                        Escalation(
                            rule: rule.id,
                            status: current.status,
                            action: rule.action,
                            reason: "no first response within \(within)"
                        )
                    )
                }
            default:
                continue
            }
        }
        return due
    }
}
