import Civic311
import Civic311SampleCounty
import Civic311Simulation
import ExampleCommandLine

/// The options of a `call-day` run, as given on the command line; ``scenario()`` turns them into a
/// `CallDayScenario` of the sample county.
struct CallDayOptions: Sendable, Hashable {
    /// The output format of the report.
    enum Format: String, Sendable, Hashable, CaseIterable {
        /// The readable tables.
        case text
        /// One JSON object.
        case json
        /// One long-form CSV table.
        case csv
    }

    /// A surge given as `TYPE:FACTOR:FROM-TO`.
    struct SurgeOption: Sendable, Hashable {
        /// The service-type code, or `nil` for every contact (`all`).
        var serviceType: String?
        /// The multiplier.
        var factor: Double
        /// The hours, from the call day's midnight.
        var hours: Range<Int>
    }

    /// The seed (default 311).
    var seed: UInt64 = 311
    /// The scale preset, when given.
    var scale: CallDayScale?
    /// Contacts on the call day, when given instead of a scale.
    var calls: Int?
    /// Fixed agents around the clock; `nil` staffs automatically to the target.
    var agents: Int?
    /// The staffing target's service level (default 0.8).
    var targetServiceLevel = 0.8
    /// The staffing target's answer time in seconds (default 20).
    var targetSeconds = 20.0
    /// The planning interval (default 30 minutes).
    var interval: IntervalLength = .thirtyMinutes
    /// How hang-ups count against the service level (default: every one counts).
    var shortAbandons: ShortAbandons = .counted
    /// Back-office days (default 5).
    var days = 5
    /// The crews' work order (default soonest due first).
    var order: WorkOrder = .soonestDue
    /// Crew capacities per working day, by department code.
    var crews: [String: Int] = [:]
    /// Surges, in the order given.
    var surges: [SurgeOption] = []
    /// The report format (default text).
    var format: Format = .text
    /// Where to write the HTML page, when asked.
    var htmlPath: String?
    /// The store (default in memory).
    var store: StoreOption = .memory
    /// Whether escalation rules run at the end of each back-office day.
    var evaluatesEscalations = false

    /// Default options: a Montgomery-sized day (1,300 contacts) in the sample county.
    init() {}

    /// The sample-county scenario these options describe.
    ///
    /// - Throws: ``ValidationError`` for values only the catalog can check: an unknown service type
    ///   in a surge (`--surge`) or an unknown department in a crew (`--crew`).
    func scenario() throws(ValidationError) -> CallDayScenario {
        var scenario: CallDayScenario
        if let scale {
            scenario = try .weekday(in: .sampleCounty, scale: scale)
        } else {
            scenario = try .weekday(in: .sampleCounty, contacts: calls ?? 1_300)
        }
        let target = try ServiceLevelTarget(
            serviceLevel: targetServiceLevel,
            answerWithin: targetSeconds,
            maximumOccupancy: 0.9
        )
        scenario.planningTarget = target
        scenario.staffing = agents.map { .fixed(agents: $0) } ?? .automatic(target)
        scenario.interval = interval
        scenario.shortAbandons = shortAbandons
        var capacities: [DepartmentID: Int] = [:]
        for (code, capacity) in crews.sorted(by: { $0.key < $1.key }) {
            guard scenario.jurisdiction.department(DepartmentID(code)) != nil else {
                let known = scenario.jurisdiction.departments.map(\.id.rawValue).joined(separator: ", ")
                throw ValidationError(
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
        scenario.surges = try surges.map { option throws(ValidationError) in
            guard let code = option.serviceType else {
                return Surge(target: .allContacts, hours: option.hours, multiplier: option.factor)
            }
            let serviceType = ServiceTypeCode(code)
            guard scenario.jurisdiction.serviceType(serviceType) != nil else {
                throw ValidationError(
                    .unknownReference,
                    field: "--surge",
                    reason: "no service type \"\(code)\" in \(scenario.jurisdiction.name) (try POTHOLE, TREE_DOWN, "
                        + "SEWER_BACKUP, or all)"
                )
            }
            return Surge(target: .serviceTypes([serviceType]), hours: option.hours, multiplier: option.factor)
        }
        return scenario
    }
}
