/// A question the call-taker (or form) asks for a service type, with the kind of answer it takes.
///
/// "Is the tree on a house or a power line?" is a yes/no question whose answer routing can act
/// on; "Which bin?" is a single choice from allowed values.
public struct ProbingQuestion: Hashable, Sendable, Codable, Identifiable {
    /// The kind of answer a question takes.
    public enum Kind: String, Hashable, Sendable, Codable, CaseIterable {
        case text
        case number
        case dateTime
        case singleChoice
        case multipleChoice
        case yesNo
    }

    /// One allowed value of a choice question: a stable code and the words shown to people.
    public struct Choice: Hashable, Sendable, Codable {
        public let value: String
        public var label: String

        public init(value: String, label: String) {
            self.value = value
            self.label = label
        }
    }

    public let id: QuestionCode
    public var prompt: String
    public var kind: Kind
    public var isRequired: Bool
    /// Position in the script; questions are asked in ascending order.
    public var order: Int
    /// The allowed values, for choice questions; empty otherwise.
    public var choices: [Choice]

    public init(
        id: QuestionCode,
        prompt: String,
        kind: Kind,
        isRequired: Bool = false,
        order: Int = 0,
        choices: [Choice] = []
    ) {
        self.id = id
        self.prompt = prompt
        self.kind = kind
        self.isRequired = isRequired
        self.order = order
        self.choices = choices
    }
}
