import Foundation

/// Every notice's wording: a ``NoticeTemplate`` per kind, channel and language, and the names of
/// the request states in each language.
///
/// The default language covers every kind on every channel, so a notice always has words; a
/// resident whose language lacks a template gets the default language's, and the notice says so
/// (``Notice/isFallback``). Checked when the catalog is made: an acknowledgement names its
/// `{ticket}`, and a status change and a closing carry their `{note}`, the real words of the
/// department, never a generic line.
public struct NoticeCatalog: Hashable, Sendable {
    /// Where a template sits.
    public struct Key: Hashable, Sendable {
        public let kind: NoticeKind
        public let channel: NoticeChannel
        /// A language code, such as `en` or `es`.
        public let language: String

        public init(_ kind: NoticeKind, _ channel: NoticeChannel, language: String) {
            self.kind = kind
            self.channel = channel
            self.language = language
        }
    }

    /// The language every notice can be written in.
    public let defaultLanguage: String
    public let templates: [Key: NoticeTemplate]
    /// What residents read for each state, by language; a state a language does not name is read
    /// in the default language, and one the default language does not name by its code.
    public let stateNames: [String: [RequestState: String]]
    /// What residents reading a language call a service type, by language; a type a language
    /// does not name is read as the catalog of the jurisdiction names it.
    public let serviceTypeNames: [String: [ServiceTypeCode: String]]
    /// What residents reading a language call a department, by language; as service types.
    public let departmentNames: [String: [DepartmentID: String]]

    /// - Throws: ``ValidationError`` naming the template's place (`templates.es.closing.sms`): a
    ///   blank or too long language code, a kind and channel the default language lacks, an
    ///   acknowledgement without `{ticket}`, a status change or closing without `{note}`; or a
    ///   blank or too long name (`stateNames.es.inProgress`, `serviceTypeNames.es.POTHOLE`,
    ///   `departmentNames.es.DOT`).
    public init(
        defaultLanguage: String,
        templates: [Key: NoticeTemplate],
        stateNames: [String: [RequestState: String]] = [:],
        serviceTypeNames: [String: [ServiceTypeCode: String]] = [:],
        departmentNames: [String: [DepartmentID: String]] = [:]
    ) throws(ValidationError) {
        try Self.checkLanguage(defaultLanguage, field: "defaultLanguage")
        for key in templates.keys.sorted(by: Self.order) {
            let place = "templates.\(key.language).\(key.kind.rawValue).\(key.channel.rawValue)"
            try Self.checkLanguage(key.language, field: place)
            let fields = Set(templates[key]?.bodyFields ?? [])
            let needed: NoticeField? =
                switch key.kind {
                case .acknowledgement: .ticket
                case .statusChange, .closing: .note
                case .surveyInvitation: nil
                }
            if let needed, !fields.contains(needed) {
                throw ValidationError(
                    .invalidValue,
                    field: "\(place).body",
                    reason: "a \(key.kind.rawValue) notice must carry {\(needed.rawValue)}"
                )
            }
        }
        for kind in NoticeKind.allCases {
            for channel in NoticeChannel.allCases where templates[Key(kind, channel, language: defaultLanguage)] == nil
            {
                throw ValidationError(
                    .missingValue,
                    field: "templates.\(defaultLanguage).\(kind.rawValue).\(channel.rawValue)",
                    reason: "the default language must word every notice on every channel"
                )
            }
        }
        for (language, names) in stateNames.sorted(by: { $0.key < $1.key }) {
            try Self.checkLanguage(language, field: "stateNames.\(language)")
            for (state, name) in names {
                try ServiceRequestDraft.checkText(name, field: "stateNames.\(language).\(state.rawValue)", limit: 64)
            }
        }
        try Self.checkNames(serviceTypeNames, field: "serviceTypeNames")
        try Self.checkNames(departmentNames, field: "departmentNames")
        self.defaultLanguage = defaultLanguage
        self.templates = templates
        self.stateNames = stateNames
        self.serviceTypeNames = serviceTypeNames
        self.departmentNames = departmentNames
    }

    private static func checkNames<Tag>(
        _ names: [String: [Identifier<Tag>: String]],
        field: String
    ) throws(ValidationError) {
        for (language, named) in names.sorted(by: { $0.key < $1.key }) {
            try checkLanguage(language, field: "\(field).\(language)")
            for (code, name) in named.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
                try ServiceRequestDraft.checkText(name, field: "\(field).\(language).\(code)", limit: 128)
            }
        }
    }

    /// The languages with at least one template.
    public var languages: Set<String> { Set(templates.keys.map(\.language)) }

    /// The template for `kind` on `channel` in `language`, or in the default language when
    /// `language` is `nil` or lacks it; `language` in the answer is the one used.
    public func template(
        _ kind: NoticeKind,
        on channel: NoticeChannel,
        in language: String?
    ) -> (template: NoticeTemplate, language: String) {
        if let language, let template = templates[Key(kind, channel, language: language)] {
            return (template, language)
        }
        // The initializer checked that the default language covers every kind and channel.
        let key = Key(kind, channel, language: defaultLanguage)
        return (templates[key] ?? Self.unreachable, defaultLanguage)
    }

    /// What residents reading `language` call `state`.
    public func name(of state: RequestState, in language: String) -> String {
        stateNames[language]?[state] ?? stateNames[defaultLanguage]?[state] ?? state.rawValue
    }

    /// What residents reading `language` call the service type `code`, if this catalog names it
    /// in that language.
    public func name(of code: ServiceTypeCode, in language: String) -> String? {
        serviceTypeNames[language]?[code]
    }

    /// What residents reading `language` call the department `id`, if this catalog names it in
    /// that language.
    public func name(of id: DepartmentID, in language: String) -> String? {
        departmentNames[language]?[id]
    }

    /// Stands in where the initializer's check makes a lookup certain.
    private static let unreachable = try! NoticeTemplate(body: "{ticket}")

    private static func order(_ a: Key, _ b: Key) -> Bool {
        (a.language, a.kind.rawValue, a.channel.rawValue) < (b.language, b.kind.rawValue, b.channel.rawValue)
    }

    private static func checkLanguage(_ code: String, field: String) throws(ValidationError) {
        try ServiceRequestDraft.checkText(code, field: field, limit: 35)
        guard code.unicodeScalars.allSatisfy({ $0.isASCII && ($0.properties.isAlphabetic || $0 == "-") }) else {
            throw ValidationError(
                .invalidValue,
                field: field,
                reason: "'\(code)' is not a language code (letters and hyphens, such as en or es-MX)"
            )
        }
    }
}
