import Civic311

/// The options of a `call-day` run, as given on the command line; ``scenario()`` turns them into a
/// ``CallDayScenario`` of the sample county.
public struct CallDayOptions: Sendable, Hashable {
    /// The output format of the report.
    public enum Format: String, Sendable, Hashable, CaseIterable {
        /// The readable tables.
        case text
        /// One JSON object.
        case json
        /// One long-form CSV table.
        case csv
    }

    /// Where the center keeps its requests.
    public enum Store: Sendable, Hashable {
        /// The in-memory store.
        case memory
        /// A SQLite database file (needs the Civic311SQLite module).
        case sqlite(path: String)
    }

    /// A surge given as `TYPE:FACTOR:FROM-TO`.
    public struct SurgeOption: Sendable, Hashable {
        /// The service-type code, or `nil` for every contact (`all`).
        public var serviceType: String?
        /// The multiplier.
        public var factor: Double
        /// The hours, from the call day's midnight.
        public var hours: Range<Int>
    }

    /// The seed (default 311).
    public var seed: UInt64 = 311
    /// The scale preset, when given.
    public var scale: CallDayScale?
    /// Contacts on the call day, when given instead of a scale.
    public var calls: Int?
    /// Fixed agents around the clock; `nil` staffs automatically to the target.
    public var agents: Int?
    /// The staffing target's service level (default 0.8).
    public var targetServiceLevel = 0.8
    /// The staffing target's answer time in seconds (default 20).
    public var targetSeconds = 20.0
    /// The planning interval (default 30 minutes).
    public var interval: IntervalLength = .thirtyMinutes
    /// Back-office days (default 5).
    public var days = 5
    /// The crews' work order (default soonest due first).
    public var order: WorkOrder = .soonestDue
    /// Crew capacities per working day, by department code.
    public var crews: [String: Int] = [:]
    /// Surges, in the order given.
    public var surges: [SurgeOption] = []
    /// The report format (default text).
    public var format: Format = .text
    /// Where to write the HTML page, when asked.
    public var htmlPath: String?
    /// The store (default in memory).
    public var store: Store = .memory
    /// Whether escalation rules run at the end of each back-office day.
    public var evaluatesEscalations = false

    /// Default options: a Montgomery-sized day (1,300 contacts) in the sample county.
    public init() {}

    /// The sample-county scenario these options describe.
    ///
    /// - Throws: ``SimulationError`` for values only the catalog can check: an unknown service type
    ///   in a surge (`--surge`) or an unknown department in a crew (`--crew`).
    public func scenario() throws(SimulationError) -> CallDayScenario {
        var scenario: CallDayScenario
        if let scale {
            scenario = .sampleCounty(scale: scale)
        } else {
            scenario = .sampleCounty(contacts: calls ?? 1_300)
        }
        let target = try ServiceLevelTarget(
            serviceLevel: targetServiceLevel,
            answerWithin: targetSeconds,
            maximumOccupancy: 0.9
        )
        scenario.planningTarget = target
        scenario.staffing = agents.map { .fixed(agents: $0) } ?? .automatic(target)
        scenario.interval = interval
        var capacities: [DepartmentID: Int] = [:]
        for (code, capacity) in crews.sorted(by: { $0.key < $1.key }) {
            guard scenario.jurisdiction.department(DepartmentID(code)) != nil else {
                let known = scenario.jurisdiction.departments.map(\.id.rawValue).joined(separator: ", ")
                throw SimulationError(
                    .unknownReference,
                    field: "--crew",
                    reason: "no department \"\(code)\" (known: \(known))"
                )
            }
            capacities[DepartmentID(code)] = capacity
        }
        scenario.backOffice = try BackOfficePlan(
            days: days,
            order: order,
            dailyCapacity: capacities,
            evaluatesEscalations: evaluatesEscalations
        )
        scenario.surges = try surges.map { option throws(SimulationError) in
            guard let code = option.serviceType else {
                return Surge(target: .allContacts, hours: option.hours, multiplier: option.factor)
            }
            guard scenario.jurisdiction.serviceType(ServiceTypeCode(code)) != nil else {
                throw SimulationError(
                    .unknownReference,
                    field: "--surge",
                    reason: "no service type \"\(code)\" in \(scenario.jurisdiction.name) (try POTHOLE, TREE_DOWN, "
                        + "SEWER_BACKUP, or all)"
                )
            }
            return Surge(target: .serviceTypes([code]), hours: option.hours, multiplier: option.factor)
        }
        return scenario
    }
}
