import Foundation

/// Reads records through a mapping: finds the mapped columns in the header once, then turns each
/// record into an ``ImportRow`` or the problem that refuses it. The importer and the survey share
/// it, so they read a file the same way.
struct ImportRowMapper {
    let mapping: ImportMapping
    /// Fields in the header.
    let width: Int
    /// Optional columns the header lacks.
    let absentColumns: [String]
    /// Whether the code rules' name columns are read (the survey needs them; imports do not).
    let readsNames: Bool

    private let zone: ZoneOffsetTable
    private let sourceID: Int
    private let created: Int
    private let closed: Int?
    private let due: Int?
    private let status: Int
    private let serviceTypeColumns: [Int]
    private let departmentColumns: [Int]
    private let serviceTypeName: Int?
    private let departmentName: Int?
    private let queue: Int?
    private let channel: Int?
    private let description: [Int]
    private let address: [Int]
    private let latitude: Int?
    private let longitude: Int?
    private let point: Int?
    private let resolutionNote: Int?

    /// Codes already resolved from keys, so a key is derived once per file.
    private var serviceTypeCodes: [String: ServiceTypeCode] = [:]
    private var departmentCodes: [String: DepartmentID] = [:]

    /// Finds the mapping's columns in `header` (the first column of a repeated name).
    ///
    /// - Returns: `nil` with the required columns the header lacks, in mapping order.
    static func make(
        mapping: ImportMapping,
        header: [String],
        readsNames: Bool
    ) -> Result<ImportRowMapper, MissingColumns> {
        var positions: [String: Int] = [:]
        for (index, name) in header.enumerated() {
            let trimmed = name.trimmingASCIIWhitespace
            if positions[trimmed] == nil { positions[trimmed] = index }
        }
        var missing: [String] = []
        var absent: [String] = []
        func required(_ name: String) -> Int {
            if let index = positions[name] { return index }
            if !missing.contains(name) { missing.append(name) }
            return 0
        }
        func optional(_ name: String?) -> Int? {
            guard let name else { return nil }
            if let index = positions[name] { return index }
            if !absent.contains(name) { absent.append(name) }
            return nil
        }
        let mapper = ImportRowMapper(
            mapping: mapping,
            width: header.count,
            readsNames: readsNames,
            zone: ZoneOffsetTable(
                timeZone: TimeZone(identifier: mapping.timeZoneIdentifier) ?? .gmt,
                // 1900 through 2100: every date an open-data file holds.
                from: -2_208_988_800,
                through: 4_102_444_800
            ),
            sourceID: required(mapping.sourceID),
            created: required(mapping.created.column),
            closed: optional(mapping.closed?.column),
            due: optional(mapping.due?.column),
            status: required(mapping.status.column),
            serviceTypeColumns: mapping.serviceType.columns.map(required),
            departmentColumns: mapping.department.columns.map(required),
            serviceTypeName: readsNames ? optional(mapping.serviceType.nameColumn) : nil,
            departmentName: readsNames ? optional(mapping.department.nameColumn) : nil,
            queue: optional(mapping.queue),
            channel: optional(mapping.channel.column),
            description: mapping.description.compactMap(optional),
            address: mapping.address.compactMap(optional),
            latitude: {
                if case .latitudeLongitude(let latitude, _)? = mapping.coordinate { optional(latitude) } else { nil }
            }(),
            longitude: {
                if case .latitudeLongitude(_, let longitude)? = mapping.coordinate { optional(longitude) } else { nil }
            }(),
            point: { if case .point(let column)? = mapping.coordinate { optional(column) } else { nil } }(),
            resolutionNote: optional(mapping.resolutionNote),
            absentColumns: absent
        )
        return missing.isEmpty ? .success(mapper) : .failure(MissingColumns(names: missing))
    }

    struct MissingColumns: Error {
        let names: [String]
    }

    private init(
        mapping: ImportMapping,
        width: Int,
        readsNames: Bool,
        zone: ZoneOffsetTable,
        sourceID: Int,
        created: Int,
        closed: Int?,
        due: Int?,
        status: Int,
        serviceTypeColumns: [Int],
        departmentColumns: [Int],
        serviceTypeName: Int?,
        departmentName: Int?,
        queue: Int?,
        channel: Int?,
        description: [Int],
        address: [Int],
        latitude: Int?,
        longitude: Int?,
        point: Int?,
        resolutionNote: Int?,
        absentColumns: [String]
    ) {
        self.mapping = mapping
        self.width = width
        self.readsNames = readsNames
        self.zone = zone
        self.sourceID = sourceID
        self.created = created
        self.closed = closed
        self.due = due
        self.status = status
        self.serviceTypeColumns = serviceTypeColumns
        self.departmentColumns = departmentColumns
        self.serviceTypeName = serviceTypeName
        self.departmentName = departmentName
        self.queue = queue
        self.channel = channel
        self.description = description
        self.address = address
        self.latitude = latitude
        self.longitude = longitude
        self.point = point
        self.resolutionNote = resolutionNote
        self.absentColumns = absentColumns
    }

    /// The current record of `reader` as a row, or the problem that refuses it.
    /// A record read through the mapping.
    enum Outcome {
        case row(ImportRow)
        case refused(ImportRowProblem)
    }

    mutating func map(_ reader: CSVReader) -> Outcome {
        let line = reader.line
        let id = Self.text(reader, sourceID)
        func problem(_ code: ImportRowProblem.Code, _ column: String?, _ reason: String) -> ImportRowProblem {
            ImportRowProblem(
                line: line,
                sourceID: id.isEmpty ? nil : id,
                code: code,
                column: column,
                reason: reason,
                isImported: false
            )
        }
        if let malformation = reader.malformation { return .refused(problem(.malformedRecord, nil, malformation)) }
        guard reader.fieldCount == width else {
            return .refused(
                problem(.fieldCount, nil, "the header has \(width) fields, this record \(reader.fieldCount)")
            )
        }
        guard !id.isEmpty else { return .refused(problem(.missingValue, mapping.sourceID, "no source ID")) }

        // Dates.
        let createdDate: Date
        switch date(reader, created, mapping.created) {
        case .blank: return .refused(problem(.missingValue, mapping.created.column, "no creation time"))
        case .invalid(let text): return .refused(invalidDate(problem, mapping.created, text))
        case .date(let date): createdDate = date
        }
        let statusText = Self.text(reader, status)
        guard !statusText.isEmpty else { return .refused(problem(.missingValue, mapping.status.column, "no status")) }
        guard let outcome = mapping.status.values[statusText] else {
            return .refused(
                problem(.unknownStatus, mapping.status.column, "status '\(statusText)' is not in the mapping")
            )
        }
        var closedDate: Date?
        if let closedColumn = mapping.closed {
            switch date(reader, closed, closedColumn) {
            case .blank: break
            case .invalid(let text): return .refused(invalidDate(problem, closedColumn, text))
            case .date(let date): closedDate = date
            }
        }
        var repairs: [ImportRowProblem] = []
        if outcome.state.isOpen {
            // An open request has no closing time, whatever the file says.
            closedDate = nil
        } else if let closedAt = closedDate {
            if closedAt < createdDate {
                repairs.append(
                    ImportRowProblem(
                        line: line,
                        sourceID: id,
                        code: .closedBeforeCreated,
                        column: mapping.closed?.column,
                        reason:
                            "closed at \(closedAt.messageText), before its creation at \(createdDate.messageText); closed at creation instead",
                        isImported: true
                    )
                )
                closedDate = createdDate
            }
        } else {
            return .refused(
                problem(
                    .missingValue,
                    mapping.closed?.column,
                    "status '\(statusText)' is \(outcome.state.rawValue) but the row has no closing time"
                )
            )
        }
        var dueDate: Date?
        if let dueColumn = mapping.due {
            switch date(reader, due, dueColumn) {
            case .blank: break
            case .invalid(let text): return .refused(invalidDate(problem, dueColumn, text))
            case .date(let date): dueDate = date
            }
        }

        // Codes.
        let serviceTypeKey = Self.key(reader, serviceTypeColumns)
        guard !serviceTypeKey.isEmpty else {
            return .refused(problem(.missingValue, mapping.serviceType.columns.first, "no service type"))
        }
        guard let serviceTypeCode = Self.code(serviceTypeKey, mapping.serviceType, cache: &serviceTypeCodes) else {
            return .refused(
                problem(
                    .unmappedValue,
                    mapping.serviceType.columns.first,
                    "service type '\(serviceTypeKey)' is not mapped"
                )
            )
        }
        let departmentKey = Self.key(reader, departmentColumns)
        guard !departmentKey.isEmpty else {
            return .refused(problem(.missingValue, mapping.department.columns.first, "no department"))
        }
        guard let departmentCode = Self.code(departmentKey, mapping.department, cache: &departmentCodes) else {
            return .refused(
                problem(.unmappedValue, mapping.department.columns.first, "department '\(departmentKey)' is not mapped")
            )
        }

        // Descriptive values.
        var channelValue = mapping.channel.fallback
        if let channel {
            let text = Self.text(reader, channel)
            if !text.isEmpty, let mapped = mapping.channel.values[text] { channelValue = mapped }
        }
        let descriptionText = Self.joined(reader, description, separator: " — ")
        let addressText = Self.joined(reader, address, separator: ", ")
        var coordinate: Coordinate?
        switch self.coordinate(reader) {
        case .none: break
        case .some(.success(let value)): coordinate = value
        case .some(.failure(let reason)):
            repairs.append(
                ImportRowProblem(
                    line: line,
                    sourceID: id,
                    code: .invalidCoordinate,
                    column: coordinateColumnName,
                    reason: "\(reason); imported without a coordinate",
                    isImported: true
                )
            )
        }
        let queueText = queue.map { Self.text(reader, $0) } ?? ""
        let note = resolutionNote.map { Self.text(reader, $0) } ?? ""
        return .row(
            ImportRow(
                line: line,
                sourceID: id,
                created: createdDate,
                closed: closedDate,
                due: dueDate,
                statusText: statusText,
                outcome: outcome,
                serviceTypeKey: serviceTypeKey,
                serviceType: serviceTypeCode,
                departmentKey: departmentKey,
                department: departmentCode,
                serviceTypeName: serviceTypeName.map { Self.text(reader, $0) },
                departmentName: departmentName.map { Self.text(reader, $0) },
                queue: queueText.isEmpty ? nil : queueText,
                channel: channelValue,
                description: descriptionText.isEmpty ? serviceTypeKey : descriptionText,
                address: addressText.isEmpty ? nil : addressText,
                coordinate: coordinate,
                resolutionNote: note.isEmpty ? nil : note,
                repairs: repairs
            )
        )
    }

    // MARK: Values

    private enum DateCell {
        case blank
        case invalid(String)
        case date(Date)
    }

    private func date(_ reader: CSVReader, _ index: Int?, _ column: ImportMapping.DateColumn) -> DateCell {
        guard let index else { return .blank }
        return reader.withField(index) { raw in
            let bytes = raw.trimmingASCIIWhitespace
            guard !bytes.isEmpty else { return .blank }
            for format in column.formats {
                if let local = format.localSeconds(bytes) {
                    return .date(Date(timeIntervalSince1970: zone.utc(forLocal: local)))
                }
            }
            return .invalid(String(decoding: bytes, as: UTF8.self))
        }
    }

    private func invalidDate(
        _ problem: (ImportRowProblem.Code, String?, String) -> ImportRowProblem,
        _ column: ImportMapping.DateColumn,
        _ text: String
    ) -> ImportRowProblem {
        let formats = column.formats.map { "\"\($0.pattern)\"" }.joined(separator: " or ")
        return problem(.invalidDate, column.column, "'\(text)' is not a date in the form \(formats)")
    }

    private var coordinateColumnName: String? {
        switch mapping.coordinate {
        case .latitudeLongitude(let latitude, let longitude)?: "\(latitude), \(longitude)"
        case .point(let column)?: column
        case nil: nil
        }
    }

    /// `nil` when the row has no coordinate; otherwise the coordinate or why it is unusable.
    private func coordinate(_ reader: CSVReader) -> Result<Coordinate, CoordinateProblem>? {
        var latitudeText = ""
        var longitudeText = ""
        if let latitude, let longitude {
            latitudeText = Self.text(reader, latitude)
            longitudeText = Self.text(reader, longitude)
            if latitudeText.isEmpty, longitudeText.isEmpty { return nil }
        } else if let point {
            let text = Self.text(reader, point)
            if text.isEmpty { return nil }
            var inner = Substring(text)
            if inner.first == "(", inner.last == ")" { inner = inner.dropFirst().dropLast() }
            let parts = inner.split(separator: ",", omittingEmptySubsequences: false)
            guard parts.count == 2 else {
                return .failure(CoordinateProblem("'\(text)' is not \"(latitude, longitude)\""))
            }
            latitudeText = parts[0].trimmingASCIIWhitespace
            longitudeText = parts[1].trimmingASCIIWhitespace
        } else {
            return nil
        }
        guard let latitude = Double(latitudeText), let longitude = Double(longitudeText) else {
            return .failure(CoordinateProblem("'\(latitudeText)', '\(longitudeText)' is not a pair of numbers"))
        }
        do {
            return .success(try Coordinate(latitude: latitude, longitude: longitude))
        } catch {
            return .failure(CoordinateProblem(error.reason))
        }
    }

    private struct CoordinateProblem: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }

    /// Field `index`, trimmed.
    private static func text(_ reader: CSVReader, _ index: Int) -> String {
        reader.withField(index) { String(decoding: $0.trimmingASCIIWhitespace, as: UTF8.self) }
    }

    /// The non-blank trimmed values of `columns`, joined with `" / "`.
    private static func key(_ reader: CSVReader, _ columns: [Int]) -> String {
        if columns.count == 1 { return text(reader, columns[0]) }
        return joined(reader, columns, separator: " / ")
    }

    private static func joined(_ reader: CSVReader, _ columns: [Int], separator: String) -> String {
        var result = ""
        for column in columns {
            let value = text(reader, column)
            guard !value.isEmpty else { continue }
            if !result.isEmpty { result += separator }
            result += value
        }
        return result
    }

    private static func code<Tag>(
        _ key: String,
        _ rule: ImportMapping.CodeRule,
        cache: inout [String: Identifier<Tag>]
    ) -> Identifier<Tag>? {
        if let known = cache[key] { return known }
        let code: String
        if let mapped = rule.values[key] {
            code = mapped
        } else if rule.derivesCodes {
            code = ImportMapping.CodeRule.derivedCode(key)
            guard !code.isEmpty else { return nil }
        } else {
            return nil
        }
        let identifier = Identifier<Tag>(code)
        cache[key] = identifier
        return identifier
    }
}

extension UnsafeBufferPointer<UInt8> {
    /// The bytes without leading and trailing ASCII spaces, tabs and line breaks.
    var trimmingASCIIWhitespace: UnsafeBufferPointer<UInt8> {
        var start = 0
        var end = count
        while start < end, self[start] <= 0x20 { start += 1 }
        while end > start, self[end - 1] <= 0x20 { end -= 1 }
        return UnsafeBufferPointer(rebasing: self[start..<end])
    }
}

extension StringProtocol {
    /// The text without leading and trailing ASCII white space.
    var trimmingASCIIWhitespace: String {
        let bytes = Array(utf8)
        var start = 0
        var end = bytes.count
        while start < end, bytes[start] <= 0x20 { start += 1 }
        while end > start, bytes[end - 1] <= 0x20 { end -= 1 }
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }
}
