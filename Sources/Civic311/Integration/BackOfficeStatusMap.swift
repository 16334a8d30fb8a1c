/// How the status codes of one department's back-office system (Cityworks, SAP…) translate into
/// the Civic311 lifecycle: each code the system sends names a ``Transition`` and the note the
/// resident reads.
///
/// A table is immutable and always valid: every code is usable and unique, every note can be
/// shown, and no entry can leave the resident without a note where the transition needs one.
/// Build one in code with ``init(system:entries:)``, or from its JSON document with
/// ``init(json:)``, and write it back with ``jsonData()``.
///
/// ``entry(for:)`` finds a code's entry in constant time; codes compare as Swift strings do:
/// case-sensitive, with canonically equivalent Unicode equal.
public struct BackOfficeStatusMap: Sendable {
    /// What one back-office status code means for a request.
    public struct Entry: Hashable, Sendable {
        /// The back office's status code, for example `"WO_COMPLETE"`; matched exactly.
        public let code: String
        /// The lifecycle move the code stands for.
        public let transition: Transition
        /// The text the resident reads, or `nil`: then the update's own note is required where the
        /// transition needs one.
        public let publicNote: String?
        /// Whether the note the back office sends, when not blank, is what the resident reads;
        /// ``publicNote`` is then the fallback. `false` means the resident always reads
        /// ``publicNote``, for back offices whose notes are written for crews, not residents.
        public let usesBackOfficeNote: Bool

        /// Validates an entry. Problems are named after the keys of the JSON document: `code`,
        /// `closeReason`, `reasonCode` and `publicNote`.
        ///
        /// - Throws: ``ValidationError`` for the first problem found:
        ///   ``ValidationError/Code/missingValue`` for a blank `code`, a blank `reasonCode` of
        ///   ``Closure/Reason/closedWithoutAction(code:)``, a blank `publicNote`, or a `publicNote`
        ///   left out where the transition needs a note and `usesBackOfficeNote` is `false` (the
        ///   resident would read nothing); ``ValidationError/Code/tooLong`` for a code or reason code
        ///   over 64 bytes or a note over ``ServiceRequestDraft/maximumTextBytes``;
        ///   ``ValidationError/Code/invalidValue`` for a code that begins or ends with white space,
        ///   or for closing as ``Closure/Reason/duplicate(of:)``, ``Closure/Reason/referred(to:)`` or
        ///   ``Closure/Reason/cancelledByResident`` (field `closeReason`), which a back office
        ///   cannot claim through a status code.
        public init(
            code: String,
            transition: Transition,
            publicNote: String? = nil,
            usesBackOfficeNote: Bool = true
        ) throws(ValidationError) {
            let problems = Self.problems(
                code: code,
                transition: transition,
                publicNote: publicNote,
                usesBackOfficeNote: usesBackOfficeNote
            )
            if let first = problems.first { throw first }
            self.init(
                checkedCode: code,
                transition: transition,
                publicNote: publicNote,
                usesBackOfficeNote: usesBackOfficeNote
            )
        }

        /// Builds an entry whose values passed `problems(code:transition:publicNote:usesBackOfficeNote:)`.
        init(checkedCode code: String, transition: Transition, publicNote: String?, usesBackOfficeNote: Bool) {
            self.code = code
            self.transition = transition
            self.publicNote = publicNote
            self.usesBackOfficeNote = usesBackOfficeNote
        }
    }

    /// The lifecycle move a status code stands for; each is the department operation of the same
    /// name on ``ServiceCenter``, except ``note``.
    public enum Transition: Hashable, Sendable {
        /// The department takes ownership of the request.
        case accept
        /// Work starts.
        case start
        /// Work resumes after a hold.
        case resume
        /// The request waits on the resident; the note says what is needed from them.
        case putOnHold
        /// The work is done; the note says what was done.
        case resolve
        /// The request is closed for this reason; only ``Closure/Reason/completed`` and
        /// ``Closure/Reason/closedWithoutAction(code:)`` are allowed in a table.
        case close(Closure.Reason)
        /// The department says the request is not theirs; the note gives the reason.
        case returnAsNotOurs
        /// A public note for the resident, the state unchanged.
        case note

        /// Whether the move needs a note for the resident, as its ``ServiceCenter`` operation does.
        public var needsNote: Bool {
            switch self {
            case .accept, .start, .resume: false
            case .putOnHold, .resolve, .close, .returnAsNotOurs, .note: true
            }
        }

        /// The transition's name in the JSON document and in messages.
        var name: String {
            switch self {
            case .accept: "accept"
            case .start: "start"
            case .resume: "resume"
            case .putOnHold: "putOnHold"
            case .resolve: "resolve"
            case .close: "close"
            case .returnAsNotOurs: "returnAsNotOurs"
            case .note: "note"
            }
        }
    }

    /// The back-office system the table is for, for example `"cityworks"`: the same name as the
    /// ``ExternalReference/system`` of the references it issues.
    public let system: String
    /// The entries, in the order given.
    public let entries: [Entry]
    /// Each code's position in ``entries``.
    private let positions: [String: Int]

    /// Validates a table.
    ///
    /// - Throws: ``ValidationError`` for the first problem found:
    ///   ``ValidationError/Code/missingValue`` (field `system`) for a blank system,
    ///   ``ValidationError/Code/tooLong`` for one over 64 bytes (the limit of
    ///   ``ExternalReference/system``), or ``ValidationError/Code/duplicate`` for a code that an
    ///   earlier entry already has (field `entries[3].code`, naming the later one).
    public init(system: String, entries: [Entry]) throws(ValidationError) {
        if let problem = Self.systemProblem(system) { throw problem }
        var positions: [String: Int] = [:]
        for (position, entry) in entries.enumerated() {
            if let problem = Self.claim(entry.code, at: position, list: "entries", in: &positions) { throw problem }
        }
        self.init(checkedSystem: system, entries: entries, positions: positions)
    }

    /// Builds a table whose values passed the checks; `positions` maps every code to its entry.
    init(checkedSystem system: String, entries: [Entry], positions: [String: Int]) {
        self.system = system
        self.entries = entries
        self.positions = positions
    }

    /// The entry for a status code, or `nil` when the table does not map it.
    public func entry(for code: String) -> Entry? {
        positions[code].map { entries[$0] }
    }
}

extension BackOfficeStatusMap: Hashable {
    /// Two tables are equal when they are for the same system and hold the same entries in the
    /// same order.
    public static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.system == rhs.system && lhs.entries == rhs.entries
    }

    /// Hashes the system and the entries, the values `==` compares.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(system)
        hasher.combine(entries)
    }
}

// The rules, as functions that return problems rather than throw, so that the JSON loader can
// report every problem of a document while the initializers throw the first.
extension BackOfficeStatusMap {
    /// The longest system name, code or reason code, in UTF-8 bytes: the limit of
    /// ``ExternalReference/system`` and of closing reason codes.
    static var maximumCodeBytes: Int { 64 }

    static func systemProblem(_ system: String) -> ValidationError? {
        textProblem(system, field: "system", limit: maximumCodeBytes)
    }

    /// Records `code` at `position` in `positions`, or returns the duplicate it would be; `list`
    /// names the list in the field (`entries`, or `statuses` in a document).
    static func claim(
        _ code: String,
        at position: Int,
        list: String,
        in positions: inout [String: Int]
    ) -> ValidationError? {
        if let first = positions[code] {
            return ValidationError(
                .duplicate,
                field: "\(list)[\(position)].code",
                reason: "duplicate status code '\(code)', already at \(list)[\(first)]"
            )
        }
        positions[code] = position
        return nil
    }

    /// Non-blank text within `limit` UTF-8 bytes, the check every text of a request gets.
    static func textProblem(_ text: String, field: String, limit: Int) -> ValidationError? {
        do {
            try ServiceRequestDraft.checkText(text, field: field, limit: limit)
            return nil
        } catch {
            return error
        }
    }
}

extension BackOfficeStatusMap.Entry {
    /// Every problem with an entry's values, in the order of the document's keys; a `nil` code or
    /// transition is left unchecked (the JSON loader has already reported it).
    static func problems(
        code: String?,
        transition: BackOfficeStatusMap.Transition?,
        publicNote: String?,
        usesBackOfficeNote: Bool
    ) -> [ValidationError] {
        var problems: [ValidationError] = []
        if let code {
            if let problem = BackOfficeStatusMap.textProblem(
                code,
                field: "code",
                limit: BackOfficeStatusMap.maximumCodeBytes
            ) {
                problems.append(problem)
            } else if code.first?.isWhitespace == true || code.last?.isWhitespace == true {
                // Matched exactly, a padded code would never meet the code the system sends.
                problems.append(
                    ValidationError(.invalidValue, field: "code", reason: "must not begin or end with white space")
                )
            }
        }
        if case .close(let reason)? = transition {
            switch reason {
            case .completed:
                break
            case .closedWithoutAction(let reasonCode):
                if let problem = BackOfficeStatusMap.textProblem(
                    reasonCode,
                    field: "reasonCode",
                    limit: BackOfficeStatusMap.maximumCodeBytes
                ) {
                    problems.append(problem)
                }
            case .duplicate, .referred, .cancelledByResident:
                // Each names something a status code cannot carry (the original ticket, the
                // agency) or an act of the resident, not of the department.
                problems.append(
                    ValidationError(
                        .invalidValue,
                        field: "closeReason",
                        reason: "a back office cannot close as a duplicate, a referral or a cancellation; "
                            + "expected completed or closedWithoutAction"
                    )
                )
            }
        }
        if let publicNote {
            if let problem = BackOfficeStatusMap.textProblem(
                publicNote,
                field: "publicNote",
                limit: ServiceRequestDraft.maximumTextBytes
            ) {
                problems.append(problem)
            }
        } else if let transition, transition.needsNote, !usesBackOfficeNote {
            problems.append(
                ValidationError(
                    .missingValue,
                    field: "publicNote",
                    reason: "\(transition.name) needs a note for the resident and usesBackOfficeNote is false; "
                        + "give a publicNote"
                )
            )
        }
        return problems
    }
}
