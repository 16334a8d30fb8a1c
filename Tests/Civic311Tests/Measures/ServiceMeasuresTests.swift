import Civic311
import Foundation
import Testing

/// Each figure on small hand-made histories, with the expected value worked out in the comments;
/// restating as of a date; and the edge cases (nothing to count, open overdue, reopened then
/// closed again, merged duplicates, invalid input).
@Suite struct ServiceMeasuresTests {
    private typealias H = MeasureHistory

    // MARK: The scenario most tests share (hours after H.start)

    /// A: due 48, resolved 10 and closed 11: met.
    private static let a = H(1, openedAt: 0, dueAt: 48).accept(at: 1).start(at: 2).resolve(at: 10).close(at: 11)
    /// B: due 24, resolved 30: closed late (resolved, never closed).
    private static let b = H(2, openedAt: 0, dueAt: 24).accept(at: 1).start(at: 2).resolve(at: 30)
    /// C: due 24, only accepted: open overdue from hour 24.
    private static let c = H(3, openedAt: 0, dueAt: 24).accept(at: 1)
    /// D: opened 90, due 200: open and not yet due at hour 100.
    private static let d = H(4, openedAt: 90, dueAt: 200)
    /// E: due 24, cancelled at 5: closed without the work, not measured.
    private static let e = H(5, openedAt: 0, dueAt: 24).close(.cancelledByResident, at: 5)
    /// F: due 24, on hold 2–12 (10 hours), so effectively due 34; resolved 30: met.
    private static let f = H(6, openedAt: 0, dueAt: 24).start(at: 1).hold(at: 2).resume(at: 12).resolve(at: 30)

    private static var scenario: [[RequestEvent]] { [a, b, c, d, e, f].map(\.events) }

    private static func measures(
        _ histories: [[RequestEvent]],
        contacts: [Contact] = [],
        asOf hours: Double,
        filter: MeasureFilter = MeasureFilter(),
        residents: Int? = nil
    ) throws -> ServiceMeasures {
        try ServiceMeasures(
            histories: histories,
            contacts: contacts,
            asOf: H.at(hours),
            filter: filter,
            residents: residents
        )
    }

    // MARK: On-time share

    @Test func onTimeShareCountsOpenOverdueAsMisses() throws {
        let onTime = try Self.measures(Self.scenario, asOf: 100).onTime
        // met A, F = 2; closed late B = 1; open overdue C = 1; D not yet due; E not measured.
        // share = 2 / (2 + 1 + 1) = 0.5
        #expect(onTime.met == 2)
        #expect(onTime.closedLate == 1)
        #expect(onTime.openOverdue == 1)
        #expect(onTime.notYetDue == 1)
        #expect(onTime.notMeasured == 1)
        #expect(onTime.population == 4)
        #expect(onTime.share == 0.5)
        // The pure on-time function on its own gives the same.
        #expect(try OnTimeMeasure(histories: Self.scenario, asOf: H.at(100)) == onTime)
    }

    @Test func anOpenRequestIsAMissOnlyOnceItsDueDatePasses() throws {
        // C is due at hour 24: not yet due at 24 itself (it may still finish then), overdue after.
        #expect(try OnTimeMeasure(histories: [Self.c.events], asOf: H.at(24)).notYetDue == 1)
        #expect(try OnTimeMeasure(histories: [Self.c.events], asOf: H.at(24.5)).openOverdue == 1)
        #expect(try OnTimeMeasure(histories: [Self.c.events], asOf: H.at(24)).share == nil)
        #expect(try OnTimeMeasure(histories: [Self.c.events], asOf: H.at(24.5)).share == 0)
    }

    @Test func timeOnHoldMovesTheDueDate() throws {
        // F resolved at 30 against a due date of 24 + 10 hours on hold = 34: met. Without the hold
        // it would be late: the same request resolved at 30 with no hold is closed late.
        let noHold = H(7, openedAt: 0, dueAt: 24).start(at: 1).resolve(at: 30)
        #expect(try OnTimeMeasure(histories: [Self.f.events], asOf: H.at(100)).met == 1)
        #expect(try OnTimeMeasure(histories: [noHold.events], asOf: H.at(100)).closedLate == 1)
        // Still on hold at 20 (since 2): 18 hours paused, due moves to 42; at 40 it is not overdue.
        let held = H(8, openedAt: 0, dueAt: 24).start(at: 1).hold(at: 2)
        #expect(try OnTimeMeasure(histories: [held.events], asOf: H.at(40)).notYetDue == 1)
    }

    @Test func aLateEventRestatesTheLaterFigureNotTheEarlierOne() throws {
        // D is resolved at hour 110, an event that arrives after the figure as of 100 was taken.
        let late = Self.d.start(at: 105).resolve(at: 110)
        let histories = [Self.a, Self.b, Self.c, late, Self.e, Self.f].map(\.events)
        // As of 100 the late events are ignored: 2 met of 4, as before the event arrived.
        #expect(try Self.measures(histories, asOf: 100).onTime == Self.measures(Self.scenario, asOf: 100).onTime)
        #expect(try Self.measures(histories, asOf: 100).onTime.share == 0.5)
        // As of 120 D is met (110 ≤ 200): met 3, late 1, overdue 1: 3 / 5 = 0.6.
        #expect(try Self.measures(histories, asOf: 120).onTime.share == 0.6)
    }

    @Test func reopenedThenClosedAgainIsMeasuredByItsLastResolution() throws {
        // G: due 48, resolved 5, closed 6, reopened 20 (the resolution no longer stands), resolved
        // again at 60. As of 10: met (5 ≤ 48). As of 30: open, not yet due. As of 70: late (60 > 48).
        let g = H(9, openedAt: 0, dueAt: 48).start(at: 1).resolve(at: 5).close(at: 6).reopen(at: 20).start(at: 21)
            .resolve(at: 60)
        #expect(try OnTimeMeasure(histories: [g.events], asOf: H.at(10)).met == 1)
        #expect(try OnTimeMeasure(histories: [g.events], asOf: H.at(30)).notYetDue == 1)
        #expect(try OnTimeMeasure(histories: [g.events], asOf: H.at(70)).closedLate == 1)
        // Reopen rate as of 70: G finished once and was reopened once: 1 / 1.
        let reopening = try Self.measures([g.events], asOf: 70).reopening
        #expect(reopening.finished == 1)
        #expect(reopening.reopened == 1)
        #expect(reopening.reopenings == 1)
        #expect(reopening.rate == 1)
        // As of 10 it had not been reopened yet: 0 / 1.
        #expect(try Self.measures([g.events], asOf: 10).reopening.rate == 0)
    }

    /// X reported at 0 (due 48) is merged at 20 into M, reported at 10 (due 58); the merge restates
    /// M's service level from the earliest report: due 48.
    private static var merge: (master: H, duplicate: H) {
        let master = H(20, openedAt: 10, dueAt: 58)
        let duplicate = H(21, openedAt: 0, dueAt: 48)
        let link = DuplicateLink(
            duplicate: duplicate.ticket,
            reportedAt: H.at(0),
            followers: [],
            serviceLevel: H.commitment(dueAt: 48)
        )
        return (
            master.then(.duplicateLinked(link), at: 20).start(at: 21).resolve(at: 50),
            duplicate.then(.mergedInto(master: master.ticket, note: "Same pothole."), to: .closed, at: 20)
        )
    }

    @Test func mergedDuplicatesCountOnceThroughTheirMaster() throws {
        let histories = [Self.merge.master.events, Self.merge.duplicate.events]
        // As of 100: M resolved at 50 against the restated 48: closed late; X is not counted again.
        let after = try Self.measures(histories, asOf: 100)
        #expect(after.onTime.closedLate == 1)
        #expect(after.onTime.population == 1)
        #expect(after.volume.requests == 1)
        #expect(after.volume.mergedDuplicates == 1)
        #expect(after.forwarding.requests == 1)
        // As of 15, before the merge: two open requests, neither due yet.
        let before = try Self.measures(histories, asOf: 15)
        #expect(before.onTime.notYetDue == 2)
        #expect(before.volume.requests == 2)
        #expect(before.volume.mergedDuplicates == 0)
        // Without the restatement M would have been met (50 ≤ 58).
        let unmerged = H(20, openedAt: 10, dueAt: 58).start(at: 21).resolve(at: 50)
        #expect(try OnTimeMeasure(histories: [unmerged.events], asOf: H.at(100)).met == 1)
    }

    // MARK: First-contact resolution

    @Test func firstContactResolutionCountsRequestsFinishedWithoutAFollowUp() throws {
        var contacts = try Self.unlinkedContacts()
        // A follow-up about B at hour 40, and every request's opening contact (which is skipped:
        // the histories stand for them).
        contacts.append(Self.followUp(about: Self.b.ticket, number: 40, at: 40))
        contacts += [Self.a, Self.b, Self.c, Self.d, Self.e, Self.f].map(\.openingContact)
        let measure = try Self.measures(Self.scenario, contacts: contacts, asOf: 100).firstContact
        // Contacts: 2 general information + 1 referral + 6 requests opened + 1 follow-up = 10.
        // Resolved at first contact: 2 + 1 + requests finished with no follow-up (A, F; B had a
        // follow-up, C and D are open, E was cancelled) = 5. Share 5 / 10 = 0.5; resolved during
        // the contact itself (the simulator's figure): 3 / 10.
        #expect(measure.generalInformation == 2)
        #expect(measure.referrals == 1)
        #expect(measure.requestsOpened == 6)
        #expect(measure.followUps == 1)
        #expect(measure.requestsFinishedWithoutFollowUp == 2)
        #expect(measure.contacts == 10)
        #expect(measure.share == 0.5)
        #expect(measure.resolvedDuringContactShare == 0.3)
        // As of 35 the follow-up (40) has not arrived, so B counts as finished without one, and D
        // (opened at 90) does not exist yet. Contacts: 3 + 5 requests = 8; resolved 3 + A, B, F =
        // 6: 6 / 8.
        let earlier = try Self.measures(Self.scenario, contacts: contacts, asOf: 35).firstContact
        #expect(earlier.followUps == 0)
        #expect(earlier.requestsOpened == 5)
        #expect(earlier.share == 0.75)
    }

    @Test func aDepartmentFilterLeavesOutContactsThatBelongToNoDepartment() throws {
        let contacts = try Self.unlinkedContacts()
        let filter = MeasureFilter(departments: ["DOT"])
        let measure = try Self.measures(Self.scenario, contacts: contacts, asOf: 100, filter: filter).firstContact
        // Only the six DOT requests' contacts (no follow-up given here): A, B and F finished
        // without one: 3 of 6.
        #expect(measure.generalInformation == 0)
        #expect(measure.referrals == 0)
        #expect(measure.requestsOpened == 6)
        #expect(measure.share == 0.5)
    }

    private static func unlinkedContacts() throws -> [Contact] {
        [
            Contact(
                ticket: H.ticket(30),
                channel: .phone,
                receivedAt: H.at(3),
                agent: "agent-1",
                callType: .generalInformation(article: "trash-day")
            ),
            Contact(
                ticket: H.ticket(31),
                channel: .web,
                receivedAt: H.at(4),
                agent: nil,
                callType: .generalInformation(article: "trash-day")
            ),
            Contact(
                ticket: H.ticket(32),
                channel: .phone,
                receivedAt: H.at(5),
                agent: "agent-2",
                callType: .referral(Referral(target: "SHA", transfer: .warm))
            ),
        ]
    }

    private static func followUp(about request: TicketNumber, number: Int, at hours: Double) -> Contact {
        Contact(
            ticket: H.ticket(number),
            channel: .phone,
            receivedAt: H.at(hours),
            agent: "agent-1",
            callType: .serviceRequest(.complaint, request: request)
        )
    }

    // MARK: Forwarding, time in state, backlog, volume

    @Test func forwardingCountsReturnsAndReassignments() throws {
        // H1: returned to PKS at 2, reassigned back to DOT at 3, accepted at 4. I: returned at 1.
        // With A and C: 4 requests, 2 forwarded, 2 returned as not ours (3 moves: 2 returns, 1
        // reassignment). Forwarding rate 2 / 4, not-ours rate 2 / 4.
        let h1 = H(10, openedAt: 0, dueAt: 48).returned(to: "PKS", at: 2).reassigned(to: "DOT", at: 3).accept(at: 4)
        let i = H(11, openedAt: 0, dueAt: 48).returned(to: "PKS", at: 1)
        let histories = [Self.a, Self.c, h1, i].map(\.events)
        let forwarding = try Self.measures(histories, asOf: 100).forwarding
        #expect(forwarding.requests == 4)
        #expect(forwarding.forwarded == 2)
        #expect(forwarding.returnedAsNotOurs == 2)
        #expect(forwarding.returns == 2)
        #expect(forwarding.reassignments == 1)
        #expect(forwarding.forwardingRate == 0.5)
        #expect(forwarding.notOursRate == 0.5)
        // The department is the one at the as-of date: at 2.5 H1 and I are with PKS, at 100 only I.
        let parks = MeasureFilter(departments: ["PKS"])
        #expect(try Self.measures(histories, asOf: 2.5, filter: parks).volume.requests == 2)
        #expect(try Self.measures(histories, asOf: 100, filter: parks).volume.requests == 1)
    }

    @Test func timeInStateSummarizesEndedVisits() throws {
        let states = try Self.measures([Self.a.events, Self.b.events], asOf: 100).timeInState
        let hour = 3_600.0
        // new: A 0→1, B 0→1: [1 h, 1 h].
        #expect(states[.new] == DurationSummary([hour, hour]))
        #expect(states[.new].median == hour)
        // inProgress: A 2→10 (8 h), B 2→30 (28 h): mean 18 h; nearest-rank median is the 1st of 2
        // (8 h), the 90th percentile the 2nd (28 h).
        #expect(states[.inProgress].count == 2)
        #expect(states[.inProgress].mean == 18 * hour)
        #expect(states[.inProgress].median == 8 * hour)
        #expect(states[.inProgress].ninetiethPercentile == 28 * hour)
        // resolved: A 10→11 (1 h); B is still resolved at 100, a visit not ended: left out.
        #expect(states[.resolved].count == 1)
        #expect(states[.resolved].mean == hour)
        // closed: A never left it.
        #expect(states[.closed].count == 0)
        #expect(states[.closed].median == nil)
    }

    @Test func backlogBucketsOpenRequestsByAge() throws {
        let backlog = try Self.measures(Self.scenario, asOf: 100).backlog
        // Open at 100: C (age 100 h, 4.2 days: the 3–7 day bucket), D (10 h: under a day) and F?
        // No: F was resolved at 30. So C and D: counts [1, 0, 1, 0, 0, 0].
        #expect(backlog.counts == [1, 0, 1, 0, 0, 0])
        #expect(backlog.open == 2)
        // Mean (100 + 10) / 2 = 55 hours; oldest 100 hours (to the microsecond: dates are doubles).
        #expect(abs((backlog.meanAge ?? 0) - 55 * 3_600) < 1e-6)
        #expect(abs((backlog.oldestAge ?? 0) - 100 * 3_600) < 1e-6)
        #expect(backlog.buckets.map(\.count) == backlog.counts)
        #expect(backlog.buckets.first?.from == 0)
        #expect(backlog.buckets.last?.before == nil)
        // Custom bounds: under 12 hours, 12 hours and over.
        let custom = try ServiceMeasures(
            histories: Self.scenario,
            contacts: [],
            asOf: H.at(100),
            backlogAgeBounds: [12 * 3_600]
        ).backlog
        #expect(custom.counts == [1, 1])
    }

    @Test func requestsPerThousandResidents() throws {
        // Six requests (merged duplicates excepted) among Washoe County's 421,407 residents (the
        // QAlert guide's figure): 6 / 421,407 × 1,000.
        let volume = try Self.measures(Self.scenario, asOf: 100, residents: 421_407).volume
        #expect(volume.requests == 6)
        #expect(volume.perThousandResidents == 6.0 / 421_407 * 1_000)
        #expect(try Self.measures(Self.scenario, asOf: 100).volume.perThousandResidents == nil)
    }

    @Test func filtersByPeriodServiceTypeAndChannel() throws {
        let web = H(12, openedAt: 50, dueAt: 100, serviceType: "STREETLIGHT", channel: .web).accept(at: 51)
        let histories = Self.scenario + [web.events]
        // Created in [50, 100): D (90) and the web request (50).
        let period = MeasureFilter(createdFrom: H.at(50), createdBefore: H.at(100))
        #expect(try Self.measures(histories, asOf: 100, filter: period).volume.requests == 2)
        #expect(try Self.measures(histories, asOf: 100, filter: MeasureFilter(channels: [.web])).volume.requests == 1)
        let lights = MeasureFilter(serviceTypes: ["STREETLIGHT"])
        #expect(try Self.measures(histories, asOf: 100, filter: lights).volume.requests == 1)
        // A request opened after the as-of date does not exist yet: as of 40, D (90) and the web
        // request (50) do not, so five.
        #expect(try Self.measures(histories, asOf: 40).volume.requests == 5)
    }

    // MARK: Edge cases and refusals

    @Test func nothingToCountGivesNoFigureRatherThanZero() throws {
        let empty = try ServiceMeasures(histories: [[RequestEvent]](), contacts: [], asOf: H.at(0), residents: 1_000)
        #expect(empty.onTime.share == nil)
        #expect(empty.firstContact.share == nil)
        #expect(empty.firstContact.resolvedDuringContactShare == nil)
        #expect(empty.forwarding.forwardingRate == nil)
        #expect(empty.forwarding.notOursRate == nil)
        #expect(empty.reopening.rate == nil)
        #expect(empty.backlog.meanAge == nil)
        #expect(empty.backlog.oldestAge == nil)
        #expect(empty.timeInState[.new].mean == nil)
        #expect(empty.volume.perThousandResidents == 0)
        // Histories all opened after the as-of date count as none.
        #expect(try Self.measures(Self.scenario, asOf: -1).onTime.share == nil)
    }

    @Test func invalidArgumentsAreRefusedNamingTheField() throws {
        func refusal(_ body: () throws -> Void) -> MeasureError? {
            do {
                try body()
                return nil
            } catch let error as MeasureError {
                return error
            } catch {
                return nil
            }
        }
        let cases: [(String, () throws -> Void)] = [
            (
                "filter.createdBefore",
                { _ = try Self.measures([], asOf: 1, filter: .init(createdFrom: H.at(5), createdBefore: H.at(5))) }
            ),
            ("filter.departments", { _ = try Self.measures([], asOf: 1, filter: .init(departments: [])) }),
            ("filter.channels", { _ = try Self.measures([], asOf: 1, filter: .init(channels: [])) }),
            ("residents", { _ = try Self.measures([], asOf: 1, residents: 0) }),
            (
                "asOf",
                {
                    _ = try OnTimeMeasure(
                        histories: [[RequestEvent]](),
                        asOf: Date(timeIntervalSinceReferenceDate: .nan)
                    )
                }
            ),
            (
                "backlogAgeBounds[1]",
                {
                    _ = try ServiceMeasures(
                        histories: [[RequestEvent]](),
                        contacts: [],
                        asOf: H.at(0),
                        backlogAgeBounds: [60, 60]
                    )
                }
            ),
            (
                "backlogAgeBounds[0]",
                {
                    _ = try ServiceMeasures(
                        histories: [[RequestEvent]](),
                        contacts: [],
                        asOf: H.at(0),
                        backlogAgeBounds: [-1]
                    )
                }
            ),
        ]
        for (field, body) in cases {
            let error = refusal(body)
            #expect(error?.code == .invalidArgument, "\(field)")
            #expect(error?.field == field)
        }
    }

    @Test func aHistoryThatDoesNotFoldIsRefusedNamingTheTicket() throws {
        // Resolving a request nobody started breaks the lifecycle table.
        let broken = H(13, openedAt: 0, dueAt: 24).then(.resolved(note: "Fixed."), to: .resolved, at: 1)
        var error: MeasureError?
        do { _ = try Self.measures([Self.a.events, broken.events], asOf: 100) } catch let thrown {
            error = thrown as? MeasureError
        }
        #expect(error?.code == .invalidHistory)
        #expect(error?.ticket == broken.ticket)
        // An empty history, likewise.
        do { _ = try Self.measures([[]], asOf: 100) } catch let thrown { error = thrown as? MeasureError }
        #expect(error?.code == .invalidHistory)
        // Read as of a date before the broken event, the prefix folds.
        #expect(try Self.measures([broken.events], asOf: 0.5).volume.requests == 1)
    }

    // MARK: Definitions shared with other reports

    @Test func theOutcomeClassificationIsOneTable() {
        let due = H.at(24)
        #expect(ServiceLevelOutcome(finishedAt: H.at(24), isOpen: false, effectiveDueAt: due, cutoff: H.at(50)) == .met)
        #expect(
            ServiceLevelOutcome(finishedAt: H.at(25), isOpen: false, effectiveDueAt: due, cutoff: H.at(50))
                == .closedLate
        )
        #expect(
            ServiceLevelOutcome(finishedAt: nil, isOpen: true, effectiveDueAt: due, cutoff: H.at(50)) == .openOverdue
        )
        #expect(ServiceLevelOutcome(finishedAt: nil, isOpen: true, effectiveDueAt: due, cutoff: H.at(24)) == .notYetDue)
        #expect(
            ServiceLevelOutcome(finishedAt: nil, isOpen: false, effectiveDueAt: due, cutoff: H.at(50)) == .notMeasured
        )
        #expect(ServiceLevelOutcome.allCases.filter(\.isCounted) == [.met, .closedLate, .openOverdue])
    }

    @Test func firstContactResolutionByKindIsTheContactsOwn() {
        for kind in CallType.Kind.allCases {
            #expect(kind.isResolvedAtFirstContact == (kind.category != .serviceRequest))
        }
        #expect(Self.a.openingContact.isResolvedAtFirstContact == false)
    }

    @Test func theRequestAsOfADateIsThePrefixRecordedByThen() throws {
        // A as of 10.5: opened, accepted, started, resolved; the close at 11 is not yet recorded.
        let request = try #require(try ServiceRequest.replaying(Self.a.events, asOf: H.at(10.5)))
        #expect(request.state == .resolved)
        #expect(request.version == 4)
        #expect(try ServiceRequest.replaying(Self.d.events, asOf: H.at(89)) == nil)
        #expect(try ServiceRequest.replaying(Self.a.events, asOf: H.at(100)) == ServiceRequest.replaying(Self.a.events))
    }
}
