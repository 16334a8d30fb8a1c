import Foundation

/// The value given for a ``ProbingQuestion``.
public enum AnswerValue: Hashable, Sendable, Codable {
    case text(String)
    case number(Double)
    case dateTime(Date)
    /// The `value` of one ``ProbingQuestion/Choice``.
    case choice(String)
    /// The `value`s of several ``ProbingQuestion/Choice``s.
    case choices([String])
    case yesNo(Bool)
}

/// A validated answer to one probing question, as stored on a ``ServiceRequest``.
public struct Answer: Hashable, Sendable, Codable {
    public let question: QuestionCode
    public let value: AnswerValue

    public init(question: QuestionCode, value: AnswerValue) {
        self.question = question
        self.value = value
    }
}
