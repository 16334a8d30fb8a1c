import Foundation

/// One kind of service request residents can make ("Pothole", "Missed trash pickup"), with what
/// intake must collect for it and who does the work.
public struct ServiceType: Hashable, Sendable, Codable, Identifiable {
    /// The definition itself; its conformances are synthesized, so the JSON form is its fields.
    private struct Fields: Hashable, Sendable, Codable {
        var id: ServiceTypeCode
        var name: String
        var group: String
        var keywords: [String]
        var department: DepartmentID
        var targetSeconds: Double
        var requiresLocation: Bool
        var requiresContact: Bool
        var isPrivate: Bool
        var questions: [ProbingQuestion]
        var knowledgeArticle: KnowledgeArticleID?
        var selfServiceURL: URL?
        var referral: ReferralTarget?
        var duplicates: DuplicateRule?
        /// `nil` for ``LocationPublishing/exact``, so a type that never set it encodes as before.
        var publicLocation: LocationPublishing?
    }

    /// One allocation shared by every copy: intake copies a service type into its validation and
    /// routing inputs for every request, and a copy now costs one retain instead of one per field.
    /// The fields are `let`, so sharing is safe across tasks; a setter replaces the storage.
    private final class Storage: Sendable {
        let fields: Fields
        /// See ``ServiceType/catalogPosition``.
        let catalogPosition: Int
        init(_ fields: Fields, catalogPosition: Int = -1) {
            self.fields = fields
            self.catalogPosition = catalogPosition
        }
    }

    private var storage: Storage

    /// Where the jurisdiction that listed this definition holds it in
    /// ``Jurisdiction/serviceTypes``, or -1: a hint that lets routing and service levels find
    /// their entry for a type without hashing its code, trusted only for the very definition that
    /// jurisdiction holds (``Jurisdiction/catalogIndex(of:)``). Equality, hashing and coding
    /// ignore it; changing any field drops it.
    package var catalogPosition: Int { storage.catalogPosition }

    /// This definition, listed at `position` of a catalog.
    package func listed(at position: Int) -> ServiceType {
        var listed = self
        listed.storage = Storage(storage.fields, catalogPosition: position)
        return listed
    }

    /// Whether `other` is this very definition (one storage), not merely an equal one.
    package func isSameDefinition(as other: ServiceType) -> Bool { storage === other.storage }

    public var id: ServiceTypeCode { storage.fields.id }
    public var name: String {
        get { storage.fields.name }
        set { update { $0.name = newValue } }
    }
    /// The catalog group ("Streets", "Sanitation"), for pickers and reporting.
    public var group: String {
        get { storage.fields.group }
        set { update { $0.group = newValue } }
    }
    /// Words residents use for the problem, for search and classification.
    public var keywords: [String] {
        get { storage.fields.keywords }
        set { update { $0.keywords = newValue } }
    }
    /// The department responsible by default; routing may send a request elsewhere.
    public var department: DepartmentID {
        get { storage.fields.department }
        set { update { $0.department = newValue } }
    }
    /// The resolution target, in calendar seconds, quoted to residents at intake.
    public var targetSeconds: Double {
        get { storage.fields.targetSeconds }
        set { update { $0.targetSeconds = newValue } }
    }
    /// Whether a location (an address or a coordinate) must be given.
    public var requiresLocation: Bool {
        get { storage.fields.requiresLocation }
        set { update { $0.requiresLocation = newValue } }
    }
    /// Whether the resident's contact details must be given (anonymous requests are refused).
    public var requiresContact: Bool {
        get { storage.fields.requiresContact }
        set { update { $0.requiresContact = newValue } }
    }
    /// Whether requests of this type are private: their location and description stay out of the
    /// public view and open data (a housing complaint identifies a household).
    public var isPrivate: Bool {
        get { storage.fields.isPrivate }
        set { update { $0.isPrivate = newValue } }
    }
    /// The probing questions, in the order they are asked.
    public var questions: [ProbingQuestion] {
        get { storage.fields.questions }
        set { update { $0.questions = newValue } }
    }

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
        questions: [ProbingQuestion] = [],
        knowledgeArticle: KnowledgeArticleID? = nil,
        selfServiceURL: URL? = nil,
        referral: ReferralTarget? = nil,
        duplicates: DuplicateRule? = nil,
        publicLocation: LocationPublishing = .exact
    ) {
        storage = Storage(
            Fields(
                id: id,
                name: name,
                group: group,
                keywords: keywords,
                department: department,
                targetSeconds: targetSeconds,
                requiresLocation: requiresLocation,
                requiresContact: requiresContact,
                isPrivate: isPrivate,
                questions: questions.sorted { $0.order < $1.order },
                knowledgeArticle: knowledgeArticle,
                selfServiceURL: selfServiceURL,
                referral: referral,
                duplicates: duplicates,
                publicLocation: publicLocation == .exact ? nil : publicLocation
            )
        )
    }

    /// The article a call-taker reads out for this type (how bulk pickup works), if one is bound.
    public var knowledgeArticle: KnowledgeArticleID? {
        get { storage.fields.knowledgeArticle }
        set { update { $0.knowledgeArticle = newValue } }
    }
    /// Where a resident can do this without an agent (an online form, a booking page), if anywhere.
    public var selfServiceURL: URL? {
        get { storage.fields.selfServiceURL }
        set { update { $0.selfServiceURL = newValue } }
    }
    /// Set when the matter belongs to another agency: the call-taker transfers rather than opens a
    /// request (see ``Jurisdiction/lookUp(_:for:limit:)``).
    public var referral: ReferralTarget? {
        get { storage.fields.referral }
        set { update { $0.referral = newValue } }
    }

    /// When a new report of this type is probably one already open: the radius, window and
    /// related types that ``ServiceCenter/duplicateCandidates(for:by:limit:)`` searches. `nil`
    /// offers no candidates (a type without a place, such as a question about a bill).
    public var duplicates: DuplicateRule? {
        get { storage.fields.duplicates }
        set { update { $0.duplicates = newValue } }
    }

    /// How much of a request's location open data publishes (``OpenDataExport``): the address and
    /// coordinate, the block, the district or nothing. ``LocationPublishing/exact`` by default;
    /// irrelevant for a private type, which open data leaves out.
    public var publicLocation: LocationPublishing {
        get { storage.fields.publicLocation ?? .exact }
        set { update { $0.publicLocation = newValue == .exact ? nil : newValue } }
    }

    /// Looks a question up by code.
    public func question(_ code: QuestionCode) -> ProbingQuestion? {
        storage.fields.questions.first { $0.id == code }
    }

    private mutating func update(_ change: (inout Fields) -> Void) {
        var fields = storage.fields
        change(&fields)
        storage = Storage(fields)
    }

    public static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.storage === rhs.storage || lhs.storage.fields == rhs.storage.fields
    }

    public func hash(into hasher: inout Hasher) { hasher.combine(storage.fields) }

    public init(from decoder: any Decoder) throws { storage = Storage(try Fields(from: decoder)) }

    public func encode(to encoder: any Encoder) throws { try storage.fields.encode(to: encoder) }
}

extension ServiceType: CustomReflectable {
    /// The fields, as `print` and `dump` showed them before they moved into shared storage.
    public var customMirror: Mirror {
        Mirror(
            self,
            children: [
                "id": id, "name": name, "group": group, "keywords": keywords, "department": department,
                "targetSeconds": targetSeconds, "requiresLocation": requiresLocation,
                "requiresContact": requiresContact, "isPrivate": isPrivate, "questions": questions,
                "knowledgeArticle": knowledgeArticle as Any, "selfServiceURL": selfServiceURL as Any,
                "referral": referral as Any, "duplicates": duplicates as Any, "publicLocation": publicLocation,
            ],
            displayStyle: .struct
        )
    }
}
