import Foundation

/// The on-time share of service requests as of a date: met ÷ (met + closed late + open overdue).
///
/// Each request is classified by ``ServiceLevelOutcome`` at the as-of date, against the service
/// level in force then (the intake commitment, or the one restated when earlier reports were
/// merged into it) plus the time it waited on the resident. Open requests already overdue count as
/// misses, so leaving late work open does not flatter the share; requests merged into another as
/// duplicates are counted once, through their master. The formula and its sources:
/// `Documentation/Measures.md` ("On-time share").
public struct OnTimeMeasure: Hashable, Sendable {
    /// Finished no later than the effective due date.
    public internal(set) var met = 0
    /// Finished after the effective due date.
    public internal(set) var closedLate = 0
    /// Open at the as-of date with the effective due date past.
    public internal(set) var openOverdue = 0
    /// Open and not yet due: outside the population until they finish or fall due.
    public internal(set) var notYetDue = 0
    /// Closed without the work done (cancelled, referred, closed without action): outside the
    /// population.
    public internal(set) var notMeasured = 0

    /// The requests the share counts: met + closed late + open overdue.
    public var population: Int { met + closedLate + openOverdue }

    /// met ÷ population; `nil` when nothing is counted (not 0 %: there is nothing to be late).
    public var share: Double? { population > 0 ? Double(met) / Double(population) : nil }

    init() {}

    /// Computes the share from request histories alone: the pure function behind
    /// ``ServiceMeasures``'s on-time figure, for when only this figure is wanted.
    ///
    /// - Parameters:
    ///   - histories: each request's events, oldest first.
    ///   - asOf: the instant measured at; events recorded after it are ignored.
    ///   - filter: which requests count.
    ///   - serviceLevels: the engine whose business calendars count time on hold; without one,
    ///     time on hold is counted in calendar time.
    /// - Throws: ``MeasureError`` for an invalid filter or a history that does not fold.
    public init(
        histories: some Sequence<[RequestEvent]>,
        asOf: Date,
        filter: MeasureFilter = MeasureFilter(),
        serviceLevels: ServiceLevelEngine? = nil
    ) throws(MeasureError) {
        try ServiceMeasures.validate(asOf: asOf, filter: filter)
        let calendars = serviceLevels?.calendars ?? [:]
        for history in histories {
            if let first = history.first, !filter.mayMatch(opening: first) { continue }
            guard let request = try ServiceMeasures.request(history, asOf: asOf),
                request.master == nil, filter.matches(request)
            else { continue }
            add(request, asOf: asOf, calendars: calendars)
        }
    }

    /// Counts `request`, as it stood at `asOf`.
    mutating func add(_ request: ServiceRequest, asOf: Date, calendars: [String: BusinessCalendar]) {
        // Only the effective due date is read, which the at-risk share does not affect.
        let reading = ServiceLevelEngine.reading(for: request, at: asOf, calendars: calendars, atRiskShare: 0.75)
        let outcome = ServiceLevelOutcome(
            finishedAt: ServiceLevelOutcome.finish(of: request),
            isOpen: request.state.isOpen,
            effectiveDueAt: reading.effectiveDueAt,
            cutoff: asOf
        )
        switch outcome {
        case .met: met += 1
        case .closedLate: closedLate += 1
        case .openOverdue: openOverdue += 1
        case .notYetDue: notYetDue += 1
        case .notMeasured: notMeasured += 1
        }
    }
}
