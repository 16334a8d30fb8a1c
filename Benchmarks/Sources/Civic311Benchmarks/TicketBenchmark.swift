import Civic311
import Foundation

/// Ticket issue + parse/validate: the issue's figure is at least 10 million per second.
enum TicketBenchmark {
    static func run() throws {
        let count = 10_000_000
        let issuer = try TicketIssuer(node: 7)
        let start = Date(timeIntervalSince1970: 1_795_442_100)
        var checksum: UInt64 = 0
        // Issue one number per simulated 10 ms so the issuer runs its normal path, then render it
        // and parse it back strictly (check digit included).
        let issueSeconds = try Measurement.seconds {
            for index in 0..<count {
                let ticket = try issuer.issue(at: start.addingTimeInterval(Double(index) * 0.01))
                checksum &+= ticket.payload
            }
        }
        // The keypad form (15 digits) fits Swift's small-string storage, so it allocates nothing;
        // the grouped form (17 characters) needs a heap string, measured separately.
        let issuer2 = try TicketIssuer(node: 8)
        let roundTripSeconds = try Measurement.seconds {
            for index in 0..<count {
                let ticket = try issuer2.issue(at: start.addingTimeInterval(Double(index) * 0.01))
                let parsed = try TicketNumber(parsing: ticket.digits)
                checksum &+= parsed.payload
            }
        }
        let issuer3 = try TicketIssuer(node: 9)
        let groupedSeconds = try Measurement.seconds {
            for index in 0..<count {
                let ticket = try issuer3.issue(at: start.addingTimeInterval(Double(index) * 0.01))
                checksum &+= try TicketNumber(parsing: ticket.description).payload
            }
        }
        var texts: [String] = []
        texts.reserveCapacity(1_000_000)
        for index in 0..<1_000_000 {
            texts.append(try issuer.issue(at: start.addingTimeInterval(Double(count + index))).description)
        }
        let parseSeconds = try Measurement.seconds {
            for text in texts { checksum &+= try TicketNumber(parsing: text).payload }
        }
        Measurement.report("tickets: issue", Measurement.rate(count, issueSeconds))
        Measurement.report(
            "tickets: issue + format (digits) + parse/validate",
            Measurement.rate(count, roundTripSeconds),
            target: "≥ 10 million/s"
        )
        Measurement.report(
            "tickets: issue + format (grouped) + parse/validate",
            Measurement.rate(count, groupedSeconds)
        )
        Measurement.report("tickets: parse/validate alone", Measurement.rate(texts.count, parseSeconds))
        if checksum == 42 { print("") }  // keeps the work observable to the optimiser
    }
}
