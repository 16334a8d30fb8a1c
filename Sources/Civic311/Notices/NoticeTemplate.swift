/// The wording of one notice, with the values it carries named in braces:
/// `"Ticket {ticket} is {status}.[ {department} says: {note}]"`.
///
/// Square brackets make a section that is left out when a field in it is empty, so a change that
/// came without a note does not leave "says:" hanging. `{{`, `}}`, `[[` and `]]` write the
/// character itself. A template is read once, when it is made, into text, fields and sections, so
/// writing a notice only joins them (``render(_:)``); a brace that opens no known field is refused
/// then, not when a resident would have read it.
public struct NoticeTemplate: Hashable, Sendable {
    /// The subject line (e-mail, push title); `nil` for channels without one.
    public let subject: String?
    public let body: String

    private let subjectParts: [Part]?
    private let bodyParts: [Part]

    private indirect enum Part: Hashable, Sendable {
        case text(String)
        case field(NoticeField)
        /// Left out when one of its fields is empty.
        case section([Part])
    }

    /// - Throws: ``ValidationError`` naming `subject` or `body`: blank, longer than 4,000 bytes, an
    ///   unknown field (`{name}` names none of ``NoticeField``), a brace or bracket left open or
    ///   closed alone, or a section inside a section.
    public init(subject: String? = nil, body: String) throws(ValidationError) {
        if let subject {
            subjectParts = try Self.parts(of: subject, field: "subject")
        } else {
            subjectParts = nil
        }
        bodyParts = try Self.parts(of: body, field: "body")
        self.subject = subject
        self.body = body
    }

    /// The fields the body names, in order.
    public var bodyFields: [NoticeField] { Self.fields(in: bodyParts) }

    private static func fields(in parts: [Part]) -> [NoticeField] {
        parts.flatMap { part -> [NoticeField] in
            switch part {
            case .text: []
            case .field(let field): [field]
            case .section(let inner): fields(in: inner)
            }
        }
    }

    /// The notice's subject and body with `values` in place of the fields.
    public func render(_ values: NoticeValues) -> (subject: String?, body: String) {
        (subjectParts.map { Self.join($0, values) }, Self.join(bodyParts, values))
    }

    private static func join(_ parts: [Part], _ values: NoticeValues) -> String {
        var text = ""
        text.reserveCapacity(length(of: parts, values))
        append(parts, values, to: &text)
        // A section left out at the end may leave a space behind.
        while text.last?.isWhitespace == true { text.removeLast() }
        return text
    }

    private static func length(of parts: [Part], _ values: NoticeValues) -> Int {
        var length = 0
        for part in parts {
            switch part {
            case .text(let text): length += text.utf8.count
            case .field(let field): length += values[field].utf8.count
            case .section(let inner): length += Self.length(of: inner, values)
            }
        }
        return length
    }

    private static func append(_ parts: [Part], _ values: NoticeValues, to text: inout String) {
        for part in parts {
            switch part {
            case .text(let literal): text += literal
            case .field(let field): text += values[field]
            case .section(let inner):
                if fields(in: inner).allSatisfy({ !values[$0].isEmpty }) { append(inner, values, to: &text) }
            }
        }
    }

    private static func parts(of source: String, field: String) throws(ValidationError) -> [Part] {
        try ServiceRequestDraft.checkText(source, field: field, limit: 4_000)
        var parts: [Part] = []
        /// The parts of the section being read, while one is open.
        var section: [Part]?
        var literal = ""
        var index = source.startIndex
        func refuse(_ reason: String) -> ValidationError {
            let offset = source.distance(from: source.startIndex, to: index)
            return ValidationError(.invalidValue, field: field, reason: "\(reason) at character \(offset)")
        }
        func add(_ part: Part) {
            if section != nil { section?.append(part) } else { parts.append(part) }
        }
        func flush() {
            if !literal.isEmpty { add(.text(literal)) }
            literal = ""
        }
        while index < source.endIndex {
            let character = source[index]
            let next = source.index(after: index)
            if "{}[]".contains(character), next < source.endIndex, source[next] == character {
                literal.append(character)
                index = source.index(after: next)
                continue
            }
            switch character {
            case "{":
                guard let close = source[next...].firstIndex(of: "}") else { throw refuse("a '{' is never closed") }
                let name = String(source[next..<close])
                guard let named = NoticeField(rawValue: name) else {
                    let known = NoticeField.allCases.map { "{\($0.rawValue)}" }.joined(separator: ", ")
                    throw refuse("'{\(name)}' is no field (known: \(known); write '{{' for a brace)")
                }
                flush()
                add(.field(named))
                index = source.index(after: close)
                continue
            case "}":
                throw refuse("a '}' closes nothing (write '}}' for a brace)")
            case "[":
                guard section == nil else { throw refuse("a section cannot hold another (write '[[' for a bracket)") }
                flush()
                section = []
            case "]":
                guard let inner = section else { throw refuse("a ']' closes no section (write ']]' for a bracket)") }
                flush()
                section = nil
                parts.append(.section(inner))
            default:
                literal.append(character)
            }
            index = next
        }
        if section != nil { throw refuse("a '[' is never closed") }
        flush()
        return parts
    }
}
