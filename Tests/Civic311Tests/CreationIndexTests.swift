import Foundation
import Testing

@_spi(Benchmarks) @testable import Civic311

/// The creation index against a filter over the same requests, with ranges that are empty,
/// reversed, open on either side or bounded by an instant that is not a number, and requests
/// created at one instant.
@Suite struct CreationIndexTests {
    @Test(arguments: [4, 5] as [UInt64])
    func rangesCountAndListWhatAFilterFinds(seed: UInt64) throws {
        var random = SplitMix64(seed: seed)
        var index = CreationIndex()
        var filed: [(ticket: TicketNumber, createdAt: Date)] = []
        let start = Date(timeIntervalSince1970: 1_795_442_100)
        let nan = Date(timeIntervalSinceReferenceDate: .nan)
        for number in 1...3_000 {
            let ticket = try TicketNumber(day: 2_000, secondOfDay: number, node: 1, sequence: 0)
            // Few distinct instants, so ties broken by ticket are common; a few not-a-number ones.
            let createdAt =
                Int.random(in: 0..<100, using: &random) == 0
                ? nan : start.addingTimeInterval(Double(Int.random(in: 0..<400, using: &random)) * 60)
            index.file(ticket, createdAt: createdAt)
            filed.append((ticket, createdAt))
        }
        func bound() -> Date? {
            switch Int.random(in: 0..<6, using: &random) {
            case 0: nil
            case 1: nan
            default: start.addingTimeInterval(Double(Int.random(in: -10..<410, using: &random)) * 60)
            }
        }
        for _ in 0..<300 {
            let (from, before) = (bound(), bound())
            let expected = filed.filter { entry in
                !(from.map { entry.createdAt < $0 } ?? false) && !(before.map { entry.createdAt >= $0 } ?? false)
            }
            // Printed as numbers: a date that is not a number traps in its description.
            let range =
                "\(String(describing: from?.timeIntervalSinceReferenceDate))..<\(String(describing: before?.timeIntervalSinceReferenceDate))"
            #expect(index.count(from: from, before: before) == expected.count, "\(range)")
            #expect(Set(index.tickets(from: from, before: before)) == Set(expected.map(\.ticket)))
        }
    }
}
