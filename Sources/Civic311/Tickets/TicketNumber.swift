import Foundation

/// The universal ticket number every contact receives, whatever the channel or department.
///
/// Written as three groups of five digits, `DDDDD-TTTTT-NNQQC`, so it can be read over the phone
/// without letters that sound or look alike:
///
/// | digits | meaning |
/// |---|---|
/// | `DDDDD` | the UTC day of issue, counted from 2020-01-01 (good until the year 2293) |
/// | `TTTTT` | the second of that day, 00000–86399 |
/// | `NN` | the issuing node, 00–99: one per process or department system that issues numbers |
/// | `QQ` | a sequence within that node's second, 00–99 |
/// | `C` | a Damm check digit over the fourteen digits before it |
///
/// Numbers therefore sort by the second they were issued in (then by node), two nodes can never
/// issue the same number, and the check digit catches every single-digit error and every
/// transposition of two adjacent digits. Capacity: 100 numbers a second per node, 8,640,000 a day
/// per node and 864 million a day over all nodes; a node that issues faster borrows the following
/// seconds (see ``TicketIssuer``), so numbers stay unique and increasing under any burst.
public struct TicketNumber: Hashable, Sendable, Comparable {
    /// The fourteen payload digits as one integer; their numeric order is the ticket order.
    public let payload: UInt64

    /// 2020-01-01T00:00:00Z, day zero of the numbering.
    public static let epoch = Date(timeIntervalSince1970: 1_577_836_800)
    /// Largest day number that fits in five digits.
    public static let maximumDay = 99_999
    /// Largest node number that fits in two digits.
    public static let maximumNode = 99
    /// Numbers a node can issue within one second.
    public static let sequencesPerSecond = 100

    /// Builds a ticket number from its components, validating each range.
    public init(day: Int, secondOfDay: Int, node: Int, sequence: Int) throws(TicketNumberError) {
        guard (0...Self.maximumDay).contains(day) else {
            throw TicketNumberError(.fieldOutOfRange, reason: "day \(day) is outside 0...\(Self.maximumDay)")
        }
        guard (0..<86_400).contains(secondOfDay) else {
            throw TicketNumberError(.fieldOutOfRange, reason: "second of day \(secondOfDay) is outside 0...86399")
        }
        guard (0...Self.maximumNode).contains(node) else {
            throw TicketNumberError(.fieldOutOfRange, reason: "node \(node) is outside 0...\(Self.maximumNode)")
        }
        guard (0..<Self.sequencesPerSecond).contains(sequence) else {
            throw TicketNumberError(.fieldOutOfRange, reason: "sequence \(sequence) is outside 0...99")
        }
        self.payload = Self.payload(slot: UInt64(day) * 86_400 + UInt64(secondOfDay), node: node, sequence: sequence)
    }

    /// Builds from a payload known to be valid (read back from a store this library wrote, which
    /// checks the range itself and reports a corrupt value as an error).
    package init(uncheckedPayload payload: UInt64) {
        // Fourteen digits at most: the check digit's table lookups rely on it.
        precondition(payload < 100_000_000_000_000, "a ticket payload has fourteen digits")
        self.payload = payload
    }

    /// `slot` counts seconds since the epoch.
    @inline(__always)
    static func payload(slot: UInt64, node: Int, sequence: Int) -> UInt64 {
        let day = slot / 86_400
        let second = slot % 86_400
        return ((day &* 100_000 &+ second) &* 100 &+ UInt64(node)) &* 100 &+ UInt64(sequence)
    }

    /// The UTC day of issue, counted from ``epoch``.
    public var day: Int { Int(payload / 1_000_000_000) }
    /// The second of the UTC day of issue.
    public var secondOfDay: Int { Int(payload / 10_000 % 100_000) }
    /// The issuing node.
    public var node: Int { Int(payload / 100 % 100) }
    /// The sequence within the node's second.
    public var sequence: Int { Int(payload % 100) }

    /// The second the number carries: the second it was issued in, or a later one when its node's
    /// clock was behind the node's last number (a burst of more than 100 a second, a clock stepped
    /// back, a store that already holds later numbers from the node). Never earlier than the
    /// issue; for the exact time read the contact's or request's own timestamp.
    public var issuedAt: Date {
        Self.epoch.addingTimeInterval(Double(day) * 86_400 + Double(secondOfDay))
    }

    /// The Damm check digit for ``payload``.
    public var checkDigit: UInt8 { DammCheckDigit.checkDigit(ofPayload: payload) }

    /// Payload digits `2 * index` and `2 * index + 1` (0 is the most significant) as one number
    /// 0–99. Every divisor is a constant, so each pair costs a multiplication, not a division.
    @inline(__always)
    static func digitPair(_ payload: UInt64, _ index: Int) -> UInt64 {
        switch index {
        case 0: payload / 1_000_000_000_000
        case 1: payload / 10_000_000_000 % 100
        case 2: payload / 100_000_000 % 100
        case 3: payload / 1_000_000 % 100
        case 4: payload / 10_000 % 100
        case 5: payload / 100 % 100
        default: payload % 100
        }
    }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.payload < rhs.payload }
}

extension TicketNumber: CustomStringConvertible, LosslessStringConvertible {
    /// The grouped form, `DDDDD-TTTTT-NNQQC`.
    public var description: String { formatted(separator: UInt8(ascii: "-")) }

    /// The fifteen digits without separators, as typed on a phone keypad.
    public var digits: String { formatted(separator: nil) }

    private func formatted(separator: UInt8?) -> String {
        let length = separator == nil ? 15 : 17
        let payload = payload
        return String(unsafeUninitializedCapacity: length) { buffer in
            // Digit `index` (0–14) goes after the separators before it: DDDDD-TTTTT-NNQQC.
            func put(_ index: Int, _ digit: UInt8) {
                let position = separator == nil ? index : index &+ (index >= 5 ? 1 : 0) &+ (index >= 10 ? 1 : 0)
                buffer[position] = UInt8(ascii: "0") &+ digit
            }
            // The pairs written are the pairs the check digit folds: each is computed once.
            var interim = 0
            for pairIndex in 0..<7 {
                let pair = Self.digitPair(payload, pairIndex)
                interim = DammCheckDigit.fold(interim, pair: pair)
                put(2 &* pairIndex, UInt8(truncatingIfNeeded: pair / 10))
                put(2 &* pairIndex &+ 1, UInt8(truncatingIfNeeded: pair % 10))
            }
            put(14, DammCheckDigit.digit(after: interim))
            if let separator {
                buffer[5] = separator
                buffer[11] = separator
            }
            return length
        }
    }

    /// Parses a ticket number, strictly.
    ///
    /// Accepts the fifteen digits alone or grouped 5-5-5 with `-` or a space between the groups.
    /// Anything else is a ``TicketNumberError`` that says what is wrong and where; a number whose
    /// check digit does not match is rejected rather than guessed at.
    public init(parsing text: String) throws(TicketNumberError) {
        var text = text
        // withUTF8 rethrows untyped errors, so carry the typed one out in a Result.
        let parsed = text.withUTF8 { bytes in Result { () throws(TicketNumberError) in try Self.parse(bytes) } }
        self = try parsed.get()
    }

    public init?(_ description: String) {
        guard let parsed = try? Self(parsing: description) else { return nil }
        self = parsed
    }

    private static func parse(_ bytes: UnsafeBufferPointer<UInt8>) throws(TicketNumberError) -> TicketNumber {
        // Well-formed text, the usual case, is read without looking for what is wrong with it;
        // anything else is read again below, which finds the first fault and reports it.
        if let payload = wellFormedPayload(bytes) { return TicketNumber(uncheckedPayload: payload) }
        return try parseReportingFaults(bytes)
    }

    /// The payload of text that is fifteen digits, or seventeen with a `-` or a space at
    /// characters 6 and 12 and digits elsewhere, whose check digit and second of the day are
    /// valid; `nil` for any other text.
    @inline(__always)
    private static func wellFormedPayload(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64? {
        func isSeparator(_ byte: UInt8) -> Bool { byte == UInt8(ascii: "-") || byte == UInt8(ascii: " ") }
        var payload: UInt64 = 0
        var isValid = true
        func read(_ range: Range<Int>) {
            for offset in range {
                let digit = bytes[offset] &- UInt8(ascii: "0")
                isValid = isValid && digit < 10
                payload = payload &* 10 &+ UInt64(digit)
            }
        }
        switch bytes.count {
        case 15:
            read(0..<15)
        case 17:
            guard isSeparator(bytes[5]), isSeparator(bytes[11]) else { return nil }
            read(0..<5)
            read(6..<11)
            read(12..<17)
        default:
            return nil
        }
        // `payload` holds all fifteen digits; overflow is impossible (15 digits < 2^64).
        let check = UInt8(truncatingIfNeeded: payload % 10)
        payload /= 10
        guard isValid, check == DammCheckDigit.checkDigit(ofPayload: payload), payload / 10_000 % 100_000 < 86_400
        else { return nil }
        return payload
    }

    private static func parseReportingFaults(
        _ bytes: UnsafeBufferPointer<UInt8>
    ) throws(TicketNumberError) -> TicketNumber {
        guard bytes.count == 15 || bytes.count == 17 else {
            throw TicketNumberError(
                .wrongLength,
                reason: "expected 15 digits (optionally grouped as DDDDD-TTTTT-NNQQC), got \(bytes.count) characters"
            )
        }
        let grouped = bytes.count == 17
        var payload: UInt64 = 0
        var check: UInt8 = 0
        var digitCount = 0
        for (offset, byte) in bytes.enumerated() {
            let digit = byte &- UInt8(ascii: "0")
            if digit < 10 {
                if grouped, offset == 5 || offset == 11 {
                    throw TicketNumberError(
                        .misplacedSeparator,
                        reason: "expected a separator at character \(offset + 1), found a digit"
                    )
                }
                if digitCount < 14 { payload = payload &* 10 &+ UInt64(digit) } else { check = digit }
                digitCount += 1
            } else if byte == UInt8(ascii: "-") || byte == UInt8(ascii: " ") {
                guard grouped, offset == 5 || offset == 11 else {
                    throw TicketNumberError(
                        .misplacedSeparator,
                        reason: "separator at character \(offset + 1); groups are five digits each"
                    )
                }
            } else {
                throw TicketNumberError(
                    .invalidCharacter,
                    reason: "character \(offset + 1) is not a digit or a group separator"
                )
            }
        }
        // The last digit must be the Damm digit of the fourteen before it (equivalently, Damm over
        // all fifteen ends at zero).
        guard check == DammCheckDigit.checkDigit(ofPayload: payload) else {
            throw TicketNumberError(
                .checkDigitMismatch,
                reason: "the check digit does not match; a digit may have been misread or two swapped"
            )
        }
        let second = payload / 10_000 % 100_000
        guard second < 86_400 else {
            throw TicketNumberError(.fieldOutOfRange, reason: "second of day \(second) is outside 0...86399")
        }
        return TicketNumber(uncheckedPayload: payload)
    }
}

extension TicketNumber: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do {
            self = try TicketNumber(parsing: text)
        } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.message)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
