@_spi(Benchmarks) import Civic311
import Testing

/// The parser against a plain reading of its rules, written here independently, over every
/// single-byte change and every length change of valid numbers in both forms: it accepts exactly
/// what the rules accept and refuses the rest with the code the rules give.
@Suite struct TicketParsingOracleTests {
    private typealias Generator = FoundationFixtures.SplitMix64

    /// The rules, one byte at a time: length 15 or 17; in the 17-byte form a `-` or a space at
    /// characters 6 and 12 and digits elsewhere; in the 15-byte form digits only; the first
    /// offending byte decides the code; then the Damm digit, then the second of the day.
    private static func expected(_ bytes: [UInt8]) -> Result<UInt64, TicketNumberErrorCode> {
        guard bytes.count == 15 || bytes.count == 17 else { return .failure(.init(.wrongLength)) }
        let grouped = bytes.count == 17
        var digits: [UInt8] = []
        for (offset, byte) in bytes.enumerated() {
            let isSeparatorPlace = grouped && (offset == 5 || offset == 11)
            if (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) {
                if isSeparatorPlace { return .failure(.init(.misplacedSeparator)) }
                digits.append(byte - UInt8(ascii: "0"))
            } else if byte == UInt8(ascii: "-") || byte == UInt8(ascii: " ") {
                if !isSeparatorPlace { return .failure(.init(.misplacedSeparator)) }
            } else {
                return .failure(.init(.invalidCharacter))
            }
        }
        let quasigroup: [[UInt8]] = [
            [0, 3, 1, 7, 5, 9, 8, 6, 4, 2], [7, 0, 9, 2, 1, 5, 4, 8, 6, 3],
            [4, 2, 0, 6, 8, 7, 1, 3, 5, 9], [1, 7, 5, 0, 9, 8, 3, 4, 2, 6],
            [6, 1, 2, 3, 0, 4, 5, 9, 7, 8], [3, 6, 7, 4, 2, 0, 9, 5, 8, 1],
            [5, 8, 6, 9, 7, 2, 0, 1, 3, 4], [8, 9, 4, 5, 3, 6, 2, 0, 1, 7],
            [9, 4, 3, 8, 6, 1, 7, 2, 0, 5], [2, 5, 8, 1, 4, 3, 6, 7, 9, 0],
        ]
        guard digits.reduce(0, { quasigroup[Int($0)][Int($1)] }) == 0 else {
            return .failure(.init(.checkDigitMismatch))
        }
        let payload = digits.prefix(14).reduce(UInt64(0)) { $0 * 10 + UInt64($1) }
        guard payload / 10_000 % 100_000 < 86_400 else { return .failure(.init(.fieldOutOfRange)) }
        return .success(payload)
    }

    private struct TicketNumberErrorCode: Error, Equatable {
        let code: TicketNumberError.Code
        init(_ code: TicketNumberError.Code) { self.code = code }
    }

    private static func actual(_ bytes: [UInt8]) -> Result<UInt64, TicketNumberErrorCode> {
        do throws(TicketNumberError) {
            return .success(try TicketNumber(parsing: String(decoding: bytes, as: UTF8.self)).payload)
        } catch {
            return .failure(.init(error.code))
        }
    }

    @Test func everyOneByteChangeIsJudgedAsTheRulesSay() throws {
        let alphabet = Array("0123456789- /:.aO\u{7f}".utf8) + [0, 0x80, 0xff]
        var generator = Generator(seed: 0x71C3)
        var disagreements: [String] = []
        var checked = 0
        for round in 0..<40 {
            let ticket = try TicketNumber(
                day: Int.random(in: 0...TicketNumber.maximumDay, using: &generator),
                secondOfDay: round == 0 ? 86_399 : Int.random(in: 0..<86_400, using: &generator),
                node: Int.random(in: 0...TicketNumber.maximumNode, using: &generator),
                sequence: Int.random(in: 0..<TicketNumber.sequencesPerSecond, using: &generator)
            )
            let spaced = String(ticket.description.map { $0 == "-" ? " " : $0 })
            for form in [ticket.description, ticket.digits, spaced] {
                let valid = Array(form.utf8)
                var variants: [[UInt8]] = [valid, Array(valid.dropLast()), valid + [UInt8(ascii: "0")]]
                for position in valid.indices {
                    for byte in alphabet where byte != valid[position] {
                        var variant = valid
                        variant[position] = byte
                        variants.append(variant)
                    }
                    var dropped = valid
                    dropped.remove(at: position)
                    variants.append(dropped)
                }
                for variant in variants {
                    checked += 1
                    // Invalid UTF-8 is repaired when it becomes a String; judge the bytes parsed.
                    let parsed = Array(String(decoding: variant, as: UTF8.self).utf8)
                    if Self.actual(variant) != Self.expected(parsed) {
                        disagreements.append(String(decoding: variant, as: UTF8.self).debugDescription)
                    }
                }
            }
        }
        #expect(checked > 40_000)
        #expect(disagreements.isEmpty, "\(disagreements.prefix(5))")
    }

    /// A number whose Damm digit is right but whose second of the day is 86,400 or more: neither
    /// the fast path nor the one that reports faults may take it. Random changes of valid numbers
    /// rarely reach these (the check digit must match too), so they are made on purpose.
    @Test func aSecondPastTheDayIsRefusedWhateverTheCheckDigit() {
        var disagreements: [String] = []
        for second in [86_400, 86_401, 90_000, 99_999] {
            for day in [0, 12_345, 99_999] {
                let payload = UInt64(day) * 1_000_000_000 + UInt64(second) * 10_000 + 4_217
                let digits = String(payload).leftPadded(to: 14)
                // The one digit that makes the Damm check pass, found by the oracle.
                guard
                    let check = (0...9).first(where: {
                        Self.expected(Array((digits + String($0)).utf8)) != .failure(.init(.checkDigitMismatch))
                    })
                else {
                    disagreements.append("no check digit for \(digits)")
                    continue
                }
                let plain = digits + String(check)
                let grouped = [plain.prefix(5), plain.dropFirst(5).prefix(5), plain.suffix(5)].joined(separator: "-")
                for form in [plain, grouped] {
                    let bytes = Array(form.utf8)
                    if Self.expected(bytes) != .failure(.init(.fieldOutOfRange))
                        || Self.actual(bytes) != Self.expected(bytes)
                    {
                        disagreements.append(form)
                    }
                }
            }
        }
        #expect(disagreements.isEmpty, "\(disagreements)")
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        String(repeating: "0", count: max(0, width - count)) + self
    }
}
