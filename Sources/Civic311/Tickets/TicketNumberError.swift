/// A text could not be read as a ``TicketNumber``, or a ticket number could not be issued.
public struct TicketNumberError: Error, Hashable, Sendable, CustomStringConvertible {
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Hashable, Sendable {
            case wrongLength
            case invalidCharacter
            case misplacedSeparator
            case checkDigitMismatch
            case fieldOutOfRange
            case beforeEpoch
            case capacityExhausted
        }
        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// The text does not hold exactly fifteen digits.
        public static var wrongLength: Self { Self(.wrongLength) }
        /// A character other than a digit or a group separator was found.
        public static var invalidCharacter: Self { Self(.invalidCharacter) }
        /// Separators are allowed only between the three five-digit groups.
        public static var misplacedSeparator: Self { Self(.misplacedSeparator) }
        /// The last digit does not match the others: a digit was misheard, mistyped or swapped.
        public static var checkDigitMismatch: Self { Self(.checkDigitMismatch) }
        /// A component is outside its range (a second of the day past 86,399, a node past 99…).
        public static var fieldOutOfRange: Self { Self(.fieldOutOfRange) }
        /// The instant lies before the ticket epoch, 2020-01-01T00:00:00Z.
        public static var beforeEpoch: Self { Self(.beforeEpoch) }
        /// The ticket space after the year 2293 is used up.
        public static var capacityExhausted: Self { Self(.capacityExhausted) }

        public var description: String { base.rawValue }
    }

    public let code: Code
    /// Why the text or instant was rejected.
    public let reason: String

    public init(_ code: Code, reason: String) {
        self.code = code
        self.reason = reason
    }

    public var message: String { "ticket number: \(reason)" }
    public var description: String { "TicketNumberError(\(code)): \(message)" }
}
