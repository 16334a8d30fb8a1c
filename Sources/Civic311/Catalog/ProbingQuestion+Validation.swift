extension ProbingQuestion {
    /// Checks an answer against this question's kind and allowed values.
    ///
    /// - Parameter field: the path to report, for example `"answers.tree_location"`; built only
    ///   when the answer is refused, so intake formats no strings for valid answers.
    func validate(_ value: AnswerValue, field: @autoclosure () -> String) throws(ValidationError) {
        switch (kind, value) {
        case (.text, .text(let text)):
            if text.isBlank {
                throw ValidationError(.missingValue, field: field(), reason: "answer must not be empty")
            }
            if text.utf8.count > ServiceRequestDraft.maximumTextBytes {
                throw ValidationError(
                    .tooLong,
                    field: field(),
                    reason: "answer exceeds \(ServiceRequestDraft.maximumTextBytes) bytes"
                )
            }
        case (.number, .number(let number)):
            if !number.isFinite {
                throw ValidationError(.invalidValue, field: field(), reason: "must be a finite number")
            }
        case (.dateTime, .dateTime(let date)):
            if !date.isInSupportedYears {
                throw ValidationError(
                    .outOfRange,
                    field: field(),
                    reason: "must be an instant in years 1 through 9999, got \(date.messageText)"
                )
            }
        case (.yesNo, .yesNo):
            break
        case (.singleChoice, .choice(let choice)):
            try requireAllowed(choice, field: field)
        case (.multipleChoice, .choices(let selected)):
            if selected.isEmpty {
                throw ValidationError(.missingValue, field: field(), reason: "choose at least one value")
            }
            if Set(selected).count != selected.count {
                throw ValidationError(.duplicate, field: field(), reason: "a value is chosen more than once")
            }
            for choice in selected { try requireAllowed(choice, field: field) }
        default:
            throw ValidationError(
                .invalidValue,
                field: field(),
                reason: "question \(id) takes a \(kind.rawValue) answer, not \(value.kindName)"
            )
        }
    }

    private func requireAllowed(_ choice: String, field: () -> String) throws(ValidationError) {
        guard choices.contains(where: { $0.value == choice }) else {
            let allowed = choices.map(\.value).joined(separator: ", ")
            throw ValidationError(.invalidValue, field: field(), reason: "'\(choice)' is not one of: \(allowed)")
        }
    }
}

extension AnswerValue {
    var kindName: String {
        switch self {
        case .text: "text"
        case .number: "a number"
        case .dateTime: "a date-time"
        case .choice: "a single choice"
        case .choices: "multiple choices"
        case .yesNo: "yes/no"
        }
    }
}
