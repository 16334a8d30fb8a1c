import Foundation

/// Service-level compliance for a period, by department and service type.
///
/// Each request is classified by ``ServiceLevelOutcome``, the definition ``OnTimeMeasure`` shares;
/// the formula and its sources are in `Documentation/Measures.md` ("On-time share"). This report
/// reads snapshots and counts the requests *finished* in the period; ``OnTimeMeasure`` reads
/// histories as of a date and counts the requests *created* in the period.
///
/// For a period `[start, end)` evaluated at the cutoff `c = min(end, asOf)`:
///
/// - a request **met** its target if it was resolved (or, never resolved, closed as completed)
///   within `[start, c)` no later than its effective due date (the due date plus time spent
///   waiting on the resident);
/// - it **missed** if it was finished within `[start, c)` after its effective due date
///   (*closed late*), or if it is still open at `c` with its effective due date before `c`
///   (*open overdue*), whenever that due date fell;
/// - **on-time share** = met / (met + closed late + open overdue).
///
/// Open overdue requests count as misses, so a department cannot look 100 % on time by leaving
/// its late requests open. Requests closed for other reasons (cancelled, duplicate, referred,
/// closed without action) leave the population. Time to close is calendar time from creation to
/// resolution, for requests finished in the period; percentiles use the nearest-rank method.
public struct ComplianceReport: Sendable {
    /// One group's figures.
    public struct Row: Hashable, Sendable {
        /// `nil` in the total row.
        public let department: DepartmentID?
        /// `nil` in department subtotals and the total row.
        public let serviceType: ServiceTypeCode?
        public let met: Int
        public let closedLate: Int
        public let openOverdue: Int
        /// Hours from creation to resolution of the requests finished in the period, sorted.
        let hoursToClose: [Double]

        /// Requests counted: met + closed late + open overdue.
        public var population: Int { met + closedLate + openOverdue }
        /// met / population, or `nil` for an empty population.
        public var onTimeShare: Double? { population == 0 ? nil : Double(met) / Double(population) }
        public var medianHoursToClose: Double? { Self.nearestRank(hoursToClose, 0.5) }
        public var ninetiethPercentileHoursToClose: Double? { Self.nearestRank(hoursToClose, 0.9) }

        static func nearestRank(_ sorted: [Double], _ fraction: Double) -> Double? {
            DurationSummary.nearestRank(sorted, fraction)
        }
    }

    public let period: DateInterval
    /// One row per department and service type, sorted.
    public let rows: [Row]
    /// One row per department.
    public let departments: [Row]
    public let total: Row

    /// Computes the report from request snapshots (typically every request created before the
    /// cutoff).
    public init(
        requests: some Sequence<ServiceRequest>,
        period: DateInterval,
        asOf: Date,
        engine: ServiceLevelEngine
    ) {
        let cutoff = min(period.end, asOf)
        var groups: [Key: Tally] = [:]
        for request in requests where request.createdAt < cutoff {
            let key = Key(department: request.department, serviceType: request.serviceType)
            let reading = engine.reading(for: request, at: cutoff)
            let finished = ServiceLevelOutcome.finish(of: request)
            // A snapshot may be newer than the cutoff: finished after it, the request was open then.
            let finishedByCutoff = finished.flatMap { $0 < cutoff ? $0 : nil }
            if let finishedByCutoff, finishedByCutoff < period.start { continue }
            let outcome = ServiceLevelOutcome(
                finishedAt: finishedByCutoff,
                isOpen: request.state.isOpen || finished != nil,
                effectiveDueAt: reading.effectiveDueAt,
                cutoff: cutoff
            )
            switch outcome {
            case .met, .closedLate:
                let hours = (finishedByCutoff ?? cutoff).timeIntervalSince(request.createdAt) / 3600
                groups[key, default: Tally()].add(onTime: outcome == .met, hours: hours)
            case .openOverdue:
                groups[key, default: Tally()].openOverdue += 1
            case .notYetDue, .notMeasured:
                break
            }
        }
        self.period = period
        rows = groups.sorted { $0.key < $1.key }.map {
            $0.value.row(department: $0.key.department, serviceType: $0.key.serviceType)
        }
        var byDepartment: [DepartmentID: Tally] = [:]
        var all = Tally()
        for (key, tally) in groups {
            byDepartment[key.department, default: Tally()].merge(tally)
            all.merge(tally)
        }
        departments = byDepartment.sorted { $0.key < $1.key }.map { $0.value.row(department: $0.key, serviceType: nil) }
        total = all.row(department: nil, serviceType: nil)
    }

    private struct Key: Hashable, Comparable {
        let department: DepartmentID
        let serviceType: ServiceTypeCode
        static func < (lhs: Key, rhs: Key) -> Bool {
            (lhs.department, lhs.serviceType) < (rhs.department, rhs.serviceType)
        }
    }

    private struct Tally {
        var met = 0
        var closedLate = 0
        var openOverdue = 0
        var hours: [Double] = []

        mutating func add(onTime: Bool, hours value: Double) {
            if onTime { met += 1 } else { closedLate += 1 }
            hours.append(value)
        }

        mutating func merge(_ other: Tally) {
            met += other.met
            closedLate += other.closedLate
            openOverdue += other.openOverdue
            hours += other.hours
        }

        func row(department: DepartmentID?, serviceType: ServiceTypeCode?) -> Row {
            Row(
                department: department,
                serviceType: serviceType,
                met: met,
                closedLate: closedLate,
                openOverdue: openOverdue,
                hoursToClose: hours.sorted()
            )
        }
    }
}
