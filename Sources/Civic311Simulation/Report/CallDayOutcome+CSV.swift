import Civic311
import Foundation

extension CallDayOutcome {
    /// The outcome as one CSV table in long form, `section,key,metric,value`: the same figures as the
    /// JSON document, one per row. `section` is `day` (whole-day figures, empty key), `staffing`,
    /// `channel` (key: the channel), `interval` (key: its start, `HH:MM`), `department` (key: its
    /// identifier) or `backlog` (key: the date). Empty values are figures without a value.
    public func csvDocument() -> String {
        var lines = ["section,key,metric,value"]
        guard case .object(let members) = document else { return lines.joined(separator: "\n") + "\n" }
        for (name, value) in members {
            switch (name, value) {
            case ("staffing", .object(let fields)):
                for (metric, field) in fields { lines.append(Self.row("staffing", "", metric, field)) }
            case (_, .list(let entries)):
                let section = Self.sectionNames[name] ?? name
                for entry in entries {
                    guard case .object(let fields) = entry, let (_, keyValue) = fields.first else { continue }
                    let key = Self.cell(keyValue)
                    for (metric, field) in fields.dropFirst() { lines.append(Self.row(section, key, metric, field)) }
                }
            default:
                lines.append(Self.row("day", "", name, value))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static let sectionNames = [
        "channels": "channel", "intervals": "interval", "departments": "department", "backlog": "backlog",
    ]

    private static func row(_ section: String, _ key: String, _ metric: String, _ value: ReportValue) -> String {
        [section, key, metric, cell(value)].map(quoted).joined(separator: ",")
    }

    private static func cell(_ value: ReportValue) -> String {
        switch value {
        case .text(let text): text
        case .number(let number): number.map { $0.isFinite ? ReportValue.format($0) : "" } ?? ""
        default: value.json
        }
    }

    /// RFC 4180 quoting, only where needed.
    private static func quoted(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
