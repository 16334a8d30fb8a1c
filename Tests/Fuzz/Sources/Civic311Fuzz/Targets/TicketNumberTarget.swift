import Civic311
import Foundation

extension FuzzTarget {
    /// Ticket numbers as residents type them: a parsed number prints and parses back to itself, in
    /// both written forms, and a refused text gets an error with a reason.
    static let ticketNumber = FuzzTarget(name: "ticket-number") { data in
        let text = String(decoding: data, as: UTF8.self)
        let ticket: TicketNumber
        do throws(TicketNumberError) {
            ticket = try TicketNumber(parsing: text)
        } catch {
            PropertyCheck.expect(!error.message.isEmpty, "a refused ticket number says why", text)
            PropertyCheck.expect(TicketNumber(text) == nil, "the failable initializer agrees with parsing", text)
            return
        }
        let grouped = ticket.description
        let digits = grouped.filter(\.isNumber)
        PropertyCheck.expect(digits.count == 15 && grouped.count == 17, "a ticket prints as DDDDD-TTTTT-NNQQC", grouped)
        PropertyCheck.expect(
            text.filter(\.isNumber) == digits,
            "a ticket prints the digits it was parsed from",
            "\(text) -> \(grouped)"
        )
        for form in [grouped, digits, grouped.replacingOccurrences(of: "-", with: " ")] {
            PropertyCheck.expect(
                (try? TicketNumber(parsing: form)) == ticket,
                "a printed ticket parses back to itself",
                "\(text) -> \(form)"
            )
        }
        let rebuilt = try? TicketNumber(
            day: ticket.day,
            secondOfDay: ticket.secondOfDay,
            node: ticket.node,
            sequence: ticket.sequence
        )
        PropertyCheck.expect(rebuilt == ticket, "a ticket's parts build the same ticket", grouped)
    }
}
