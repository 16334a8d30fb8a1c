import Foundation

extension BackOfficeStatusMap {
    /// Loads a status-mapping table from its JSON document.
    ///
    /// ```json
    /// { "system": "cityworks",
    ///   "statuses": [
    ///     { "code": "WO_ASSIGNED", "transition": "accept" },
    ///     { "code": "WO_COMPLETE", "transition": "resolve", "publicNote": "The crew finished the work." },
    ///     { "code": "NO_DEFECT", "transition": "close", "closeReason": "closedWithoutAction",
    ///       "reasonCode": "NO_DEFECT_FOUND", "publicNote": "An inspector found no defect.",
    ///       "usesBackOfficeNote": false } ] }
    /// ```
    ///
    /// `transition` is one of `accept`, `start`, `resume`, `putOnHold`, `resolve`, `close`,
    /// `returnAsNotOurs` and `note`. A `close` needs a `closeReason`, `completed` or
    /// `closedWithoutAction`, and the latter a `reasonCode`; neither key is allowed elsewhere.
    /// `publicNote` may be left out, and `usesBackOfficeNote` is `true` when left out. The rules
    /// are those of ``init(system:entries:)`` and ``Entry/init(code:transition:publicNote:usesBackOfficeNote:)``.
    ///
    /// - Throws: ``ConfigurationError`` with every problem at its JSON path
    ///   (`$.statuses[2].transition`, `$.statuses[3].code` for a duplicate); nothing is loaded
    ///   when there is any.
    public init(json data: Data) throws(ConfigurationError) {
        self = try JSONNode.load(data) { root -> BackOfficeStatusMap? in
            guard root.expectObject() else { return nil }
            root.rejectUnknownKeys(["system", "statuses"])
            let system = root.member("system")?.stringValue
            if let system, let problem = Self.systemProblem(system) { root.issue(at: "system", problem.reason) }
            guard let nodes = root.array("statuses") else { return nil }
            var positions: [String: Int] = [:]
            var entries: [Entry] = []
            for (position, node) in nodes.enumerated() {
                let (code, entry) = Entry.read(node)
                // Codes of entries with other problems count too, so one run reports every duplicate.
                if let code, let problem = Self.claim(code, at: position, list: "statuses", in: &positions) {
                    root.log.add("$.\(problem.field)", problem.reason)
                }
                if let entry { entries.append(entry) }
            }
            guard let system, entries.count == nodes.count else { return nil }
            return BackOfficeStatusMap(checkedSystem: system, entries: entries, positions: positions)
        }
    }

    /// The table as its JSON document, which ``init(json:)`` reads back to an equal value.
    ///
    /// Keys are sorted and every entry writes `usesBackOfficeNote`, so the document says what each
    /// code does without the reader knowing the default.
    public func jsonData() -> Data {
        struct Status: Encodable {
            let code: String
            let transition: String
            let closeReason: String?
            let reasonCode: String?
            let publicNote: String?
            let usesBackOfficeNote: Bool
        }
        struct Document: Encodable {
            let system: String
            let statuses: [Status]
        }
        let statuses = entries.map { entry in
            var closeReason: String?
            var reasonCode: String?
            if case .close(let reason) = entry.transition {
                switch reason {
                case .completed:
                    closeReason = "completed"
                case .closedWithoutAction(let code):
                    closeReason = "closedWithoutAction"
                    reasonCode = code
                case .duplicate, .referred, .cancelledByResident:
                    break  // refused by validation: no table holds them
                }
            }
            return Status(
                code: entry.code,
                transition: entry.transition.name,
                closeReason: closeReason,
                reasonCode: reasonCode,
                publicNote: entry.publicNote,
                usesBackOfficeNote: entry.usesBackOfficeNote
            )
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // Encoding strings and booleans cannot fail.
        return (try? encoder.encode(Document(system: system, statuses: statuses))) ?? Data()
    }
}

extension BackOfficeStatusMap.Entry {
    /// Reads one entry of a status-mapping document, logging every problem at its path; returns
    /// the code when it is a string (for the duplicate check) and the entry when it has no problem.
    static func read(_ node: JSONNode) -> (code: String?, entry: Self?) {
        guard node.expectObject() else { return (nil, nil) }
        let issuesBefore = node.log.issues.count
        node.rejectUnknownKeys(["code", "transition", "closeReason", "reasonCode", "publicNote", "usesBackOfficeNote"])
        let code = node.member("code")?.stringValue
        let transition = readTransition(node)
        let publicNote = node.member("publicNote", required: false)?.stringValue
        let usesBackOfficeNote = node.bool("usesBackOfficeNote", required: false) ?? true
        for problem in problems(
            code: code,
            transition: transition,
            publicNote: publicNote,
            usesBackOfficeNote: usesBackOfficeNote
        ) {
            node.issue(at: problem.field, problem.reason)
        }
        guard let code, let transition, node.log.issues.count == issuesBefore else { return (code, nil) }
        let entry = Self(
            checkedCode: code,
            transition: transition,
            publicNote: publicNote,
            usesBackOfficeNote: usesBackOfficeNote
        )
        return (code, entry)
    }

    private static let transitionNames = "accept, start, resume, putOnHold, resolve, close, returnAsNotOurs or note"

    /// The entry's transition, checking `closeReason` and `reasonCode` with it.
    ///
    /// A close whose reason is missing or refused comes back as a completed close: the note rule is
    /// the same for every close reason, so the entry's note is still checked, and the logged issue
    /// keeps the entry from being loaded.
    private static func readTransition(_ node: JSONNode) -> BackOfficeStatusMap.Transition? {
        guard let name = node.member("transition")?.stringValue else { return nil }
        let transition: BackOfficeStatusMap.Transition
        switch name {
        case "accept": transition = .accept
        case "start": transition = .start
        case "resume": transition = .resume
        case "putOnHold": transition = .putOnHold
        case "resolve": transition = .resolve
        case "returnAsNotOurs": transition = .returnAsNotOurs
        case "note": transition = .note
        case "close": return readClose(node)
        default:
            node.issue(at: "transition", "unknown transition '\(name)'; expected \(transitionNames)")
            return nil
        }
        for key in ["closeReason", "reasonCode"] where node.has(key) {
            node.issue(at: key, "only allowed with transition close")
        }
        return transition
    }

    private static func readClose(_ node: JSONNode) -> BackOfficeStatusMap.Transition {
        guard let reason = node.member("closeReason")?.stringValue else { return .close(.completed) }
        switch reason {
        case "completed":
            if node.has("reasonCode") {
                node.issue(at: "reasonCode", "only allowed with closeReason closedWithoutAction")
            }
        case "closedWithoutAction":
            // A blank code is reported by the entry's rules, as for an entry built in code.
            if let code = node.member("reasonCode")?.stringValue { return .close(.closedWithoutAction(code: code)) }
        case "duplicate", "referred", "cancelledByResident":
            node.issue(
                at: "closeReason",
                "a back office cannot close as \(reason); expected completed or closedWithoutAction"
            )
        default:
            node.issue(at: "closeReason", "unknown close reason '\(reason)'; expected completed or closedWithoutAction")
        }
        return .close(.completed)
    }
}
