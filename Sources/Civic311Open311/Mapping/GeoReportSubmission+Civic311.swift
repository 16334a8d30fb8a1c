import Civic311
import Foundation

extension ServiceRequestDraft {
    /// The draft a GeoReport submission becomes, for ``Civic311/ServiceCenter/submit(_:by:)``
    /// to validate like any other: the answers are typed by the service type's questions here,
    /// and intake then checks them against the catalog.
    ///
    /// - `lat`/`long` become the coordinate and `address_string` the address; `first_name` and
    ///   `last_name` the submitter's name, with `email` and `phone`.
    /// - A missing `description` (the specification makes it optional) becomes the service
    ///   type's name.
    /// - `device_id` and `account_id` identify the submitter's device and account, which Civic311
    ///   does not keep; they are accepted and not stored.
    ///
    /// - Parameters:
    ///   - submission: the form as read.
    ///   - serviceType: the catalog entry of `submission.serviceCode`.
    ///   - channel: the channel the submission arrived on (a web form, an app).
    ///   - clientRequestID: the client's token, for idempotent submission.
    /// - Throws: `ValidationError` whose field is the GeoReport field at fault (`lat`,
    ///   `attribute[size]`, `media_url`, …).
    public init(
        _ submission: GeoReportSubmission,
        for serviceType: ServiceType,
        channel: Channel,
        clientRequestID: String? = nil
    ) throws(ValidationError) {
        guard submission.serviceCode == serviceType.id else {
            throw ValidationError(
                .invalidValue,
                field: "service_code",
                reason: "the submission is for '\(submission.serviceCode)', not '\(serviceType.id)'"
            )
        }
        if let description = submission.description, description.count > GeoReportSubmission.maximumDescriptionLength {
            throw ValidationError(
                .tooLong,
                field: "description",
                reason:
                    "must be at most \(GeoReportSubmission.maximumDescriptionLength) characters, got \(description.count)"
            )
        }
        if submission.addressID != nil {
            throw ValidationError(
                .invalidValue,
                field: "address_id",
                reason: "this server keeps no master address list; send address_string or lat and long"
            )
        }
        if submission.mediaURL != nil {
            throw ValidationError(
                .invalidValue,
                field: "media_url",
                reason: "this server keeps no media; send the request without it"
            )
        }
        self.init(
            serviceType: serviceType.id,
            description: submission.description ?? serviceType.name,
            location: try Self.location(of: submission),
            answers: try Self.answers(submission.attributes, for: serviceType),
            submitter: Self.submitter(of: submission),
            channel: channel,
            clientRequestID: clientRequestID
        )
    }

    private static func location(of submission: GeoReportSubmission) throws(ValidationError) -> Location? {
        var coordinate: Coordinate?
        switch (submission.latitude, submission.longitude) {
        case (nil, nil):
            break
        case (let latitude?, let longitude?):
            do {
                coordinate = try Coordinate(latitude: latitude, longitude: longitude)
            } catch {
                throw ValidationError(
                    error.code,
                    field: error.field == "latitude" ? "lat" : "long",
                    reason: error.reason
                )
            }
        case (nil, _):
            throw ValidationError(.missingValue, field: "lat", reason: "lat and long are sent together")
        case (_, nil):
            throw ValidationError(.missingValue, field: "long", reason: "lat and long are sent together")
        }
        let address = submission.addressString
        return address == nil && coordinate == nil ? nil : Location(address: address, coordinate: coordinate)
    }

    private static func submitter(of submission: GeoReportSubmission) -> Submitter? {
        let name = [submission.firstName, submission.lastName].compactMap { $0 }.joined(separator: " ")
        let submitter = Submitter(
            name: name.isEmpty ? nil : name,
            phone: submission.phone,
            email: submission.email
        )
        return submitter == Submitter() ? nil : submitter
    }

    private static func answers(
        _ attributes: [QuestionCode: GeoReportSubmission.AttributeValue],
        for serviceType: ServiceType
    ) throws(ValidationError) -> [QuestionCode: AnswerValue] {
        var answers: [QuestionCode: AnswerValue] = [:]
        // In code order, so the first problem reported is always the same one.
        for (code, value) in attributes.sorted(by: { $0.key < $1.key }) {
            let field = "attribute[\(code)]"
            guard let question = serviceType.question(code) else {
                throw ValidationError(
                    .unknownReference,
                    field: field,
                    reason: "\(serviceType.name) has no attribute '\(code)'"
                )
            }
            if case .single(let text) = value, text.isEmpty, !question.isRequired {
                continue  // An optional list left at its empty choice.
            }
            answers[code] = try answer(value, to: question, field: field)
        }
        return answers
    }

    private static func answer(
        _ value: GeoReportSubmission.AttributeValue,
        to question: ProbingQuestion,
        field: String
    ) throws(ValidationError) -> AnswerValue {
        if question.kind == .multipleChoice {
            switch value {
            case .single(let key): return .choices([key])
            case .multiple(let keys): return .choices(keys)
            }
        }
        guard case .single(let text) = value else {
            throw ValidationError(.invalidValue, field: field, reason: "takes one value, not a list")
        }
        switch question.kind {
        case .text:
            return .text(text)
        case .number:
            guard let number = Double(text.trimmedWhitespace), number.isFinite else {
                throw ValidationError(.invalidValue, field: field, reason: "'\(text)' is not a number")
            }
            return .number(number)
        case .dateTime:
            guard let date = GeoReportDateTime.parse(text) else {
                throw ValidationError(.invalidValue, field: field, reason: "'\(text)' is not a date and time")
            }
            return .dateTime(date)
        case .singleChoice:
            return .choice(text)
        case .yesNo:
            guard let yes = try? GeoReportBoolean.parse(text.trimmedWhitespace) else {
                throw ValidationError(.invalidValue, field: field, reason: "'\(text)' is not true or false")
            }
            return .yesNo(yes)
        case .multipleChoice:
            return .choices([text])
        }
    }

    /// The GeoReport field a draft's validation error names: `answers.size` is
    /// `attribute[size]`, `location.address` is `address_string`, `submitter.email` is `email`.
    static func geoReportField(for field: String) -> String {
        if field.hasPrefix("answers.") { return "attribute[\(field.dropFirst("answers.".count))]" }
        switch field {
        case "serviceType": return "service_code"
        case "location": return "lat and long, or address_string"
        case "location.address": return "address_string"
        case "submitter": return "email or phone"
        case "submitter.name": return "first_name and last_name"
        case "submitter.email": return "email"
        case "submitter.phone": return "phone"
        case "clientRequestID": return "Idempotency-Key"
        default: return field
        }
    }
}

extension GeoReportSubmission {
    /// The submission for a Civic311 draft, for posting it to another jurisdiction's GeoReport
    /// server: answers become `attribute[code]` values (option keys; `true`/`false` for yes/no;
    /// W3C dates), the submitter's name is split at its last space into first and last name.
    ///
    /// The draft's kind, channel, agent and priority have no GeoReport field; its client request
    /// ID travels as the token the client repeats (``GeoReportClient/submit(_:token:)``).
    public init(_ draft: ServiceRequestDraft, jurisdictionID: GeoReportJurisdictionID? = nil) {
        var firstName: String?
        var lastName: String?
        if let name = draft.submitter?.name {
            if let space = name.lastIndex(of: " ") {
                firstName = String(name[..<space])
                lastName = String(name[name.index(after: space)...])
            } else {
                firstName = name
            }
        }
        var attributes: [QuestionCode: AttributeValue] = [:]
        for (code, answer) in draft.answers {
            switch answer {
            case .text(let text): attributes[code] = .single(text)
            case .number(let number): attributes[code] = .single(GeoReportSubmission.text(of: number))
            case .dateTime(let date): attributes[code] = .single(GeoReportDateTime.format(date))
            case .choice(let key): attributes[code] = .single(key)
            case .choices(let keys): attributes[code] = .multiple(keys)
            case .yesNo(let yes): attributes[code] = .single(yes ? GeoReportAttribute.yesKey : GeoReportAttribute.noKey)
            }
        }
        self.init(
            jurisdictionID: jurisdictionID,
            serviceCode: draft.serviceType,
            latitude: draft.location?.coordinate?.latitude,
            longitude: draft.location?.coordinate?.longitude,
            addressString: draft.location?.address,
            email: draft.submitter?.email,
            firstName: firstName,
            lastName: lastName,
            phone: draft.submitter?.phone,
            description: draft.description,
            attributes: attributes
        )
    }

    static func text(of number: Double) -> String {
        var bytes: [UInt8] = []
        GeoReportNumberText.append(number, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }
}
