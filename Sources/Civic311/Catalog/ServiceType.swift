/// One kind of service request residents can make ("Pothole", "Missed trash pickup"), with what
/// intake must collect for it and who does the work.
public struct ServiceType: Hashable, Sendable, Codable, Identifiable {
    public let id: ServiceTypeCode
    public var name: String
    /// The catalog group ("Streets", "Sanitation"), for pickers and reporting.
    public var group: String
    /// Words residents use for the problem, for search and classification.
    public var keywords: [String]
    /// The department responsible by default; routing may send a request elsewhere.
    public var department: DepartmentID
    /// The resolution target, in calendar seconds, quoted to residents at intake.
    public var targetSeconds: Double
    /// Whether a location (an address or a coordinate) must be given.
    public var requiresLocation: Bool
    /// Whether the resident's contact details must be given (anonymous requests are refused).
    public var requiresContact: Bool
    /// Whether requests of this type are private: their location and description stay out of the
    /// public view and open data (a housing complaint identifies a household).
    public var isPrivate: Bool
    /// The probing questions, in the order they are asked.
    public var questions: [ProbingQuestion]

    public init(
        id: ServiceTypeCode,
        name: String,
        group: String,
        keywords: [String] = [],
        department: DepartmentID,
        targetSeconds: Double,
        requiresLocation: Bool = true,
        requiresContact: Bool = false,
        isPrivate: Bool = false,
        questions: [ProbingQuestion] = []
    ) {
        self.id = id
        self.name = name
        self.group = group
        self.keywords = keywords
        self.department = department
        self.targetSeconds = targetSeconds
        self.requiresLocation = requiresLocation
        self.requiresContact = requiresContact
        self.isPrivate = isPrivate
        self.questions = questions.sorted { $0.order < $1.order }
    }

    /// Looks a question up by code.
    public func question(_ code: QuestionCode) -> ProbingQuestion? {
        questions.first { $0.id == code }
    }
}
