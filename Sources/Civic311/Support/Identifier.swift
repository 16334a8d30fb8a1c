/// A string identifier tagged with the kind of thing it names, so that a department code can never
/// be passed where a service-type code is expected.
///
/// ```swift
/// let roads: DepartmentID = "DOT"
/// let pothole: ServiceTypeCode = "POTHOLE"
/// ```
public struct Identifier<Tag>: Hashable, Sendable, Comparable, Codable, ExpressibleByStringLiteral,
    CustomStringConvertible
{
    /// The code as written in configuration and storage.
    public let rawValue: String

    public init(_ rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }

    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }

    /// The code; a ``ResidentID`` (an e-mail address or phone number) prints redacted, and its
    /// ``rawValue`` is the explicit way to read it.
    public var description: String { isPersonalData ? RedactedField.marker : rawValue }

    /// Resident identities are the one kind of identifier that is personal data; comparing
    /// metatypes costs a pointer comparison, so other identifiers print as fast as before.
    private var isPersonalData: Bool { Tag.self == ResidentTag.self }
}

extension Identifier: CustomReflectable {
    public var customMirror: Mirror {
        Mirror(self, children: ["rawValue": isPersonalData ? RedactedField() : rawValue], displayStyle: .struct)
    }
}

/// Names a ``Department`` (an internal department, an external agency or a contractor).
public typealias DepartmentID = Identifier<Department>
/// Names a ``ServiceType`` in the catalog, for example `"POTHOLE"`.
public typealias ServiceTypeCode = Identifier<ServiceType>
/// Names a ``KnowledgeArticle``.
public typealias KnowledgeArticleID = Identifier<KnowledgeArticle>
/// Names a ``ProbingQuestion`` within its service type.
public typealias QuestionCode = Identifier<ProbingQuestion>

/// Tags an agent (a call-taker) identifier.
public enum AgentTag {}
/// Names a call-taker or other contact-center agent.
public typealias AgentID = Identifier<AgentTag>
/// Tags a staff identifier.
public enum StaffTag {}
/// Names a member of department or supervisory staff.
public typealias StaffID = Identifier<StaffTag>
