/// Whether a printed value shows the personal data it holds.
enum Disclosure: Sendable {
    /// Personal data and free text are replaced by ``RedactedField``: `description`,
    /// `debugDescription`, `dump` and `Mirror` of every domain value.
    case redacted
    /// Everything is shown: only through ``Unredacted``.
    case revealed

    /// `text` itself when revealed; the redaction marker otherwise.
    func text(_ text: String) -> Any { self == .revealed ? text : RedactedField() }

    /// An optional text: `nil` stays visible, so a reader can tell which fields were given.
    func text(_ text: String?) -> Any { text.map { self.text($0) } as Any }

    /// A nested value that redacts itself, or its unredacted form when revealed.
    func value<Value: PersonalDataPrinting>(_ value: Value) -> Any {
        self == .revealed ? Unredacted(value) : value
    }

    func value<Value: PersonalDataPrinting>(_ value: Value?) -> Any { value.map { self.value($0) } as Any }

    func values<Value: PersonalDataPrinting>(_ values: [Value]) -> Any {
        self == .revealed ? values.map(Unredacted.init) : values
    }
}

/// A value that keeps personal data and free text out of its printed forms, and shows them only
/// through ``Unredacted``.
///
/// Conforming types build their fields once, in ``fields(_:)``; `description`, `debugDescription`,
/// `customMirror` (so `dump`) and the unredacted form all come from it, so no printed form can
/// show what another hides.
protocol PersonalDataPrinting: Sendable {
    /// The value's fields, with personal data shown or replaced as `disclosure` says.
    func fields(_ disclosure: Disclosure) -> Mirror

    /// The one-line form; by default the rendering of ``fields(_:)``.
    func rendered(_ disclosure: Disclosure) -> String
}

extension PersonalDataPrinting {
    func rendered(_ disclosure: Disclosure) -> String { renderedFields(disclosure) }

    /// The one-line rendering of ``fields(_:)``, in the shape Swift uses for its own values:
    /// `Type(label: value, …)` for a structure, `Type.case(value)` for an enumeration with a
    /// payload (an enumeration with cases without one renders those itself).
    func renderedFields(_ disclosure: Disclosure) -> String {
        let mirror = fields(disclosure)
        let name = String(describing: mirror.subjectType)
        if mirror.displayStyle == .enum {
            guard let only = mirror.children.first, let label = only.label else { return name }
            return "\(name).\(label)(\(Self.renderedPayload(only.value)))"
        }
        let fields = mirror.children.map { "\($0.label ?? "_"): \(String(reflecting: $0.value))" }
        return "\(name)(\(fields.joined(separator: ", ")))"
    }

    /// An enumeration's payload: a labelled tuple is written as `label: value, …`.
    private static func renderedPayload(_ payload: Any) -> String {
        let mirror = Mirror(reflecting: payload)
        guard mirror.displayStyle == .tuple else { return String(reflecting: payload) }
        return mirror.children.map { child in
            let value = String(reflecting: child.value)
            guard let label = child.label, !label.hasPrefix(".") else { return value }
            return "\(label): \(value)"
        }.joined(separator: ", ")
    }
}

/// What printed values show in place of personal data and free text.
struct RedactedField: Sendable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    static let marker = "<redacted>"
    var description: String { Self.marker }
    var debugDescription: String { Self.marker }
    var customMirror: Mirror { Mirror(self, children: [], displayStyle: .struct) }
}
