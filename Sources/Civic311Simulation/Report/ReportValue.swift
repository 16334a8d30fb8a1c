import Civic311

/// A value of a report document: what the JSON, CSV and HTML renderers are built from.
///
/// Objects keep their keys in the order given, so documents read in a fixed, meaningful order and
/// the same outcome always prints byte for byte the same. Package-wide so the `call-day` example's
/// `erlang` answer is written the same way.
package enum ReportValue: Sendable {
    case integer(Int)
    case unsigned(UInt64)
    case number(Double?)
    case text(String)
    case flag(Bool)
    case list([ReportValue])
    case object([(String, ReportValue)])

    /// The value as compact JSON.
    var json: String {
        var output = ""
        write(into: &output)
        return output
    }

    /// The value as JSON with two-space indentation.
    package var prettyJSON: String {
        var output = ""
        writePretty(into: &output, indent: 0)
        return output
    }

    private func write(into output: inout String) {
        switch self {
        case .integer(let value): output += String(value)
        case .unsigned(let value): output += String(value)
        case .number(let value): output += Self.format(value)
        case .text(let value): Self.writeString(value, into: &output)
        case .flag(let value): output += value ? "true" : "false"
        case .list(let values):
            output += "["
            for (index, value) in values.enumerated() {
                if index > 0 { output += "," }
                value.write(into: &output)
            }
            output += "]"
        case .object(let members):
            output += "{"
            for (index, (key, value)) in members.enumerated() {
                if index > 0 { output += "," }
                Self.writeString(key, into: &output)
                output += ":"
                value.write(into: &output)
            }
            output += "}"
        }
    }

    private func writePretty(into output: inout String, indent: Int) {
        let padding = String(repeating: " ", count: indent + 2)
        switch self {
        case .list(let values) where !values.isEmpty:
            // Lists of scalars stay on one line; lists of objects get a line per element.
            if values.allSatisfy({ !$0.isContainer }) {
                write(into: &output)
                return
            }
            output += "[\n"
            for (index, value) in values.enumerated() {
                output += padding
                value.writePretty(into: &output, indent: indent + 2)
                output += index < values.count - 1 ? ",\n" : "\n"
            }
            output += String(repeating: " ", count: indent) + "]"
        case .object(let members) where !members.isEmpty:
            output += "{\n"
            for (index, (key, value)) in members.enumerated() {
                output += padding
                Self.writeString(key, into: &output)
                output += ": "
                value.writePretty(into: &output, indent: indent + 2)
                output += index < members.count - 1 ? ",\n" : "\n"
            }
            output += String(repeating: " ", count: indent) + "}"
        default:
            write(into: &output)
        }
    }

    private var isContainer: Bool {
        switch self {
        case .list, .object: true
        default: false
        }
    }

    /// Numbers rounded to six decimals, printed in Swift's shortest round-trip form; null when absent
    /// or not finite (JSON has no infinity).
    package static func format(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "null" }
        let rounded = (value * 1_000_000).rounded() / 1_000_000
        if rounded == rounded.rounded(), abs(rounded) < 1e15 { return String(Int(rounded)) }
        return "\(rounded)"
    }

    private static func writeString(_ value: String, into output: inout String) {
        output += "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: output.unicodeScalars.append(scalar)
            }
        }
        output += "\""
    }
}
