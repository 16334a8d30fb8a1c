/// `application/x-www-form-urlencoded`, the body of a GeoReport submission.
enum FormBody {
    /// The fields of a body in order, names and values decoded (`+` is a space, `%XX` a byte).
    ///
    /// - Throws: `GeoReportDecodingError` for a bad escape, text that is not UTF-8 or a field
    ///   without a name.
    static func fields(_ body: UnsafeBufferPointer<UInt8>) throws(GeoReportDecodingError) -> [(String, String)] {
        var fields: [(String, String)] = []
        var start = 0
        while start <= body.count {
            var end = start
            while end < body.count, body[end] != UInt8(ascii: "&") { end += 1 }
            if end > start {
                let pair = UnsafeBufferPointer(rebasing: body[start..<end])
                let equals = pair.firstIndex(of: UInt8(ascii: "="))
                let name = try decode(
                    UnsafeBufferPointer(rebasing: pair[..<(equals ?? pair.count)]),
                    what: "a field name"
                )
                var value = ""
                if let equals {
                    value = try decode(
                        UnsafeBufferPointer(rebasing: pair[(equals + 1)...]),
                        what: "the value of \(name)"
                    )
                }
                guard !name.isEmpty else {
                    throw GeoReportDecodingError(
                        .malformedDocument,
                        path: "",
                        reason: "a field has no name (byte \(start))"
                    )
                }
                fields.append((name, value))
            }
            start = end + 1
        }
        return fields
    }

    private static func decode(
        _ bytes: UnsafeBufferPointer<UInt8>,
        what: String
    ) throws(GeoReportDecodingError) -> String {
        guard let decoded = percentDecoded(bytes, plusIsSpace: true) else {
            throw GeoReportDecodingError(.malformedDocument, path: "", reason: "bad %-escape in \(what)")
        }
        guard let text = String(validating: decoded, as: UTF8.self) else {
            throw GeoReportDecodingError(.malformedDocument, path: "", reason: "\(what) is not UTF-8 text")
        }
        return text
    }

    /// The bytes `%XX` escapes stand for (and a space for each `+` in form encoding), or `nil`
    /// for an escape that is not two hexadecimal digits.
    static func percentDecoded(_ bytes: UnsafeBufferPointer<UInt8>, plusIsSpace: Bool) -> [UInt8]? {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "+") && plusIsSpace {
                output.append(0x20)
            } else if byte == UInt8(ascii: "%") {
                guard index + 2 < bytes.count, let high = hexValue(bytes[index + 1]),
                    let low = hexValue(bytes[index + 2])
                else { return nil }
                output.append(high << 4 | low)
                index += 2
            } else {
                output.append(byte)
            }
            index += 1
        }
        return output
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    /// Appends `name=value`, each percent-encoded, with `&` before every field but the first.
    static func append(_ name: String, _ value: String, to body: inout [UInt8]) {
        if !body.isEmpty { body.append(UInt8(ascii: "&")) }
        encode(name, to: &body)
        body.append(UInt8(ascii: "="))
        encode(value, to: &body)
    }

    /// Letters, digits and `-._~` as they are, a space as `+` (or `%20` in a path segment), every
    /// other byte as `%XX`.
    static func encode(_ text: String, to body: inout [UInt8], spaceAsPlus: Bool = true) {
        let hex = Array("0123456789ABCDEF".utf8)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"):
                body.append(byte)
            case 0x20 where spaceAsPlus:
                body.append(UInt8(ascii: "+"))
            default:
                body.append(UInt8(ascii: "%"))
                body.append(hex[Int(byte >> 4)])
                body.append(hex[Int(byte & 0x0F)])
            }
        }
    }
}
