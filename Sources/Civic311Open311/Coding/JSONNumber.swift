import Foundation

/// Number literals to `Double`, exactly as `strtod` would round them, without a string.
enum JSONNumber {
    private static let powersOfTen: [Double] = (0...22).map { exponent in
        var value = 1.0
        for _ in 0..<exponent { value *= 10 }
        return value
    }

    /// Parses a literal already checked against JSON's grammar.
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
        // Fast path (Clinger): a mantissa below 2^53 and a power of ten up to 22 are both exact,
        // so one multiplication or division rounds correctly.
        var index = 0
        let negative = bytes.first == UInt8(ascii: "-")
        if negative { index = 1 }
        var mantissa: UInt64 = 0
        var exponent = 0
        var exact = true
        while index < bytes.count, let digit = digitValue(bytes[index]) {
            if mantissa < 1 << 53 / 10 { mantissa = mantissa * 10 + UInt64(digit) } else { exact = false }
            index += 1
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            while index < bytes.count, let digit = digitValue(bytes[index]) {
                if mantissa < 1 << 53 / 10 {
                    mantissa = mantissa * 10 + UInt64(digit)
                    exponent -= 1
                } else if digit != 0 {
                    exact = false
                }
                index += 1
            }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            exact = false
        }
        if exact, mantissa < 1 << 53, exponent >= -22 {
            var value = Double(mantissa)
            value = exponent < 0 ? value / powersOfTen[-exponent] : value
            return negative ? -value : value
        }
        return slowParse(bytes)
    }

    private static func digitValue(_ byte: UInt8) -> Int? {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") ? Int(byte - UInt8(ascii: "0")) : nil
    }

    private static func slowParse(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
        let text = String(decoding: bytes, as: UTF8.self)
        guard let value = Double(text), value.isFinite else { return nil }
        return value
    }
}
