/// A client request ID together with whose it is: the key under which a store keeps client
/// request IDs unique and finds requests by them.
///
/// A client request ID is the submitting client's own name for a submission, chosen so that a
/// retry can be recognised, so two clients may well choose the same one ("form-1", a counter, a
/// timestamp). An ID is therefore unique only within its **scope**, the identity of the
/// participant who submitted the request, as recorded by its opening event:
///
/// | submitted by | scope |
/// |---|---|
/// | a resident | that resident's identity (`resident:sam@example.com`) |
/// | an anonymous resident | all anonymous residents (`resident`) |
/// | a call-taker | that agent (`call-taker:maria`) |
/// | department staff | that staff member in that department (`staff:DOT/j.okafor`) |
/// | a supervisor | that supervisor (`supervisor:chief`) |
/// | an integration | that system for that department (`integration:DOT/cityworks`) |
/// | the center | the center (`system`) |
///
/// Two submitters can use one ID without seeing each other's requests. ``ServiceCenter`` refuses
/// a client request ID from an anonymous resident, whose scope cannot tell residents apart.
///
/// Keys compare as Swift compares strings: case-sensitive, and canonically equivalent spellings
/// ("é" precomposed or as "e" and a combining accent) are one key.
public struct ClientRequestKey: Hashable, Sendable {
    /// The identity of the submitter the ID belongs to, in the text form above.
    public var scope: String { Self.scope(of: submitter) }
    /// The client's own identifier.
    public let id: String
    /// Who submitted the ID. The scope text is made from it only when it is read (by a store that
    /// keeps it): intake only compares and hashes keys, and making the text allocated a string
    /// each time. Two participants have the same scope exactly when they are equal: each kind has
    /// its own prefix and a department's `/` is escaped.
    private let submitter: Participant
    /// The hash of the submitter and the ID, taken once: intake looks a key up and files it under
    /// the store's lock.
    private let hashCode: Int

    /// The key of `id` submitted by `submitter`.
    public init(id: String, submittedBy submitter: Participant) {
        self.submitter = submitter
        self.id = id
        var hasher = Hasher()
        hasher.combine(submitter)
        hasher.combine(id)
        hashCode = hasher.finalize()
    }

    public static func == (left: Self, right: Self) -> Bool {
        left.hashCode == right.hashCode && left.id == right.id && left.submitter == right.submitter
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(hashCode)
    }

    /// The hash taken when the key was made, for an index that files keys by it.
    var storedHash: Int { hashCode }

    /// Whether this is the key of `id` submitted by `participant`, without building either.
    func isKey(of id: String?, submittedBy participant: Participant) -> Bool {
        self.id == id && submitter == participant
    }

    /// The key a request was opened under: the client request ID of an opening event, scoped to
    /// the event's actor; `nil` when the event opens nothing or carries no client request ID.
    public init?(opening event: RequestEvent) {
        guard case .opened(let opening) = event.change, let id = opening.clientRequestID else { return nil }
        self.init(id: id, submittedBy: event.actor)
    }

    /// The scope of the client request IDs `participant` submits.
    ///
    /// A department name may hold any character, so a `/` or `%` in it is escaped (`%2F`,
    /// `%25`): the first `/` always ends the department, and no two participants share a scope.
    public static func scope(of participant: Participant) -> String {
        switch participant {
        case .resident(let identity): identity.map { "resident:\($0.rawValue)" } ?? "resident"
        case .callTaker(let agent): "call-taker:\(agent.rawValue)"
        case .departmentStaff(let staff, let department): "staff:\(escaped(department))/\(staff.rawValue)"
        case .supervisor(let staff): "supervisor:\(staff.rawValue)"
        case .integration(let system, let department): "integration:\(escaped(department))/\(system)"
        case .system: "system"
        }
    }

    private static func escaped(_ department: DepartmentID) -> String {
        // By scalar, not by character: a "/" followed by a combining mark is still a "/".
        let text = department.rawValue
        guard text.unicodeScalars.contains(where: { $0 == "/" || $0 == "%" }) else { return text }
        var escaped = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar {
            case "%": escaped.append(contentsOf: "%25".unicodeScalars)
            case "/": escaped.append(contentsOf: "%2F".unicodeScalars)
            default: escaped.append(scalar)
            }
        }
        return String(escaped)
    }
}
