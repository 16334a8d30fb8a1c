extension ImportMapping {
    /// How one column writes its timestamps, in the Unicode pattern letters that `DateFormatter`
    /// uses, read by a parser written for them (a `DateFormatter` costs microseconds per call;
    /// this costs nanoseconds).
    ///
    /// | letters | meaning |
    /// |---|---|
    /// | `yyyy` | four-digit year |
    /// | `MM`, `dd`, `HH`, `hh`, `mm`, `ss` | two-digit month, day, hour (0–23), hour (1–12), minute, second |
    /// | `M`, `d`, `H`, `h` | the same with one or two digits |
    /// | `S`, `SS`, `SSS`… | that many digits of a fraction of a second |
    /// | `a` | `AM` or `PM`, in any case; needs `hh` or `h`, and they need it |
    /// | `'text'` | literal text (`'T'`); any other character that is not a letter is literal too |
    ///
    /// A pattern must name the year, the month and the day; the time of day is optional (midnight).
    /// Examples: `MM/dd/yyyy hh:mm:ss a` (NYC, San Francisco), `yyyy-MM-dd'T'HH:mm:ss.SSS`
    /// (Chicago), `yyyy-MM-dd HH:mm:ss` (Boston).
    public struct DateFormat: Hashable, Sendable, CustomStringConvertible {
        enum Token: Hashable, Sendable {
            case year
            case month(minimum: Int)
            case day(minimum: Int)
            case hour(minimum: Int)
            case hour12(minimum: Int)
            case minute
            case second
            case fraction(digits: Int)
            case meridiem
            case literal(UInt8)
        }

        /// The pattern as written.
        public let pattern: String
        let tokens: [Token]

        /// Compiles a pattern.
        ///
        /// - Throws: ``ValidationError`` (field `pattern`) for a letter the parser does not know,
        ///   a field given twice, a missing year, month or day, `a` without a 12-hour hour or the
        ///   other way round, or an unclosed quote.
        public init(_ pattern: String) throws(ValidationError) {
            self.pattern = pattern
            tokens = try Self.compile(pattern)
        }

        /// A pattern written in this library (the presets), whose tests compile it; an invalid
        /// one would parse nothing rather than trap.
        init(known pattern: String) {
            self.pattern = pattern
            tokens = (try? Self.compile(pattern)) ?? [.literal(0)]
        }

        public var description: String { pattern }

        public static func == (lhs: Self, rhs: Self) -> Bool { lhs.pattern == rhs.pattern }
        public func hash(into hasher: inout Hasher) { hasher.combine(pattern) }

        private static func compile(_ pattern: String) throws(ValidationError) -> [Token] {
            func refuse(_ reason: String) -> ValidationError {
                ValidationError(.invalidValue, field: "pattern", reason: "\(reason) in \"\(pattern)\"")
            }
            let bytes = Array(pattern.utf8)
            var tokens: [Token] = []
            var seen: Set<String> = []
            func claim(_ name: String) throws(ValidationError) {
                guard seen.insert(name).inserted else { throw refuse("the \(name) appears twice") }
            }
            var index = 0
            while index < bytes.count {
                let letter = bytes[index]
                var run = 1
                while index + run < bytes.count, bytes[index + run] == letter { run += 1 }
                switch (letter, run) {
                case (UInt8(ascii: "y"), 4):
                    try claim("year")
                    tokens.append(.year)
                case (UInt8(ascii: "M"), 1...2):
                    try claim("month")
                    tokens.append(.month(minimum: run))
                case (UInt8(ascii: "d"), 1...2):
                    try claim("day")
                    tokens.append(.day(minimum: run))
                case (UInt8(ascii: "H"), 1...2):
                    try claim("hour")
                    tokens.append(.hour(minimum: run))
                case (UInt8(ascii: "h"), 1...2):
                    try claim("hour")
                    tokens.append(.hour12(minimum: run))
                case (UInt8(ascii: "m"), 2):
                    try claim("minute")
                    tokens.append(.minute)
                case (UInt8(ascii: "s"), 2):
                    try claim("second")
                    tokens.append(.second)
                case (UInt8(ascii: "S"), 1...9):
                    try claim("fraction")
                    tokens.append(.fraction(digits: run))
                case (UInt8(ascii: "a"), 1):
                    try claim("AM/PM marker")
                    tokens.append(.meridiem)
                case (UInt8(ascii: "'"), _):
                    // '' is a quote; otherwise literal text runs to the next quote.
                    run = 1
                    var end = index + 1
                    if end < bytes.count, bytes[end] == UInt8(ascii: "'") {
                        tokens.append(.literal(UInt8(ascii: "'")))
                        run = 2
                    } else {
                        while end < bytes.count, bytes[end] != UInt8(ascii: "'") {
                            tokens.append(.literal(bytes[end]))
                            end += 1
                        }
                        guard end < bytes.count else { throw refuse("a quoted text is never closed") }
                        run = end - index + 1
                    }
                case (UInt8(ascii: "a")...UInt8(ascii: "z"), _), (UInt8(ascii: "A")...UInt8(ascii: "Z"), _):
                    let text = String(decoding: bytes[index..<index + run], as: UTF8.self)
                    throw refuse("'\(text)' is not a supported pattern field (quote literal letters: 'T')")
                default:
                    for _ in 0..<run { tokens.append(.literal(letter)) }
                }
                index += run
            }
            for needed in ["year", "month", "day"] where !seen.contains(needed) {
                throw refuse("the \(needed) is missing")
            }
            let hasTwelveHour = tokens.contains { if case .hour12 = $0 { true } else { false } }
            if hasTwelveHour != seen.contains("AM/PM marker") {
                throw refuse("a 12-hour hour (h) and the AM/PM marker (a) go together")
            }
            return tokens
        }

        /// The wall-clock time the text shows, as seconds since 1970-01-01 00:00 on that wall
        /// clock; `nil` when the text does not follow the pattern or names no real date or time.
        func localSeconds(_ text: UnsafeBufferPointer<UInt8>) -> Double? {
            var offset = 0
            var year = 0
            var month = 0
            var day = 0
            var hour = 0
            var minute = 0
            var second = 0
            var fraction = 0.0
            var isPM: Bool?
            @inline(__always) func digits(minimum: Int, maximum: Int) -> Int? {
                var value = 0
                var count = 0
                while count < maximum, offset < text.count {
                    let digit = text[offset] &- UInt8(ascii: "0")
                    guard digit < 10 else { break }
                    value = value * 10 + Int(digit)
                    count += 1
                    offset += 1
                }
                return count >= minimum ? value : nil
            }
            for token in tokens {
                switch token {
                case .year:
                    guard let value = digits(minimum: 4, maximum: 4) else { return nil }
                    year = value
                case .month(let minimum):
                    guard let value = digits(minimum: minimum, maximum: 2) else { return nil }
                    month = value
                case .day(let minimum):
                    guard let value = digits(minimum: minimum, maximum: 2) else { return nil }
                    day = value
                case .hour(let minimum), .hour12(let minimum):
                    guard let value = digits(minimum: minimum, maximum: 2) else { return nil }
                    hour = value
                case .minute:
                    guard let value = digits(minimum: 2, maximum: 2) else { return nil }
                    minute = value
                case .second:
                    guard let value = digits(minimum: 2, maximum: 2) else { return nil }
                    second = value
                case .fraction(let count):
                    guard let value = digits(minimum: count, maximum: count) else { return nil }
                    var scale = 1.0
                    for _ in 0..<count { scale *= 10 }
                    fraction = Double(value) / scale
                case .meridiem:
                    guard offset + 2 <= text.count, text[offset + 1] | 0x20 == UInt8(ascii: "m") else { return nil }
                    switch text[offset] | 0x20 {
                    case UInt8(ascii: "a"): isPM = false
                    case UInt8(ascii: "p"): isPM = true
                    default: return nil
                    }
                    offset += 2
                case .literal(let byte):
                    guard offset < text.count, text[offset] == byte else { return nil }
                    offset += 1
                }
            }
            guard offset == text.count, year >= 1, (1...12).contains(month),
                (1...LocalDate.daysIn(month: month, year: year)).contains(day), minute < 60, second < 60
            else { return nil }
            if let isPM {
                guard (1...12).contains(hour) else { return nil }
                hour = hour % 12 + (isPM ? 12 : 0)
            } else {
                guard hour < 24 else { return nil }
            }
            let days = LocalDate.unchecked(year: year, month: month, day: day).dayNumber
            return Double(days * 86_400 + hour * 3600 + minute * 60 + second) + fraction
        }
    }
}
