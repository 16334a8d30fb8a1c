import Civic311
import Civic311SampleCounty
import Foundation
import Testing

@Suite struct ServiceLevelEngineTests {
    let county = Jurisdiction.sampleCounty
    let engine = ServiceLevelEngine.sampleCounty
    let eastern = TimeZone(identifier: "America/New_York")!

    /// A local instant in New York.
    func local(_ year: Int, _ month: Int, _ day: Int, _ hour: Int, _ minute: Int = 0) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = eastern
        return calendar.date(from: DateComponents(year: year, month: month, day: day, hour: hour, minute: minute))!
    }

    func center(at start: Date) async throws -> (ServiceCenter, ManualWallClock) {
        let clock = try ManualWallClock(start)
        var configuration = ServiceCenter.Configuration(node: 3, clock: clock, triage: "311")
        configuration.serviceLevels = engine
        return (try await ServiceCenter(jurisdiction: county, store: .inMemory, configuration: configuration), clock)
    }

    func pothole(priority: Priority = .normal) -> ServiceRequestDraft {
        ServiceRequestDraft(
            serviceType: "POTHOLE",
            description: "Pothole in the lane",
            location: Location(address: "1 Elm Street"),
            answers: ["size": .choice("small"), "position": .choice("lane")],
            channel: .phone,
            priority: priority
        )
    }

    @Test func businessDayDueDateIsFrozenWithTheAgreementVersion() async throws {
        // Wednesday 25 November 2026, 10:00: Thanksgiving (Thursday 26) is a holiday, so three
        // business days are Wednesday (day of receipt), Friday, Monday, Tuesday → Tuesday 17:00.
        let (center, _) = try await center(at: local(2026, 11, 25, 10))
        let ack = try await center.submit(pothole(), by: .callTaker("a"))
        let request = try await center.request(ack.ticket, by: .supervisor("s"))
        #expect(ack.expectedBy == local(2026, 12, 1, 17))
        #expect(request.serviceLevel.policy == "sla:POTHOLE@2")
        #expect(request.serviceLevel.clock == .businessTime(calendar: "county-offices"))
        // First response: 8 business hours from Wednesday 10:00 = Friday 09:30 (7 h Wednesday, 1 h Friday).
        #expect(request.serviceLevel.firstResponseDueAt == local(2026, 11, 27, 9, 30))
    }

    @Test func priorityOverrideReplacesTheTargets() async throws {
        let (center, _) = try await center(at: local(2026, 11, 23, 9))
        let ack = try await center.submit(pothole(priority: .urgent), by: .callTaker("a"))
        // 8 business hours from Monday 09:00 = Monday 17:00 (the office closes at 17:00).
        #expect(ack.expectedBy == local(2026, 11, 23, 17))
    }

    @Test func aroundTheClockAgreementIgnoresOfficeHours() async throws {
        let (center, _) = try await center(at: local(2026, 12, 24, 23))
        let ack = try await center.submit(
            ServiceRequestDraft(
                serviceType: "WATER_LEAK",
                description: "Water bubbling up",
                location: Location(address: "2 Elm Street"),
                answers: ["flooding": .yesNo(true)],
                channel: .phone
            ),
            by: .callTaker("a")
        )
        #expect(ack.expectedBy == local(2026, 12, 25, 11))
    }

    @Test func holdPausesTheClockAndMovesTheEffectiveDueDate() async throws {
        let (center, clock) = try await center(at: local(2026, 11, 23, 9))
        let ack = try await center.submit(pothole(), by: .callTaker("a"))
        let crew = Participant.departmentStaff("c", department: "DOT")
        try await center.accept(ack.ticket, by: crew)
        try clock.set(local(2026, 11, 23, 10))
        try await center.putOnHold(ack.ticket, waitingFor: "Which lane exactly?", by: crew)
        try clock.set(local(2026, 11, 24, 10))  // one business day (7.5 h of open time) on hold
        try await center.resume(ack.ticket, by: crew)
        let request = try await center.request(ack.ticket, by: crew)
        #expect(request.holds.count == 1)
        let reading = engine.reading(for: request, at: local(2026, 11, 24, 10))
        // On hold Monday 10:00–17:00 and Tuesday 08:30–10:00: 8.5 business hours.
        #expect(reading.paused == 8.5 * 3600)
        #expect(reading.elapsed == 1 * 3600)  // Monday 09:00–10:00, before the hold
        // Three business days after Monday, skipping Thanksgiving (Thursday 26): Friday 17:00.
        #expect(request.dueAt == local(2026, 11, 27, 17))
        // The 8.5 paused hours move it one business day out: Monday 30 November, 17:00.
        #expect(reading.effectiveDueAt == local(2026, 11, 30, 17))
        #expect(reading.status == .onTrack)
    }

    @Test func statusMovesFromOnTrackToAtRiskToBreached() async throws {
        let (center, _) = try await center(at: local(2026, 11, 23, 8, 30))
        let ack = try await center.submit(pothole(), by: .callTaker("a"))
        let request = try await center.request(ack.ticket, by: .supervisor("s"))
        // Due Friday 27 (Thanksgiving skipped): Monday, Tuesday, Wednesday and Friday of 8.5 h each,
        // a 34 h budget, at risk from 75 % = 25.5 h, reached at Wednesday's close.
        #expect(engine.reading(for: request, at: local(2026, 11, 23, 16)).status == .onTrack)
        #expect(engine.reading(for: request, at: local(2026, 11, 25, 16, 59)).status == .onTrack)
        #expect(engine.reading(for: request, at: local(2026, 11, 26, 12)).status == .atRisk)
        #expect(engine.reading(for: request, at: local(2026, 11, 27, 12)).status == .atRisk)
        #expect(engine.reading(for: request, at: local(2026, 11, 27, 17)).status == .breached)
    }

    @Test func escalationsFireExactlyOnceAcrossRepeatedEvaluations() async throws {
        let (center, clock) = try await center(at: local(2026, 11, 23, 8, 30))
        let ack = try await center.submit(pothole(), by: .callTaker("a"))
        var fired: [String] = []
        for day in 23...30 {
            for hour in stride(from: 8, through: 18, by: 2) {
                try clock.set(local(2026, 11, day, hour))
                let events = try await center.evaluateServiceLevels(at: clock.now())
                for event in events {
                    if case .escalated(let escalation) = event.change { fired.append(escalation.rule) }
                }
            }
        }
        #expect(fired.sorted() == ["at-risk-to-supervisor", "breach-raise-priority", "pothole-no-response"])
        let request = try await center.request(ack.ticket, by: .supervisor("s"))
        #expect(request.priority == .high)
        #expect(request.queue == "supervisors")
        #expect(request.escalations.count == 3)
        let history = try await center.history(of: ack.ticket, by: .supervisor("s"))
        #expect(history.filter { $0.change.action == .escalate }.allSatisfy { $0.actor == .system })
    }

    @Test func noEscalationAfterResolution() async throws {
        let (center, clock) = try await center(at: local(2026, 11, 23, 8, 30))
        let ack = try await center.submit(pothole(), by: .callTaker("a"))
        let crew = Participant.departmentStaff("c", department: "DOT")
        try await center.start(ack.ticket, by: crew)
        try await center.resolve(ack.ticket, note: "Filled.", by: crew)
        try clock.set(local(2026, 12, 30, 12))
        #expect(try await center.evaluateServiceLevels(at: clock.now()).isEmpty)
    }

    @Test func complianceCountsOpenOverdueRequestsAsMisses() async throws {
        let (center, clock) = try await center(at: local(2026, 11, 2, 9))
        let crew = Participant.departmentStaff("c", department: "DOT")
        let onTime = try await center.submit(pothole(), by: .callTaker("a"))
        let late = try await center.submit(pothole(), by: .callTaker("a"))
        let stillOpen = try await center.submit(pothole(), by: .callTaker("a"))
        _ = stillOpen
        try await center.start(onTime.ticket, by: crew)
        try clock.set(local(2026, 11, 3, 12))
        try await center.resolve(onTime.ticket, note: "Filled the same week.", by: crew)
        try await center.start(late.ticket, by: crew)
        try clock.set(local(2026, 11, 10, 12))
        try await center.resolve(late.ticket, note: "Filled a week later.", by: crew)
        let requests = try await center.requests(matching: RequestQuery(), by: .supervisor("s")).items
        let november = DateInterval(start: local(2026, 11, 1, 0), end: local(2026, 12, 1, 0))
        let report = ComplianceReport(
            requests: requests,
            period: november,
            asOf: local(2026, 11, 20, 0),
            engine: engine
        )
        #expect(report.total.met == 1)
        #expect(report.total.closedLate == 1)
        #expect(report.total.openOverdue == 1)
        #expect(report.total.onTimeShare == 1.0 / 3.0)
        #expect(report.rows.count == 1)
        #expect(report.rows[0].department == "DOT")
        // Hours to close: 27 h (2 Nov 09:00 → 3 Nov 12:00) and 195 h; nearest-rank median is 27.
        #expect(report.total.medianHoursToClose == 27)
        #expect(report.total.ninetiethPercentileHoursToClose == 195)
    }

    @Test func loadingReportsEveryProblemWithItsPath() throws {
        let document = """
            {
              "calendars": {
                "offices": { "timeZone": "Mars/Olympus", "weeklyHours": { "monday": [["09:00", "17:00"], ["16:00", "18:00"]] } }
              },
              "defaultCalendar": "missing",
              "departmentCalendars": { "NOPE": "offices" },
              "agreements": [
                { "serviceType": "POTHOLE", "resolution": { "businessDays": 0 } },
                { "serviceType": "UNKNOWN", "resolution": { "fortnights": 1 } }
              ],
              "escalations": [ { "id": "x", "when": "sometimes", "action": { "notifySupervisor": "desk" } } ],
              "colour": "blue"
            }
            """
        let error = #expect(throws: ConfigurationError.self) {
            try ServiceLevelEngine(json: Data(document.utf8), jurisdiction: county)
        }
        let paths = Set(error?.issues.map(\.path) ?? [])
        #expect(paths.contains("$.colour"))
        #expect(paths.contains("$.calendars.offices.timeZone"))
        #expect(paths.contains { $0.hasPrefix("$.calendars.offices.weeklyHours.monday") })
        #expect(paths.contains("$.agreements[0].resolution.businessDays"))
        #expect(paths.contains("$.agreements[1].resolution.fortnights"))
        #expect(paths.contains("$.escalations[0].when"))
    }

    @Test func referencesAreCheckedAgainstTheJurisdiction() throws {
        let calendar = try BusinessCalendar.twentyFourSeven(timeZone: "America/New_York")
        let error = #expect(throws: ConfigurationError.self) {
            try ServiceLevelEngine(
                jurisdiction: county,
                calendars: ["all": calendar],
                departmentCalendars: ["NOPE": "all"],
                defaultCalendar: "all",
                agreements: [
                    try ServiceLevelAgreement(serviceType: "UNKNOWN", targets: .init(resolution: .calendarHours(1))),
                    try ServiceLevelAgreement(
                        serviceType: "POTHOLE",
                        targets: .init(resolution: .calendarHours(1)),
                        calendar: "gone"
                    ),
                ],
                atRiskShare: 1.5
            )
        }
        let paths = Set(error?.issues.map(\.path) ?? [])
        #expect(
            paths == [
                "$.departmentCalendars.NOPE", "$.agreements[0].serviceType", "$.agreements[1].calendar",
                "$.atRiskShare",
            ]
        )
    }

    @Test func sampleCountyServiceLevelsLoad() {
        #expect(engine.agreements.count >= 15)
        #expect(engine.escalationRules.count == 3)
        #expect(engine.calendars.keys.sorted() == ["around-the-clock", "county-offices"])
    }
}
