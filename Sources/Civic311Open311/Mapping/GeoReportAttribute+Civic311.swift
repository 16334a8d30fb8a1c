import Civic311

extension GeoReportAttribute {
    /// The keys a yes/no question's values have; a `singlevaluelist` with exactly these reads
    /// back as a yes/no question.
    static let yesKey = "true"
    static let noKey = "false"
    /// The `datatype_description` of a yes/no question.
    static let yesNoDescription = "Yes or no"

    /// The attribute for a probing question.
    ///
    /// | question kind | datatype |
    /// |---|---|
    /// | text | `text` |
    /// | number | `number` |
    /// | date-time | `datetime` |
    /// | single choice | `singlevaluelist`, choices as values |
    /// | multiple choice | `multivaluelist`, choices as values |
    /// | yes/no | `singlevaluelist` with keys `true` and `false` |
    public init(_ question: ProbingQuestion) {
        let datatype: Datatype
        var values = question.choices.map { Value(key: $0.value, name: $0.label) }
        var datatypeDescription: String?
        switch question.kind {
        case .text: datatype = .text
        case .number: datatype = .number
        case .dateTime: datatype = .datetime
        case .singleChoice: datatype = .singleValueList
        case .multipleChoice: datatype = .multiValueList
        case .yesNo:
            datatype = .singleValueList
            values = [Value(key: Self.yesKey, name: "Yes"), Value(key: Self.noKey, name: "No")]
            datatypeDescription = Self.yesNoDescription
        }
        self.init(
            isVariable: true,
            code: question.id,
            datatype: datatype,
            isRequired: question.isRequired,
            datatypeDescription: datatypeDescription,
            order: question.order,
            description: question.prompt,
            values: values
        )
    }
}

extension ProbingQuestion {
    /// The probing question for an attribute that takes a value (`variable` true).
    ///
    /// `string` and `text` become text questions; `date` and `boolean` (Boston's) are read as
    /// date-time and yes/no; a `singlevaluelist` whose keys are exactly `true` and `false` is a
    /// yes/no question.
    ///
    /// - Throws: `ValidationError` when the attribute is informational (`variable` false), has a
    ///   datatype no question kind matches, or a list without values.
    public init(_ attribute: GeoReportAttribute) throws(ValidationError) {
        guard attribute.isVariable else {
            throw ValidationError(
                .invalidValue,
                field: "variable",
                reason: "an informational attribute is not a question"
            )
        }
        let keys = Set(attribute.values.map(\.key))
        var choices = attribute.values.map { Choice(value: $0.key, label: $0.name) }
        let kind: Kind
        switch attribute.datatype.rawValue.lowercased() {
        case "string", "text": kind = .text
        case "number": kind = .number
        case "datetime", "date": kind = .dateTime
        case "singlevaluelist" where keys == [GeoReportAttribute.yesKey, GeoReportAttribute.noKey]:
            kind = .yesNo
            choices = []
        case "singlevaluelist": kind = .singleChoice
        case "multivaluelist": kind = .multipleChoice
        case "boolean", "boolean (checkbox)":
            kind = .yesNo
            choices = []
        default:
            throw ValidationError(
                .invalidValue,
                field: "datatype",
                reason: "no question kind takes a '\(attribute.datatype)' value"
            )
        }
        if (kind == .singleChoice || kind == .multipleChoice) && choices.isEmpty {
            throw ValidationError(.missingValue, field: "values", reason: "a \(attribute.datatype) needs values")
        }
        if kind != .singleChoice && kind != .multipleChoice && kind != .yesNo && !attribute.values.isEmpty {
            choices = []  // DC lists values on text attributes; a text question takes none.
        }
        self.init(
            id: attribute.code,
            prompt: attribute.description ?? attribute.code.rawValue,
            kind: kind,
            isRequired: attribute.isRequired,
            order: attribute.order,
            choices: choices
        )
    }
}
