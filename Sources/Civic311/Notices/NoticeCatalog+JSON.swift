import Foundation

extension NoticeCatalog {
    /// Loads a catalog from its JSON document: templates by language, kind and channel, and the
    /// state names by language.
    ///
    /// ```json
    /// { "defaultLanguage": "en",
    ///   "states": { "en": { "inProgress": "in progress" }, "es": { "inProgress": "en curso" } },
    ///   "serviceTypes": { "es": { "POTHOLE": "Bache" } },
    ///   "departments": { "es": { "DOT": "Transporte y Calles" } },
    ///   "notices": {
    ///     "en": { "closing": { "email": { "subject": "Ticket {ticket} is closed",
    ///                                     "body": "{note}" },
    ///                          "sms": { "body": "311: {ticket} closed. {note}" } } } } }
    /// ```
    ///
    /// Kinds are ``NoticeKind``'s names, channels ``NoticeChannel``'s, states ``RequestState``'s;
    /// `subject` may be left out. The rules are those of
    /// ``init(defaultLanguage:templates:stateNames:serviceTypeNames:departmentNames:)`` and ``NoticeTemplate/init(subject:body:)``.
    ///
    /// - Throws: ``ConfigurationError`` with every problem at its JSON path
    ///   (`$.notices.es.closing.sms.body`); nothing is loaded when there is any.
    public init(json data: Data) throws(ConfigurationError) {
        self = try JSONNode.load(data) { root -> NoticeCatalog? in
            guard root.expectObject() else { return nil }
            root.rejectUnknownKeys(["defaultLanguage", "states", "serviceTypes", "departments", "notices"])
            let defaultLanguage = root.string("defaultLanguage")
            var templates: [Key: NoticeTemplate] = [:]
            var complete = true
            for (language, kinds) in root.member("notices")?.sortedMembers ?? [] {
                for (kindName, channels) in kinds.sortedMembers ?? [] {
                    guard let kind = NoticeKind(rawValue: kindName) else {
                        kinds.issue(at: kindName, "no notice kind '\(kindName)'; one of \(Self.names(NoticeKind.self))")
                        complete = false
                        continue
                    }
                    for (channelName, node) in channels.sortedMembers ?? [] {
                        guard let channel = NoticeChannel(rawValue: channelName) else {
                            channels.issue(
                                at: channelName,
                                "no channel '\(channelName)'; one of \(Self.names(NoticeChannel.self))"
                            )
                            complete = false
                            continue
                        }
                        guard node.expectObject() else {
                            complete = false
                            continue
                        }
                        node.rejectUnknownKeys(["subject", "body"])
                        do throws(ValidationError) {
                            templates[Key(kind, channel, language: language)] = try NoticeTemplate(
                                subject: node.string("subject", required: false),
                                body: node.string("body") ?? ""
                            )
                        } catch {
                            node.issue(at: error.field, error.reason)
                            complete = false
                        }
                    }
                }
            }
            var stateNames: [String: [RequestState: String]] = [:]
            for (language, states) in root.member("states", required: false)?.sortedMembers ?? [] {
                for (stateName, node) in states.sortedMembers ?? [] {
                    guard let state = RequestState(rawValue: stateName) else {
                        states.issue(at: stateName, "no state '\(stateName)'; one of \(Self.names(RequestState.self))")
                        complete = false
                        continue
                    }
                    if let name = node.stringValue { stateNames[language, default: [:]][state] = name }
                }
            }
            let serviceTypeNames: [String: [ServiceTypeCode: String]] = Self.names(
                root.member("serviceTypes", required: false)
            )
            let departmentNames: [String: [DepartmentID: String]] = Self.names(
                root.member("departments", required: false)
            )
            guard complete, let defaultLanguage else { return nil }
            do throws(ValidationError) {
                return try NoticeCatalog(
                    defaultLanguage: defaultLanguage,
                    templates: templates,
                    stateNames: stateNames,
                    serviceTypeNames: serviceTypeNames,
                    departmentNames: departmentNames
                )
            } catch {
                // The initializer names the place as `templates.LANGUAGE.KIND.CHANNEL`; the
                // document keeps templates under `notices`.
                let field = error.field.hasPrefix("templates.") ? "notices." + error.field.dropFirst(10) : error.field
                root.log.add("$.\(field)", error.reason)
                return nil
            }
        }
    }

    private static func names<Named: CaseIterable & RawRepresentable>(_: Named.Type) -> String
    where Named.RawValue == String {
        Named.allCases.map(\.rawValue).joined(separator: ", ")
    }

    /// Names by language and code, as `{ "es": { "POTHOLE": "Bache" } }` writes them; a value
    /// that is not a string is reported at its path.
    private static func names<Tag>(_ node: JSONNode?) -> [String: [Identifier<Tag>: String]] {
        var names: [String: [Identifier<Tag>: String]] = [:]
        for (language, codes) in node?.sortedMembers ?? [] {
            for (code, value) in codes.sortedMembers ?? [] {
                guard let name = value.stringValue else {
                    codes.issue(at: code, "expected a name as a string")
                    continue
                }
                names[language, default: [:]][Identifier(code)] = name
            }
        }
        return names
    }
}
