import Foundation

/// A first pass over an open-data file: the service types and departments its rows name, how
/// often, and how long their requests took, so that a city with no catalog can be imported onto
/// one derived from its own data (``jurisdiction(name:defaultTargetHours:)``).
///
/// The survey reads the file through the same mapping as the import, in constant memory apart
/// from its tallies; rows the mapping refuses (a bad date, an unknown status) are counted and
/// listed in ``problems``, as the import will report them.
public struct ImportSurvey: Sendable {
    /// One service type the file names.
    public struct ServiceTypeTally: Hashable, Sendable {
        public let code: ServiceTypeCode
        /// The name column's text in its first row, else the key it was derived from.
        public let name: String
        /// The department most of its rows belong to (the first seen among equals).
        public let department: DepartmentID
        public let rows: Int
        /// The median hours its rows were given (due date) or took (closing time), rounded up;
        /// `nil` when no row tells.
        public let medianHours: Double?
    }

    /// One department the file names.
    public struct DepartmentTally: Hashable, Sendable {
        public let id: DepartmentID
        /// The name column's text in its first row, else the key it was derived from.
        public let name: String
        public let rows: Int
    }

    public let mapping: ImportMapping
    /// Records read after the header.
    public let rowsRead: Int
    /// Rows the mapping refuses, as an import would report them (up to 10,000 listed).
    public let problems: [ImportRowProblem]
    /// How many rows the mapping refuses.
    public let refused: Int
    /// In code order.
    public let serviceTypes: [ServiceTypeTally]
    /// In code order.
    public let departments: [DepartmentTally]

    /// Surveys a file.
    ///
    /// - Throws: ``OpenDataImportError`` when the mapping is invalid (`missingColumn` is not
    ///   it: ``ImportMapping/validate()`` throws ``ConfigurationError`` first), the file cannot be
    ///   read, or its header lacks a required column.
    public init(fileAt url: URL, mapping: ImportMapping) throws {
        try mapping.validate()
        let reader: CSVReader
        do {
            reader = try CSVReader(fileAt: url)
        } catch {
            throw OpenDataImportError(.unreadableInput, reason: error.message, report: ImportReport())
        }
        try self.init(reader: reader, mapping: mapping)
    }

    /// Surveys CSV text already in memory; otherwise as ``init(fileAt:mapping:)``.
    public init(csv bytes: [UInt8], mapping: ImportMapping) throws {
        try mapping.validate()
        try self.init(reader: CSVReader(bytes: bytes), mapping: mapping)
    }

    private struct Tally {
        var name: String
        var rows = 0
        var departments: [DepartmentID: Int] = [:]
        var firstDepartment: DepartmentID
        /// Rows by whole hours (rounded up): a median needs no list of every row.
        var hours: [Int: Int] = [:]
    }

    private init(reader source: CSVReader, mapping: ImportMapping) throws(OpenDataImportError) {
        var reader = source
        func fail(_ code: OpenDataImportError.Code, _ reason: String) -> OpenDataImportError {
            OpenDataImportError(code, reason: reason, report: ImportReport())
        }
        var mapper: ImportRowMapper
        do {
            guard try reader.next() else { throw fail(.missingHeader, "the file is empty: no header row") }
        } catch let error as OpenDataImportError {
            throw error
        } catch {
            throw fail(.unreadableInput, "\(error)")
        }
        switch ImportRowMapper.make(mapping: mapping, header: reader.fields, readsNames: true) {
        case .success(let made): mapper = made
        case .failure(let missing):
            throw fail(
                .missingColumn,
                "the header has no column \(missing.names.map { "'\($0)'" }.joined(separator: ", "))"
            )
        }
        var read = 0
        var refused = 0
        var problems: [ImportRowProblem] = []
        var types: [ServiceTypeCode: Tally] = [:]
        var departments: [DepartmentID: (name: String, rows: Int)] = [:]
        while true {
            do {
                guard try reader.next() else { break }
            } catch {
                throw fail(.unreadableInput, error.message)
            }
            read += 1
            switch mapper.map(reader) {
            case .refused(let problem):
                refused += 1
                if problems.count < 10_000 { problems.append(problem) }
            case .row(let row):
                let typeName = row.serviceTypeName.flatMap { $0.isEmpty ? nil : $0 } ?? row.serviceTypeKey
                var tally = types[row.serviceType] ?? Tally(name: typeName, firstDepartment: row.department)
                tally.rows += 1
                tally.departments[row.department, default: 0] += 1
                let end = row.due ?? row.closed
                if let end, end > row.created {
                    tally.hours[Int((end.timeIntervalSince(row.created) / 3600).rounded(.up)), default: 0] += 1
                }
                types[row.serviceType] = tally
                let departmentName = row.departmentName.flatMap { $0.isEmpty ? nil : $0 } ?? row.departmentKey
                departments[row.department, default: (departmentName, 0)].rows += 1
            }
        }
        self.mapping = mapping
        rowsRead = read
        self.refused = refused
        self.problems = problems
        serviceTypes = types.sorted { $0.key < $1.key }.map { code, tally in
            let busiest = tally.departments.max { lhs, rhs in
                lhs.value != rhs.value ? lhs.value < rhs.value : lhs.key > rhs.key
            }
            return ServiceTypeTally(
                code: code,
                name: tally.name,
                department: busiest?.key ?? tally.firstDepartment,
                rows: tally.rows,
                medianHours: Self.median(tally.hours)
            )
        }
        self.departments = departments.sorted { $0.key < $1.key }.map {
            DepartmentTally(id: $0.key, name: $0.value.name, rows: $0.value.rows)
        }
    }

    private static func median(_ hours: [Int: Int]) -> Double? {
        let total = hours.values.reduce(0, +)
        guard total > 0 else { return nil }
        var seen = 0
        for (hour, count) in hours.sorted(by: { $0.key < $1.key }) {
            seen += count
            if seen * 2 >= total { return Double(max(1, hour)) }
        }
        return nil
    }

    /// A jurisdiction holding every department and service type the survey found: each service
    /// type belongs to its busiest department, in a group named after it, with its median hours as
    /// its target (`defaultTargetHours` when the file does not tell), in the mapping's time zone.
    ///
    /// - Throws: ``ConfigurationError`` when the jurisdiction's rules refuse it (a blank `name`,
    ///   a non-positive `defaultTargetHours`, at `$.serviceTypes[i].targetHours`).
    public func jurisdiction(name: String, defaultTargetHours: Double = 72) throws(ConfigurationError) -> Jurisdiction {
        let names = Dictionary(uniqueKeysWithValues: departments.map { ($0.id, $0.name) })
        return try Jurisdiction(
            name: name,
            timeZoneIdentifier: mapping.timeZoneIdentifier,
            departments: departments.map { Department(id: $0.id, name: $0.name) },
            serviceTypes: serviceTypes.map { tally in
                ServiceType(
                    id: tally.code,
                    name: tally.name,
                    group: names[tally.department] ?? tally.department.rawValue,
                    department: tally.department,
                    targetSeconds: (tally.medianHours ?? defaultTargetHours) * 3600
                )
            }
        )
    }
}
