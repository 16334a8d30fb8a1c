extension ServiceRequestDraft {
    /// A draft that passed validation, with its service type resolved and its answers in
    /// question order.
    struct Validated: Sendable {
        let serviceType: ServiceType
        /// `nil` only if the catalog names a department it does not have (validation prevents it).
        let responsibleDepartmentName: String?
        let answers: [Answer]
    }

    /// Checks every field against the catalog; the first problem is thrown with its field path.
    func validated(against jurisdiction: Jurisdiction) throws(ValidationError) -> Validated {
        guard let (serviceType, departmentName) = jurisdiction.serviceTypeForIntake(self.serviceType) else {
            throw ValidationError(
                .unknownReference,
                field: "serviceType",
                reason: "no service type '\(self.serviceType)' in the \(jurisdiction.name) catalog"
            )
        }
        try Self.checkText(description, field: "description")
        try checkLocation(required: serviceType.requiresLocation)
        try checkSubmitter(required: serviceType.requiresContact)
        if let clientRequestID {
            try Self.checkText(clientRequestID, field: "clientRequestID", limit: 128)
        }
        if let agent { try Participant.checkIdentifier(agent.rawValue, field: "agent") }
        return Validated(
            serviceType: serviceType,
            responsibleDepartmentName: departmentName,
            answers: try validatedAnswers(for: serviceType)
        )
    }

    private func validatedAnswers(for serviceType: ServiceType) throws(ValidationError) -> [Answer] {
        var validated: [Answer] = []
        validated.reserveCapacity(answers.count)
        // By index: `for question in questions` copies each question (its prompt, its choices)
        // on every submission.
        let questions = serviceType.questions
        for index in questions.indices {
            let id = questions[index].id
            guard let value = answers[id] else {
                if questions[index].isRequired {
                    throw ValidationError(
                        .missingValue,
                        field: "answers.\(id)",
                        reason: "required answer to '\(questions[index].prompt)' is missing"
                    )
                }
                continue
            }
            try questions[index].validate(value, field: "answers.\(id)")
            validated.append(Answer(question: id, value: value))
        }
        if validated.count != answers.count {
            // Some answer names no question; report the first in code order, for a stable message.
            let unknown = answers.keys.filter { serviceType.question($0) == nil }.sorted()[0]
            throw ValidationError(
                .unknownReference,
                field: "answers.\(unknown)",
                reason: "\(serviceType.name) has no question '\(unknown)'"
            )
        }
        return validated
    }

    private func checkLocation(required: Bool) throws(ValidationError) {
        guard let location else {
            if required {
                throw ValidationError(
                    .missingValue,
                    field: "location",
                    reason: "this service type needs an address or a coordinate"
                )
            }
            return
        }
        if let address = location.address { try Self.checkText(address, field: "location.address", limit: 512) }
        if location.address == nil && location.coordinate == nil {
            throw ValidationError(.missingValue, field: "location", reason: "give an address, a coordinate or both")
        }
    }

    private func checkSubmitter(required: Bool) throws(ValidationError) {
        guard let submitter else {
            if required {
                throw ValidationError(
                    .missingValue,
                    field: "submitter",
                    reason: "this service type needs the resident's contact details"
                )
            }
            return
        }
        try Self.check(submitter, field: "submitter", contactRequired: required)
    }

    /// The rules for a resident's contact details, wherever they are given (a submitter at intake,
    /// a follower): a name of at most 256 bytes, an e-mail address and a phone number as
    /// ``ContactIdentity`` reads them, so every accepted value can be matched later.
    static func check(_ submitter: Submitter, field: String, contactRequired: Bool) throws(ValidationError) {
        if let name = submitter.name { try checkText(name, field: "\(field).name", limit: 256) }
        if let email = submitter.email {
            guard looksLikeEmail(email) else {
                throw ValidationError(
                    .invalidValue,
                    field: "\(field).email",
                    // The value is personal data: the message says what is wrong, never repeats it.
                    reason: "is not an e-mail address (one @, text before it, a dot after it, no spaces)"
                )
            }
        }
        if let phone = submitter.phone {
            guard phone.utf8.count <= maximumPhoneBytes else {
                throw ValidationError(
                    .tooLong,
                    field: "\(field).phone",
                    reason: "must be at most \(maximumPhoneBytes) bytes, got \(phone.utf8.count)"
                )
            }
            guard ContactIdentity(phone: phone) != nil else {
                throw ValidationError(
                    .invalidValue,
                    field: "\(field).phone",
                    reason: "is not a phone number (7 to 15 digits, then an optional extension such as x12)"
                )
            }
        }
        if contactRequired && !submitter.isContactable {
            throw ValidationError(.missingValue, field: field, reason: "give a phone number or an e-mail address")
        }
    }

    /// One `@` with text before it and a dot after it, no spaces, at most 254 bytes: enough to
    /// catch typing mistakes without rejecting real addresses.
    static func looksLikeEmail(_ email: String) -> Bool {
        var at: Int?
        var dotAfterAt = false
        var count = 0
        for byte in email.utf8 {
            switch byte {
            case UInt8(ascii: "@"):
                if at != nil || count == 0 { return false }
                at = count
            case UInt8(ascii: "."):
                if let at, count > at + 1 { dotAfterAt = true }
            case 0...0x20, 0x7F:
                return false
            default:
                break
            }
            count += 1
        }
        return at != nil && dotAfterAt && count <= 254 && email.utf8.last != UInt8(ascii: ".")
    }

    /// The longest phone number accepted, in UTF-8 bytes: 15 digits with room for separators.
    static var maximumPhoneBytes: Int { 32 }

    /// Non-blank text within `limit` UTF-8 bytes.
    static func checkText(_ text: String, field: String, limit: Int = maximumTextBytes) throws(ValidationError) {
        if text.isBlank {
            throw ValidationError(.missingValue, field: field, reason: "must not be empty")
        }
        if text.utf8.count > limit {
            throw ValidationError(
                .tooLong,
                field: field,
                reason: "must be at most \(limit) bytes, got \(text.utf8.count)"
            )
        }
    }
}
