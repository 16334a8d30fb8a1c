import Foundation

// One row in each format. Both walk OpenDataColumn.allCases, so the formats cannot disagree
// about the order of the columns.
extension OpenDataRow {
    /// A cell's value, before a format writes it.
    enum Value {
        case text(String)
        case time(Date)
        case coordinate(Double, decimals: Int)
        case flag(Bool)
        case absent
    }

    func value(_ column: OpenDataColumn) -> Value {
        switch column {
        case .ticket: .text(ticket.description)
        case .created: .time(created)
        case .closed: closed.map(Value.time) ?? .absent
        case .department: .text(department.rawValue)
        case .departmentName: .text(departmentName)
        case .serviceType: .text(serviceType.rawValue)
        case .serviceTypeName: .text(serviceTypeName)
        case .descriptor: descriptor.map(Value.text) ?? .absent
        case .description: description.map(Value.text) ?? .absent
        case .status: .text(status)
        case .resolution: resolution.map(Value.text) ?? .absent
        case .resolutionUpdated: resolutionUpdated.map(Value.time) ?? .absent
        case .locationPrecision: .text(locationPrecision.rawValue)
        case .address: address.map(Value.text) ?? .absent
        case .latitude: latitude.map { .coordinate($0, decimals: coordinateDecimals) } ?? .absent
        case .longitude: longitude.map { .coordinate($0, decimals: coordinateDecimals) } ?? .absent
        case .district: district.map(Value.text) ?? .absent
        case .channel: .text(channel.rawValue)
        case .due: .time(due)
        case .onTime: onTime.map(Value.flag) ?? .absent
        }
    }

    /// One CSV record, CRLF-terminated.
    func writeCSV(into text: inout OpenDataText) {
        for (index, column) in OpenDataColumn.allCases.enumerated() {
            if index > 0 { text.append(byte: 0x2C) }
            switch value(column) {
            case .text(let string): text.appendCSVField(string)
            case .time(let date): text.appendTimestamp(date)
            case .coordinate(let number, let decimals): text.appendFixed(number, decimals: decimals)
            case .flag(let flag): text.append(flag ? "true" : "false")
            case .absent: break
            }
        }
        text.append("\r\n")
    }

    /// One JSON object on one line, keys in column order, absent values `null`.
    func writeJSON(into text: inout OpenDataText) {
        text.append(byte: 0x7B)
        for (index, column) in OpenDataColumn.allCases.enumerated() {
            if index > 0 { text.append(byte: 0x2C) }
            text.appendJSONString(column.rawValue)
            text.append(byte: 0x3A)
            switch value(column) {
            case .text(let string): text.appendJSONString(string)
            case .time(let date):
                text.append(byte: 0x22)
                text.appendTimestamp(date)
                text.append(byte: 0x22)
            case .coordinate(let number, let decimals): text.appendFixed(number, decimals: decimals)
            case .flag(let flag): text.append(flag ? "true" : "false")
            case .absent: text.append("null")
            }
        }
        text.append(byte: 0x7D)
    }
}
