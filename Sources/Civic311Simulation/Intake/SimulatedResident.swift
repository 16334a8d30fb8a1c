@_spi(Benchmarks) import Civic311
import Foundation

/// The resident's side of a simulated contact: what they tell the call-taker or type into the form.
///
/// Turns a ``SimulatedServiceRequest`` into a `ServiceRequestDraft` the real intake accepts: the
/// service type's required questions answered with allowed values (optional ones half the time), a
/// location where the service type needs one (a coordinate inside the box around the districts of
/// the jurisdiction's routing rules, or a street address when it has none), contact details where
/// the service type needs them, and a description. Every choice is a hash of the run's seed and the
/// contact's number, so the same run always writes the same drafts.
struct SimulatedResident: Sendable {
    /// What the drafts of one service type share.
    private struct TypeScript: Sendable {
        let code: ServiceTypeCode
        let questions: [ProbingQuestion]
        let needsContact: Bool
        let needsLocation: Bool
        let phrases: [String]  // by Channel.simulatedIndex, plus one for the IVR
    }

    private let scripts: [ServiceTypeCode: TypeScript]
    private let articles: [KnowledgeArticleID]
    private let referralTargets: [DepartmentID]
    private let start: Date
    /// Where residents drop their pins: the box around the routing districts, if any.
    private let area: (latitude: ClosedRange<Double>, longitude: ClosedRange<Double>)?

    /// Prepares the scripts of every service type in `jurisdiction`; `start` is simulated time 0.
    init(jurisdiction: Jurisdiction, start: Date) {
        var scripts: [ServiceTypeCode: TypeScript] = [:]
        for type in jurisdiction.serviceTypes {
            let ways = ["by phone", "on the web portal", "in the mobile app", "by text message", "through the IVR"]
            scripts[type.id] = TypeScript(
                code: type.id,
                questions: type.questions,
                needsContact: type.requiresContact,
                needsLocation: type.requiresLocation,
                phrases: ways.map { "\(type.name) reported \($0)" }
            )
        }
        self.scripts = scripts
        articles = jurisdiction.knowledgeArticles.map(\.id)
        let agencies = jurisdiction.departments.filter { $0.kind == .externalAgency }.map(\.id)
        referralTargets = agencies.isEmpty ? jurisdiction.departments.map(\.id) : agencies
        self.start = start
        let corners = (jurisdiction.routingRules?.districts?.districts ?? []).flatMap { district in
            district.geometry.polygons.flatMap(\.exterior.positions)
        }
        if let south = corners.map(\.latitude).min(), let north = corners.map(\.latitude).max(),
            let west = corners.map(\.longitude).min(), let east = corners.map(\.longitude).max()
        {
            area = (south...north, west...east)
        } else {
            area = nil
        }
    }

    /// The draft for `request`, taken by `agent` when an agent answered the call.
    func draft(for request: SimulatedServiceRequest, agent: AgentID?, seed: UInt64) throws -> ServiceRequestDraft {
        guard let script = scripts[request.serviceTypeCode] else {
            throw SimulationError(
                .unknownReference,
                field: "serviceTypes",
                reason: "\"\(request.serviceTypeCode)\" is not in the catalog"
            )
        }
        var bits = SplitMix64(seed: seed ^ (UInt64(request.contactID) &* 0x9E37_79B9_7F4A_7C15))
        var answers: [QuestionCode: AnswerValue] = [:]
        answers.reserveCapacity(script.questions.count)
        for question in script.questions {
            let draw = bits.next()
            guard question.isRequired || draw & 1 == 0 else { continue }
            answers[question.id] = answer(to: question, draw: draw >> 1, createdAt: request.createdAt)
        }
        var location: Location?
        if script.needsLocation {
            let (first, second) = (Double(bits.next() >> 11) * 0x1p-53, Double(bits.next() >> 11) * 0x1p-53)
            if let area {
                let latitude = area.latitude.lowerBound + (area.latitude.upperBound - area.latitude.lowerBound) * first
                let longitude =
                    area.longitude.lowerBound + (area.longitude.upperBound - area.longitude.lowerBound) * second
                location = Location(coordinate: try Coordinate(latitude: latitude, longitude: longitude))
            } else {
                location = Location(address: "\(1 + Int(first * 999)) Main Street")
            }
        }
        var submitter: Submitter?
        if script.needsContact {
            let line = 1_000 + Int(bits.next() % 9_000)
            submitter = Submitter(phone: "555-010-\(line)")
        }
        let channel = Self.channel(of: request, answeredBy: agent)
        let phrase = channel == .selfService ? script.phrases[4] : script.phrases[request.channel.simulatedIndex ?? 0]
        return ServiceRequestDraft(
            serviceType: script.code,
            kind: Self.kind(of: request.callType),
            description: "\(phrase) (simulated contact \(request.contactID))",
            location: location,
            answers: answers,
            submitter: submitter,
            channel: channel,
            agent: agent
        )
    }

    /// The contact draft of a general-information or referral contact; `nil` for other call types or
    /// when the catalog has no knowledge article to answer from.
    func contactDraft(for record: ContactRecord, agent: AgentID?) -> ContactDraft? {
        let channel: Channel = record.channel == .phone && record.outcome == .deflected ? .selfService : record.channel
        switch record.callType {
        case .generalInformation:
            guard !articles.isEmpty else { return nil }
            return ContactDraft(
                .information(article: articles[record.id % articles.count]),
                channel: channel,
                agent: agent
            )
        case .referral:
            guard !referralTargets.isEmpty else { return nil }
            let referral = Referral(
                target: referralTargets[record.id % referralTargets.count],
                transfer: record.wasTransferred ? .warm : .cold
            )
            return ContactDraft(.referral(referral), channel: channel, agent: agent)
        case .serviceRequest:
            return nil
        }
    }

    private func answer(to question: ProbingQuestion, draw: UInt64, createdAt: Double) -> AnswerValue {
        switch question.kind {
        case .text:
            return .text("Given by the resident")
        case .number:
            return .number(Double(1 + draw % 5))
        case .dateTime:
            // Earlier the same day or the day before.
            return .dateTime(start.addingTimeInterval(createdAt - Double(draw % 86_400)))
        case .yesNo:
            return .yesNo(draw & 1 == 1)
        case .singleChoice:
            guard !question.choices.isEmpty else { return .text("Given by the resident") }
            return .choice(question.choices[Int(draw % UInt64(question.choices.count))].value)
        case .multipleChoice:
            guard !question.choices.isEmpty else { return .text("Given by the resident") }
            return .choices([question.choices[Int(draw % UInt64(question.choices.count))].value])
        }
    }

    /// The intake channel: an agent's phone call, the IVR (a phone call without an agent), or online.
    static func channel(of request: SimulatedServiceRequest, answeredBy agent: AgentID?) -> Channel {
        request.channel == .phone && agent == nil ? .selfService : request.channel
    }

    /// The service-request kind of a contact; every ``SimulatedServiceRequest`` has one.
    static func kind(of callType: CallType.Kind) -> ServiceRequestKind {
        if case .serviceRequest(let kind) = callType { kind } else { .serviceRequest }
    }
}
