import Civic311
import Foundation

/// Everything a simulated call day needs, from the jurisdiction's catalog to the back office: the
/// input of ``CallDaySimulation``.
///
/// The defaults describe an ordinary weekday: contacts shaped like a real city's day
/// (``ArrivalProfile/cityDayHourlyShares``), Chicago's channel split, MC311's share of service
/// requests, an even service-type mix over the catalog, staffing to 80/20 and a five-day back office.
/// The assumed values (handle times, IVR resolution, patience) are listed in <doc:SimulatingACallDay>.
/// Every field can be changed before the simulation is built; the simulation checks them.
@dynamicMemberLookup
public struct CallDayScenario: Sendable {
    /// The catalog, departments and knowledge base.
    public var jurisdiction: Jurisdiction
    /// The intake's router; `nil` uses the jurisdiction's routing rules when it carries them, and
    /// otherwise routes by catalog responsibility.
    public var router: (any RequestRouter)?
    /// Service levels: due dates at intake, the departments' working calendars, compliance.
    public var serviceLevels: ServiceLevelEngine
    /// The department that takes returned requests when the center routes by catalog
    /// responsibility (required then; unused when a router or the jurisdiction's rules decide).
    public var triage: DepartmentID?
    /// The call day, in the jurisdiction's time zone; simulated time starts at its midnight.
    public var callDay: LocalDate
    /// Contacts on the call day, on every channel, before surges.
    public var contacts: Int
    /// The share of the day's contacts in each hour, 24 non-negative weights.
    public var hourlyShares: [Double]
    /// What the contacts are like and how they are handled: the channel, call-type and
    /// service-type mixes (service-type codes must be in the catalog), the IVR, handling times,
    /// callers' patience, surges (in hours from the call day's midnight) and how short abandons
    /// count. Its fields read as the scenario's own (`scenario.patience`).
    public var profile: FrontOfficeProfile
    /// How the phones are staffed.
    public var staffing: AgentStaffing
    /// The goal of the staffing plan reported next to the simulation (and used by
    /// ``AgentStaffing/automatic(_:)`` when that is the staffing); its threshold is the reported
    /// service level's.
    public var planningTarget: ServiceLevelTarget
    /// The planning and reporting interval.
    public var interval: IntervalLength
    /// How the departments work the requests.
    public var backOffice: BackOfficePlan
    /// The cost of a contact.
    public var costs: ContactCosts
    /// Whether general-information and referral contacts are recorded in the store too (every
    /// contact gets a ticket), not only those that open a service request.
    public var recordsEveryContact: Bool
    /// Service requests created within the same window of this many simulated seconds are submitted
    /// in one batch, all received at the window's last creation time (0 submits each instant alone).
    public var intakeWindow: Double

    /// A scenario for `jurisdiction` with the defaults described above.
    ///
    /// - Parameters:
    ///   - jurisdiction: the catalog; its service types make the service-type mix, evenly weighted.
    ///   - serviceLevels: the service levels and working calendars.
    ///   - router: the intake router; `nil` uses the jurisdiction's routing rules, or the catalog.
    ///   - triage: the department returned requests go to when routing by catalog.
    ///   - contacts: contacts on the call day.
    ///   - callDay: the call day.
    public init(
        jurisdiction: Jurisdiction,
        serviceLevels: ServiceLevelEngine,
        router: (any RequestRouter)? = nil,
        triage: DepartmentID? = nil,
        contacts: Int,
        callDay: LocalDate
    ) {
        self.jurisdiction = jurisdiction
        self.serviceLevels = serviceLevels
        self.router = router
        self.triage = triage
        self.contacts = contacts
        self.callDay = callDay
        hourlyShares = ArrivalProfile.cityDayHourlyShares
        // The constants are valid.
        profile = FrontOfficeProfile(
            handling: HandlingTime(
                talk: try! .logNormal(mean: 240, standardDeviation: 120),
                afterCallWork: try! .logNormal(mean: 45, standardDeviation: 20)
            ),
            // Chicago, 1 January 2021: 74 % of the day's records came by phone, 20 % over the
            // internet, 5 % from the mobile app; text is an assumed 1 %.
            channelShares: [.phone: 0.74, .web: 0.20, .mobileApp: 0.05, .text: 0.01],
            // 28 % service requests, as MC311; the rest information (Chicago: 62 % of a day's records
            // are information-only calls) and referrals.
            callTypeShares: [
                .generalInformation: 0.58, .referral: 0.14, .serviceRequest(.complaint): 0.06,
                .serviceRequest(.compliment): 0.01, .serviceRequest(.formRequest): 0.02,
                .serviceRequest(.serviceRequest): 0.19,
            ],
            serviceTypes: jurisdiction.serviceTypes.map { ServiceTypeShare(code: $0.id, weight: 1) },
            ivrDeflection: [
                .generalInformation: 0.35, .referral: 0.2, .serviceRequest(.compliment): 0.3,
                .serviceRequest(.formRequest): 0.3, .serviceRequest(.serviceRequest): 0.05,
            ],
            ivrTime: .triangular(lower: 20, mode: 40, upper: 90),
            handlingByCallType: [
                .generalInformation: HandlingTime(
                    talk: try! .logNormal(mean: 150, standardDeviation: 80),
                    afterCallWork: .fixed(10)
                ),
                .referral: HandlingTime(
                    talk: try! .logNormal(mean: 90, standardDeviation: 40),
                    afterCallWork: .fixed(10)
                ),
            ],
            warmTransfer: WarmTransfer(share: 0.5, hold: .uniform(lower: 30, upper: 90)),
            patience: .exponential(mean: 180)
        )
        staffing = .eightyTwenty
        planningTarget = try! ServiceLevelTarget(serviceLevel: 0.8, answerWithin: 20, maximumOccupancy: 0.9)
        interval = .thirtyMinutes
        backOffice = try! BackOfficePlan()
        costs = .midpoints
        recordsEveryContact = true
        intakeWindow = 60
    }

    /// An ordinary weekday in `jurisdiction`, with its own routing rules and service levels:
    /// Monday 5 October 2026 (a week without US federal holidays, so the back office works five full
    /// days), at `contacts` contacts (MC311's 1,300 a day by default).
    ///
    /// - Throws: ``SimulationError`` (`jurisdiction.serviceLevels`) when the jurisdiction carries
    ///   no service levels: the back office works on their calendars. Build the scenario with
    ///   ``init(jurisdiction:serviceLevels:router:triage:contacts:callDay:)`` to give them.
    public static func weekday(
        in jurisdiction: Jurisdiction,
        contacts: Int = 1_300
    ) throws(SimulationError)
        -> CallDayScenario
    {
        guard let serviceLevels = jurisdiction.serviceLevels else {
            throw SimulationError(
                .missingValue,
                field: "jurisdiction.serviceLevels",
                reason: "\(jurisdiction.name) carries no service levels; a call day needs the departments' calendars"
            )
        }
        return CallDayScenario(
            jurisdiction: jurisdiction,
            serviceLevels: serviceLevels,
            contacts: contacts,
            // The constant is a valid date.
            callDay: try! LocalDate(year: 2026, month: 10, day: 5)
        )
    }

    /// An ordinary weekday (``weekday(in:contacts:)``) at one of the domain notes' scales; New
    /// York's peak day also gets its IVR resolution (``CallDayScale/inquiryDeflection``).
    ///
    /// - Throws: ``SimulationError`` when the jurisdiction carries no service levels.
    public static func weekday(
        in jurisdiction: Jurisdiction,
        scale: CallDayScale
    ) throws(SimulationError)
        -> CallDayScenario
    {
        var scenario = try weekday(in: jurisdiction, contacts: scale.contacts)
        if let deflection = scale.inquiryDeflection {
            scenario.ivrDeflection[.generalInformation] = deflection
            scenario.ivrDeflection[.referral] = deflection
        }
        return scenario
    }

    /// A field of ``profile``, read and written as the scenario's own.
    public subscript<Value>(dynamicMember field: WritableKeyPath<FrontOfficeProfile, Value>) -> Value {
        get { profile[keyPath: field] }
        set { profile[keyPath: field] = newValue }
    }

    /// Midnight at the start of the call day in the jurisdiction's time zone.
    public var start: Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = jurisdiction.timeZone
        let components = DateComponents(year: callDay.year, month: callDay.month, day: callDay.day)
        return calendar.date(from: components) ?? Date(timeIntervalSince1970: 0)
    }
}
