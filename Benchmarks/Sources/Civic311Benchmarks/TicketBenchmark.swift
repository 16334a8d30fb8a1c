import Civic311
import Foundation

/// Ticket issue + parse/validate in both written forms: the issue's figure is at least 10 million
/// per second for each. The same-run baseline is issuing alone, which every round trip includes.
enum TicketBenchmark {
    static let runs = 5

    static func run() throws {
        let count = 2_000_000
        let start = Date(timeIntervalSince1970: 1_795_442_100)
        var checksum: UInt64 = 0
        // One issuer per loop and run, each issuing one number per simulated 10 ms, so every
        // issuer takes its normal path (a new second every 100 numbers).
        var node = 0
        func issuer() throws -> TicketIssuer {
            node = (node + 1) % 100
            return try TicketIssuer(node: node)
        }
        var texts: [String] = []
        texts.reserveCapacity(500_000)
        let textIssuer = try issuer()
        for index in 0..<500_000 {
            texts.append(try textIssuer.issue(at: start.addingTimeInterval(Double(count + index))).description)
        }
        let times = try Measurement.interleaved(
            runs: runs,
            [
                {
                    let issuer = try issuer()
                    for index in 0..<count {
                        checksum &+= try issuer.issue(at: start.addingTimeInterval(Double(index) * 0.01)).payload
                    }
                },
                {
                    // The keypad form (15 digits) fits Swift's small-string storage: no allocation.
                    let issuer = try issuer()
                    for index in 0..<count {
                        let ticket = try issuer.issue(at: start.addingTimeInterval(Double(index) * 0.01))
                        checksum &+= try TicketNumber(parsing: ticket.digits).payload
                    }
                },
                {
                    // The grouped form users see (17 characters) needs a heap string.
                    let issuer = try issuer()
                    for index in 0..<count {
                        let ticket = try issuer.issue(at: start.addingTimeInterval(Double(index) * 0.01))
                        checksum &+= try TicketNumber(parsing: ticket.description).payload
                    }
                },
                {
                    for text in texts { checksum &+= try TicketNumber(parsing: text).payload }
                },
            ]
        )
        Measurement.report("tickets: issue (baseline)", Measurement.spread(count, times[0]))
        Measurement.report(
            "tickets: issue + format (digits) + parse/validate",
            Measurement.spread(count, times[1]),
            target: "≥ 10 million/s"
        )
        Measurement.report(
            "tickets: issue + format (grouped) + parse/validate",
            Measurement.spread(count, times[2]),
            target: "≥ 10 million/s"
        )
        Measurement.report("tickets: parse/validate grouped text alone", Measurement.spread(texts.count, times[3]))
        Floor.rate("tickets: digits round trip", Floor.medianRate(count, times[1]), target: 10_000_000)
        Floor.rate("tickets: grouped round trip", Floor.medianRate(count, times[2]), target: 10_000_000)
        print("  " + Measurement.ratio("digits round trip", times[1], per: count, "issue", times[0], per: count))
        print("  " + Measurement.ratio("grouped round trip", times[2], per: count, "issue", times[0], per: count))
        print("  \(runs) runs each, interleaved; \(Measurement.load())")
        if checksum == 42 { print("") }  // keeps the work observable to the optimiser
    }
}
