import Foundation

/// What a router sees of a request when deciding where it goes.
public struct RoutingInput: Sendable {
    public let serviceType: ServiceType
    public let description: String
    public let location: Location?
    public let answers: [Answer]
    public let channel: Channel
    public let receivedAt: Date
    /// Departments that returned the request as not theirs: the router must not choose them.
    public let excluded: Set<DepartmentID>

    public init(
        serviceType: ServiceType,
        description: String,
        location: Location?,
        answers: [Answer],
        channel: Channel,
        receivedAt: Date,
        excluded: Set<DepartmentID> = []
    ) {
        self.serviceType = serviceType
        self.description = description
        self.location = location
        self.answers = answers
        self.channel = channel
        self.receivedAt = receivedAt
        self.excluded = excluded
    }
}

/// Decides which department receives a request. Intake asks it once per request, and again when a
/// department returns a request as not theirs.
public protocol RequestRouter: Sendable {
    /// Never leaves a request unrouted: when no rule applies the router must fall back (to a triage
    /// department, for example) rather than fail.
    func route(_ input: RoutingInput) throws -> RoutingDecision
}

/// The simplest router: every request goes to its service type's responsible department, and to
/// the triage department when that department has returned it.
public struct CatalogRouter: RequestRouter {
    /// Where returned requests go for a person to decide.
    public let triage: DepartmentID
    /// One decision per service type, made once: routing then costs a lookup.
    private let decisions: [ServiceTypeCode: RoutingDecision]

    public init(jurisdiction: Jurisdiction, triage: DepartmentID) throws(ValidationError) {
        guard jurisdiction.department(triage) != nil else {
            throw ValidationError(
                .unknownReference,
                field: "triage",
                reason: "no department '\(triage)' in \(jurisdiction.name)"
            )
        }
        self.triage = triage
        var decisions: [ServiceTypeCode: RoutingDecision] = [:]
        for serviceType in jurisdiction.serviceTypes {
            decisions[serviceType.id] = RoutingDecision(
                department: serviceType.department,
                explanation: [
                    "catalog: \(serviceType.name) (\(serviceType.id)) is the responsibility of \(serviceType.department)"
                ]
            )
        }
        self.decisions = decisions
    }

    public func route(_ input: RoutingInput) throws -> RoutingDecision {
        let responsible = input.serviceType.department
        if input.excluded.contains(responsible) {
            return RoutingDecision(
                department: triage,
                explanation: [
                    "\(responsible) returned the request as not theirs",
                    "sent to triage (\(triage)) for a person to decide",
                ]
            )
        }
        return decisions[input.serviceType.id]
            ?? RoutingDecision(department: responsible, explanation: ["catalog: responsibility of \(responsible)"])
    }
}
