@_spi(Benchmarks) import Civic311
import Foundation
import Testing

@Suite struct TicketNumberTests {
    private typealias Generator = FoundationFixtures.SplitMix64

    /// A valid ticket number with components drawn from `generator`.
    private static func randomTicket(_ generator: inout Generator) throws -> TicketNumber {
        try TicketNumber(
            day: Int.random(in: 0...TicketNumber.maximumDay, using: &generator),
            secondOfDay: Int.random(in: 0..<86_400, using: &generator),
            node: Int.random(in: 0...TicketNumber.maximumNode, using: &generator),
            sequence: Int.random(in: 0..<TicketNumber.sequencesPerSecond, using: &generator)
        )
    }

    private static func padded(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return String(repeating: "0", count: width - text.count) + text
    }

    /// Parses `text` and returns the error code, or `nil` when it parsed.
    private static func failure(parsing text: String) -> TicketNumberError.Code? {
        do {
            _ = try TicketNumber(parsing: text)
            return nil
        } catch {
            return error.code
        }
    }

    // MARK: Format and parse

    @Test func knownCheckDigit() throws {
        // The textbook Damm example: 572 has check digit 4; leading zeros leave the interim at 0.
        let ticket = try TicketNumber(day: 0, secondOfDay: 0, node: 5, sequence: 72)
        #expect(ticket.payload == 572)
        #expect(ticket.checkDigit == 4)
        #expect(ticket.description == "00000-00000-05724")
        #expect(ticket.digits == "000000000005724")
    }

    @Test func checkDigitMatchesTextbookDammOverAllDigits() throws {
        // Damm (2004), one digit at a time, written here independently of the library's two-digit
        // table: over all fifteen digits of a valid number the interim must end at zero.
        let quasigroup: [[Int]] = [
            [0, 3, 1, 7, 5, 9, 8, 6, 4, 2], [7, 0, 9, 2, 1, 5, 4, 8, 6, 3],
            [4, 2, 0, 6, 8, 7, 1, 3, 5, 9], [1, 7, 5, 0, 9, 8, 3, 4, 2, 6],
            [6, 1, 2, 3, 0, 4, 5, 9, 7, 8], [3, 6, 7, 4, 2, 0, 9, 5, 8, 1],
            [5, 8, 6, 9, 7, 2, 0, 1, 3, 4], [8, 9, 4, 5, 3, 6, 2, 0, 1, 7],
            [9, 4, 3, 8, 6, 1, 7, 2, 0, 5], [2, 5, 8, 1, 4, 3, 6, 7, 9, 0],
        ]
        var generator = Generator(seed: 0xDA33)
        var failures: [String] = []
        for _ in 0..<5_000 {
            let ticket = try Self.randomTicket(&generator)
            let interim = ticket.digits.utf8.reduce(0) { quasigroup[$0][Int($1 - UInt8(ascii: "0"))] }
            if interim != 0 { failures.append(ticket.digits) }
        }
        #expect(failures.isEmpty, "first: \(failures.prefix(3))")
    }

    @Test func formatsComponentsInGroups() throws {
        let ticket = try TicketNumber(day: 2_153, secondOfDay: 45_296, node: 1, sequence: 7)
        #expect(ticket.day == 2_153)
        #expect(ticket.secondOfDay == 45_296)
        #expect(ticket.node == 1)
        #expect(ticket.sequence == 7)
        #expect(ticket.description.hasPrefix("02153-45296-0107"))
        #expect(ticket.description.count == 17)
        #expect(ticket.issuedAt == TicketNumber.epoch.addingTimeInterval(2_153 * 86_400 + 45_296))
    }

    @Test func roundTripsEveryWrittenForm() throws {
        var generator = Generator(seed: 0x7111)
        var mismatches: [String] = []
        for _ in 0..<2_000 {
            let ticket = try Self.randomTicket(&generator)
            let expected =
                Self.padded(ticket.day, 5) + "-" + Self.padded(ticket.secondOfDay, 5) + "-"
                + Self.padded(ticket.node, 2) + Self.padded(ticket.sequence, 2) + String(ticket.checkDigit)
            let spaced = ticket.description.replacingOccurrences(of: "-", with: " ")
            let parsed = [
                try TicketNumber(parsing: ticket.description), try TicketNumber(parsing: ticket.digits),
                try TicketNumber(parsing: spaced), TicketNumber(ticket.description),
            ]
            if ticket.description != expected || parsed.contains(where: { $0 != ticket })
                || ticket.digits != ticket.description.replacingOccurrences(of: "-", with: "")
            {
                mismatches.append("\(ticket.description) expected \(expected)")
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.count) mismatches, first: \(mismatches.prefix(3))")
    }

    @Test func extremesRoundTrip() throws {
        let lowest = try TicketNumber(day: 0, secondOfDay: 0, node: 0, sequence: 0)
        let highest = try TicketNumber(day: 99_999, secondOfDay: 86_399, node: 99, sequence: 99)
        #expect(lowest.description == "00000-00000-00000")
        #expect(highest.description.hasPrefix("99999-86399-9999"))
        #expect(try TicketNumber(parsing: highest.digits) == highest)
        #expect(lowest < highest)
    }

    @Test(arguments: [
        (100_000, 0, 0, 0), (-1, 0, 0, 0), (0, 86_400, 0, 0), (0, -1, 0, 0), (0, 0, 100, 0), (0, 0, -1, 0),
        (0, 0, 0, 100), (0, 0, 0, -1),
    ])
    func componentsOutsideTheirRangeAreRejected(day: Int, second: Int, node: Int, sequence: Int) {
        let error = #expect(throws: TicketNumberError.self) {
            try TicketNumber(day: day, secondOfDay: second, node: node, sequence: sequence)
        }
        #expect(error?.code == .fieldOutOfRange)
    }

    // MARK: Strict parsing

    @Test func wrongLengthIsRejected() throws {
        let valid = try TicketNumber(day: 2_153, secondOfDay: 45_296, node: 1, sequence: 7)
        for text in [
            "", "1", String(valid.digits.dropLast()), valid.digits + "0", valid.description + "0",
            "0000000000000000000",
        ] {
            #expect(Self.failure(parsing: text) == .wrongLength, "\(text)")
        }
        let error = #expect(throws: TicketNumberError.self) { try TicketNumber(parsing: "12345") }
        #expect(error?.message.contains("got 5 characters") == true)
    }

    @Test func charactersOtherThanDigitsAreRejected() throws {
        let digits = Array(try TicketNumber(day: 2_153, secondOfDay: 45_296, node: 1, sequence: 7).digits)
        for (offset, replacement) in [(0, "O"), (3, "l"), (7, "/"), (14, "x"), (9, "."), (2, "_")] {
            var text = digits
            text[offset] = Character(replacement)
            let error = #expect(throws: TicketNumberError.self) { try TicketNumber(parsing: String(text)) }
            #expect(error?.code == .invalidCharacter)
            #expect(error?.reason.contains("character \(offset + 1)") == true)
        }
        // A non-ASCII digit is not a digit, even at the right length in bytes.
        #expect(Self.failure(parsing: "0000000000000٣") == .invalidCharacter)
    }

    @Test func separatorsOnlyBetweenGroups() throws {
        let ticket = try TicketNumber(day: 2_153, secondOfDay: 45_296, node: 1, sequence: 7)
        let grouped = Array(ticket.description)
        // Move the first separator one place left: "0215-345296-…".
        var moved = grouped
        moved.swapAt(4, 5)
        #expect(Self.failure(parsing: String(moved)) == .misplacedSeparator)
        // A digit where the second separator belongs, separator elsewhere.
        var shifted = grouped
        shifted.swapAt(11, 12)
        #expect(Self.failure(parsing: String(shifted)) == .misplacedSeparator)
        // Fifteen characters with a separator among them.
        var ungrouped = Array(ticket.digits)
        ungrouped[6] = "-"
        #expect(Self.failure(parsing: String(ungrouped)) == .misplacedSeparator)
        // Seventeen digits and no separators.
        #expect(Self.failure(parsing: ticket.digits + "00") == .misplacedSeparator)
    }

    @Test func checkDigitMismatchIsRejected() throws {
        let ticket = try TicketNumber(day: 2_153, secondOfDay: 45_296, node: 1, sequence: 7)
        let wrong = (Int(ticket.checkDigit) + 1) % 10
        let text = String(ticket.description.dropLast()) + String(wrong)
        let error = #expect(throws: TicketNumberError.self) { try TicketNumber(parsing: text) }
        #expect(error?.code == .checkDigitMismatch)
    }

    @Test func secondOfDayPastTheDayIsRejected() {
        // Find the one check digit that satisfies Damm for a payload with second 86400; the parser
        // must then reject the number for its range rather than accept it.
        for second in [86_400, 90_000, 99_999] {
            let body = "02153" + String(second) + "0107"
            let codes = (0...9).map { Self.failure(parsing: body + String($0)) }
            #expect(codes.filter { $0 == .checkDigitMismatch }.count == 9)
            #expect(codes.filter { $0 == .fieldOutOfRange }.count == 1)
            #expect(!codes.contains(nil))
        }
    }

    // MARK: The check digit catches every single error and every adjacent swap

    /// Every substitution at every position, and every swap of two different adjacent digits,
    /// of the fifteen digits of `ticket`.
    private static func variants(of ticket: TicketNumber) -> [[UInt8]] {
        let valid = Array(ticket.digits.utf8)
        var variants: [[UInt8]] = []
        variants.reserveCapacity(15 * 9 + 14)
        for position in 0..<15 {
            for digit in UInt8(ascii: "0")...UInt8(ascii: "9") where digit != valid[position] {
                var variant = valid
                variant[position] = digit
                variants.append(variant)
            }
        }
        for position in 0..<14 where valid[position] != valid[position + 1] {
            var variant = valid
            variant.swapAt(position, position + 1)
            variants.append(variant)
        }
        return variants
    }

    @Test func theParserRejectsEverySingleErrorAndAdjacentSwap() throws {
        // Through the resident's path: 600 seeded numbers, about 88,000 mistyped variants, each
        // rejected for its check digit (a rejection is slow in debug builds, hence the sample).
        var generator = Generator(seed: 0xDA_33)
        var escaped: [String] = []
        var wrongCode: [String] = []
        var checked = 0
        for _ in 0..<600 {
            for variant in Self.variants(of: try Self.randomTicket(&generator)) {
                checked += 1
                let text = String(decoding: variant, as: UTF8.self)
                switch Self.failure(parsing: text) {
                case nil: escaped.append(text)
                case .checkDigitMismatch?: break
                case let code?: wrongCode.append("\(text): \(code)")
                }
            }
        }
        #expect(checked > 85_000)
        #expect(escaped.isEmpty, "undetected: \(escaped.prefix(5))")
        #expect(wrongCode.isEmpty, "\(wrongCode.prefix(5))")
    }

    @Test func theCheckDigitCatchesEverySingleErrorAndAdjacentSwap() throws {
        // The same property for 5,000 numbers, fast: a variant would be accepted exactly when the
        // check digit of its first fourteen digits equals its fifteenth (the parser's rule, since
        // each row of the Damm table is a permutation with its zero on the diagonal).
        var generator = Generator(seed: 0xDA_34)
        var escaped: [[UInt8]] = []
        var checked = 0
        var digits = [UInt8](repeating: 0, count: 15)
        func isAccepted() -> Bool {
            var payload: UInt64 = 0
            for position in 0..<14 { payload = payload &* 10 &+ UInt64(digits[position]) }
            return TicketNumber(uncheckedPayload: payload).checkDigit == digits[14]
        }
        for _ in 0..<5_000 {
            let ticket = try Self.randomTicket(&generator)
            var rest = ticket.payload
            for position in (0..<14).reversed() {
                digits[position] = UInt8(rest % 10)
                rest /= 10
            }
            digits[14] = ticket.checkDigit
            #expect(isAccepted())
            for position in 0..<15 {
                let original = digits[position]
                for digit in 0...UInt8(9) where digit != original {
                    digits[position] = digit
                    checked += 1
                    if isAccepted() { escaped.append(digits) }
                }
                digits[position] = original
            }
            for position in 0..<14 where digits[position] != digits[position + 1] {
                digits.swapAt(position, position + 1)
                checked += 1
                if isAccepted() { escaped.append(digits) }
                digits.swapAt(position, position + 1)
            }
        }
        #expect(checked > 700_000)
        #expect(escaped.isEmpty, "undetected: \(escaped.prefix(5))")
    }

    // MARK: Order and coding

    @Test func numbersSortByIssueTimeThenNode() throws {
        var generator = Generator(seed: 0x5017)
        var issued: [(instant: Date, node: Int, sequence: Int, ticket: TicketNumber)] = []
        for _ in 0..<2_000 {
            let day = Int.random(in: 0...TicketNumber.maximumDay, using: &generator)
            let second = Int.random(in: 0..<86_400, using: &generator)
            let node = Int.random(in: 0...TicketNumber.maximumNode, using: &generator)
            let sequence = Int.random(in: 0..<TicketNumber.sequencesPerSecond, using: &generator)
            let ticket = try TicketNumber(day: day, secondOfDay: second, node: node, sequence: sequence)
            let instant = TicketNumber.epoch.addingTimeInterval(Double(day) * 86_400 + Double(second))
            issued.append((instant, node, sequence, ticket))
        }
        let byNumber = issued.map(\.ticket).sorted()
        let byTime = issued.sorted { ($0.instant, $0.node, $0.sequence) < ($1.instant, $1.node, $1.sequence) }
        #expect(byNumber == byTime.map(\.ticket))
        #expect(issued.allSatisfy { $0.ticket.issuedAt == $0.instant }, "issuedAt is the second of issue")
        // The written form is fixed-width, so text order is number order too.
        #expect(issued.map(\.ticket).sorted { $0.description < $1.description } == byNumber)
    }

    @Test func codableUsesTheGroupedText() throws {
        var generator = Generator(seed: 0xC0DE)
        var tickets: [TicketNumber] = []
        for _ in 0..<100 { tickets.append(try Self.randomTicket(&generator)) }
        let data = try JSONEncoder().encode(tickets)
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains("\"\(tickets[0].description)\""))
        #expect(try JSONDecoder().decode([TicketNumber].self, from: data) == tickets)

        let mistyped = String(tickets[0].description.dropLast()) + String((Int(tickets[0].checkDigit) + 3) % 10)
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([TicketNumber].self, from: Data("[\"\(mistyped)\"]".utf8))
        }
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([TicketNumber].self, from: Data("[12345]".utf8))
        }
    }
}
