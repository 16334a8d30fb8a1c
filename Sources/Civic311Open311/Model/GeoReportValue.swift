/// A value a server sent that has no field in this module's types: kept, not dropped.
///
/// XML elements are read the way GeoReport's JSON is defined from its XML (the Spark
/// convention): an element holding only text is a string, an empty one is `null`, an element whose
/// children all share one name is an array, and any other element with children is an object. So
/// the same extension read from the XML and the JSON form of a document compares equal, except
/// that XML cannot tell a number or a Boolean from text.
public enum GeoReportValue: Hashable, Sendable {
    case null
    case bool(Bool)
    /// A JSON number, as written, so that no digit is lost.
    case number(String)
    case string(String)
    case array([GeoReportValue])
    /// Fields in document order; a name may repeat in XML.
    case object([GeoReportField])

    /// The text of a string or number, or `nil` for other values.
    public var text: String? {
        switch self {
        case .string(let text), .number(let text): text
        default: nil
        }
    }

    /// The value of the first field named `name`, for an object.
    public subscript(name: String) -> GeoReportValue? {
        guard case .object(let fields) = self else { return nil }
        return fields.first { $0.name == name }?.value
    }
}

/// A named value: a field of an object, or an element of an XML document.
public struct GeoReportField: Hashable, Sendable {
    public var name: String
    public var value: GeoReportValue

    public init(name: String, value: GeoReportValue) {
        self.name = name
        self.value = value
    }
}

extension Array where Element == GeoReportField {
    /// The value of the first field named `name`.
    public subscript(name: String) -> GeoReportValue? { first { $0.name == name }?.value }
}
