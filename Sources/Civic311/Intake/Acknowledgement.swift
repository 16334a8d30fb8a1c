import Foundation

/// What the resident is told when a request is taken: the ticket, who will handle it and when it
/// is expected, so expectations are set at intake.
public struct Acknowledgement: Hashable, Sendable {
    public let ticket: TicketNumber
    public let serviceTypeName: String
    /// The department (or agency, or contractor) the request was routed to.
    public let department: DepartmentID
    public let departmentName: String
    /// The promised resolution date.
    public let expectedBy: Date
    /// The jurisdiction's time zone, for stating ``expectedBy`` in local time.
    public let timeZone: TimeZone
    /// Whether this acknowledges an earlier submission with the same client request ID.
    public let isRepeat: Bool

    /// The acknowledgement in words, for example "Your request for Pothole is ticket
    /// 02153-45296-01005. Transportation will handle it; expected by Thu, 26 Nov 2026 17:00 EST."
    public var message: String {
        var style = Date.FormatStyle(date: .abbreviated, time: .shortened)
        style.timeZone = timeZone
        return "Your request for \(serviceTypeName) is ticket \(ticket). \(departmentName) will handle it; "
            + "expected by \(expectedBy.formatted(style)) (\(timeZone.identifier))."
    }
}
