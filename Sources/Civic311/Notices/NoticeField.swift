/// A value a ``NoticeTemplate`` names in braces, `{ticket}`.
public enum NoticeField: String, Hashable, Sendable, CaseIterable {
    /// The universal ticket number, grouped (`02518-46980-01001`).
    case ticket
    /// The service type's name.
    case serviceType
    /// The department that holds the request when the notice is written.
    case department
    /// The promised resolution date, in the jurisdiction's time zone and the notice's language.
    case expectedBy
    /// The request's state, in the notice's language.
    case status
    /// The note that came with the change: what was done, what is needed, why it moved. Empty when
    /// the change carries none.
    case note
}

/// The values a notice is written with, one per ``NoticeField``, already in the notice's language.
public struct NoticeValues: Hashable, Sendable {
    public var ticket: String
    public var serviceType: String
    public var department: String
    public var expectedBy: String
    public var status: String
    public var note: String

    public init(
        ticket: String,
        serviceType: String,
        department: String,
        expectedBy: String,
        status: String,
        note: String
    ) {
        self.ticket = ticket
        self.serviceType = serviceType
        self.department = department
        self.expectedBy = expectedBy
        self.status = status
        self.note = note
    }

    public subscript(field: NoticeField) -> String {
        switch field {
        case .ticket: ticket
        case .serviceType: serviceType
        case .department: department
        case .expectedBy: expectedBy
        case .status: status
        case .note: note
        }
    }
}
