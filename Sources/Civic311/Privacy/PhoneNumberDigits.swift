/// The digits of a phone number, parsed by the rules of ``ContactIdentity`` straight from UTF-8,
/// without allocating: the scrubber parses the submitter's number for every text it scrubs.
struct PhoneNumberDigits {
    /// The line's digits, with the country code first when it is known.
    private(set) var line = InlineDigits()
    /// Whether ``line`` starts with a country code.
    private(set) var hasCountryCode = false
    private(set) var extensionDigits = InlineDigits()

    init?(_ text: String) {
        var text = text
        guard let parsed = text.withUTF8({ Self(bytes: $0) }) else { return nil }
        self = parsed
    }

    private init?(bytes: UnsafeBufferPointer<UInt8>) {
        var start = 0
        var end = bytes.count
        while start < end, ASCII.isWhiteSpace(bytes[start]) { start += 1 }
        while end > start, ASCII.isWhiteSpace(bytes[end - 1]) { end -= 1 }
        var digits = InlineDigits()
        var plus = false
        var index = start
        // The line: digits and separators, `+` only before the first digit.
        scan: while index < end {
            let byte = bytes[index]
            switch byte {
            case ASCII.zero...ASCII.nine:
                guard digits.append(byte) else { return nil }
            case ASCII.plus:
                guard digits.count == 0, !plus else { return nil }
                plus = true
            case ASCII.space, ASCII.hyphen, ASCII.period, ASCII.openParenthesis, ASCII.closeParenthesis, ASCII.slash:
                break
            default:
                guard let digits = Self.extensionDigits(UnsafeBufferPointer(rebasing: bytes[index..<end])) else {
                    return nil
                }
                extensionDigits = digits
                break scan
            }
            index += 1
        }
        guard (7...15).contains(digits.count) else { return nil }
        if plus {
            line = digits
            hasCountryCode = true
        } else if digits.starts(with: "011"), digits.count >= 3 + 7 {
            line = digits.dropping(3)
            hasCountryCode = true
        } else if digits.starts(with: "00"), digits.count >= 2 + 7 {
            line = digits.dropping(2)
            hasCountryCode = true
        } else if digits.count == 11, digits.starts(with: "1") {
            line = digits
            hasCountryCode = true
        } else if digits.count == 10, digits[0] >= UInt8(ascii: "2") {
            // A North American number: area codes never start with 0 or 1.
            line = InlineDigits()
            _ = line.append(UInt8(ascii: "1"))
            for index in 0..<digits.count { _ = line.append(digits[index]) }
            hasCountryCode = true
        } else {
            line = digits
        }
    }

    /// A North American number: `+1` and ten digits.
    var isNorthAmerican: Bool { hasCountryCode && line.count == 11 && line.starts(with: "1") }

    /// `+15550107788`, `+442079460958`, `5550107` or `+15550107788;ext=12`.
    var normalized: String {
        var result = hasCountryCode ? "+" : ""
        result += line.string
        if extensionDigits.count > 0 { result += ";ext=" + extensionDigits.string }
        return result
    }

    /// The digits of an extension written after a number: `x12`, `ext. 12`, `extension 12`, `#12`,
    /// `;ext=12`, in any case; `nil` when the text is anything else.
    private static func extensionDigits(_ text: UnsafeBufferPointer<UInt8>) -> InlineDigits? {
        func starts(with marker: StaticString) -> Bool {
            let count = marker.utf8CodeUnitCount
            guard text.count >= count else { return false }
            for offset in 0..<count where ASCII.folded(text[offset]) != marker.utf8Start[offset] { return false }
            return true
        }
        let markers: [StaticString] = [";ext=", "extension", "ext", "x", "#"]
        guard let marker = markers.first(where: starts(with:)) else { return nil }
        var index = marker.utf8CodeUnitCount
        while index < text.count,
            text[index] == ASCII.period || text[index] == ASCII.colon || text[index] == ASCII.space
        {
            index += 1
        }
        var digits = InlineDigits()
        while index < text.count {
            guard ASCII.isDigit(text[index]), digits.count < 6, digits.append(text[index]) else { return nil }
            index += 1
        }
        return digits.count > 0 ? digits : nil
    }
}

/// Up to fifteen ASCII digits (the E.164 maximum) stored inline.
struct InlineDigits: Equatable {
    private var storage: (UInt64, UInt64) = (0, 0)
    private(set) var count = 0

    static let capacity = 15

    /// Appends a digit; `false` when full.
    mutating func append(_ digit: UInt8) -> Bool {
        guard count < Self.capacity else { return false }
        withUnsafeMutableBytes(of: &storage) { $0[count] = digit }
        count += 1
        return true
    }

    subscript(index: Int) -> UInt8 { withUnsafeBytes(of: storage) { $0[index] } }

    func withBytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        withUnsafeBytes(of: storage) { body(UnsafeBufferPointer(rebasing: $0.bindMemory(to: UInt8.self)[0..<count])) }
    }

    func starts(with prefix: StaticString) -> Bool {
        let length = prefix.utf8CodeUnitCount
        guard count >= length else { return false }
        for offset in 0..<length where self[offset] != prefix.utf8Start[offset] { return false }
        return true
    }

    /// The digits after the first `prefix` ones.
    func dropping(_ prefix: Int) -> InlineDigits {
        var rest = InlineDigits()
        for index in prefix..<count { _ = rest.append(self[index]) }
        return rest
    }

    /// The last `length` digits.
    func suffix(_ length: Int) -> InlineDigits { dropping(Swift.max(0, count - length)) }

    var string: String { withBytes { String(decoding: $0, as: UTF8.self) } }

    static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.count == rhs.count && lhs.withBytes { left in rhs.withBytes { left.elementsEqual($0) } }
    }
}
