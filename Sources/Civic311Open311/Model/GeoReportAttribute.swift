import Civic311

/// One field of a service definition: a question the submitter answers (`variable` true), or
/// text shown to them (`variable` false).
public struct GeoReportAttribute: Hashable, Sendable {
    /// The kind of value an attribute takes.
    ///
    /// The six datatypes of the specification have static members; any other text a server sends
    /// (`informational`, `date`, `boolean (checkbox)`) is kept as its raw value.
    public struct Datatype: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }

        /// A single line of text.
        public static var string: Self { Self(rawValue: "string") }
        public static var number: Self { Self(rawValue: "number") }
        /// A date and time in W3C format.
        public static var datetime: Self { Self(rawValue: "datetime") }
        /// Several lines of text.
        public static var text: Self { Self(rawValue: "text") }
        /// One key from ``GeoReportAttribute/values``.
        public static var singleValueList: Self { Self(rawValue: "singlevaluelist") }
        /// One or more keys from ``GeoReportAttribute/values``.
        public static var multiValueList: Self { Self(rawValue: "multivaluelist") }

        /// The six datatypes the specification defines.
        public static var standard: [Self] { [.string, .number, .datetime, .text, .singleValueList, .multiValueList] }

        /// Whether the specification defines this datatype.
        public var isStandard: Bool { Self.standard.contains(self) }

        public var description: String { rawValue }
    }

    /// One allowed value of a list attribute: the `key` submitted and the `name` shown.
    public struct Value: Hashable, Sendable {
        public var key: String
        public var name: String
        /// Fields this module has no property for (Boston's conditional values, …).
        public var extras: [GeoReportField]

        public init(key: String, name: String, extras: [GeoReportField] = []) {
            self.key = key
            self.name = name
            self.extras = extras
        }
    }

    /// `variable`: `true` when the submitter supplies a value, `false` for text to show only.
    public var isVariable: Bool
    /// `code`: the key of the value in a submission, as `attribute[code]`.
    public var code: QuestionCode
    public var datatype: Datatype
    /// `required`.
    public var isRequired: Bool
    /// `datatype_description`: help about the expected format.
    public var datatypeDescription: String?
    /// `order`: display position, 1 first; document order is not display order.
    public var order: Int
    /// `description`: the question or the text to show.
    public var description: String?
    /// The allowed values, for the list datatypes.
    public var values: [Value]
    /// Fields this module has no property for (Boston's `dependencies`, mySociety's `automated`, …).
    public var extras: [GeoReportField]

    public init(
        isVariable: Bool = true,
        code: QuestionCode,
        datatype: Datatype,
        isRequired: Bool,
        datatypeDescription: String? = nil,
        order: Int,
        description: String?,
        values: [Value] = [],
        extras: [GeoReportField] = []
    ) {
        self.isVariable = isVariable
        self.code = code
        self.datatype = datatype
        self.isRequired = isRequired
        self.datatypeDescription = datatypeDescription
        self.order = order
        self.description = description
        self.values = values
        self.extras = extras
    }
}
