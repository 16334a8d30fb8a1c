import Foundation

extension ImportMapping {
    /// Checks the mapping's rules and reports every problem at the path its JSON document would
    /// have (`$.status.values.Canceled.reasonCode`): blank names and columns, an unknown time zone,
    /// a reference system longer than 64 bytes, a date column without formats, a status map without
    /// values or with a close reason on a state other than closed, a code rule that can produce no
    /// code, a blank code.
    ///
    /// - Throws: ``ConfigurationError`` with code `invalidDocument` and every issue.
    public func validate() throws(ConfigurationError) {
        let log = ConfigurationIssueLog()
        Self.checkNames(
            name: name,
            referenceSystem: referenceSystem,
            timeZone: timeZoneIdentifier,
            sourceID: sourceID,
            log: log
        )
        Self.check(created, at: "$.created", log: log)
        if let closed { Self.check(closed, at: "$.closed", log: log) }
        if let due { Self.check(due, at: "$.due", log: log) }
        Self.check(status, at: "$.status", log: log)
        Self.check(serviceType, at: "$.serviceType", log: log)
        Self.check(department, at: "$.department", log: log)
        if let queue { Self.checkColumn(queue, at: "$.queue", log: log) }
        if let column = channel.column { Self.checkColumn(column, at: "$.channel.column", log: log) }
        Self.checkColumns(description, at: "$.description", log: log)
        Self.checkColumns(address, at: "$.address", log: log)
        if let coordinate { Self.check(coordinate, at: "$.coordinate", log: log) }
        if let resolutionNote { Self.checkColumn(resolutionNote, at: "$.resolutionNote", log: log) }
        try log.check()
    }

    // The rules, one function per part: validate() runs them all, and the JSON loader runs each
    // on the part it could read, so a document's rule problems are reported with its shape problems.

    static func checkNames(
        name: String?,
        referenceSystem: String?,
        timeZone: String?,
        sourceID: String?,
        log: ConfigurationIssueLog
    ) {
        if let name, name.isBlank { log.add("$.name", "must not be empty") }
        if let referenceSystem {
            if referenceSystem.isBlank { log.add("$.referenceSystem", "must not be empty") }
            if referenceSystem.utf8.count > 64 {
                log.add("$.referenceSystem", "must be at most 64 bytes (an external reference's system)")
            }
        }
        if let timeZone, TimeZone(identifier: timeZone) == nil {
            log.add("$.timeZone", "unknown time zone '\(timeZone)'")
        }
        if let sourceID { checkColumn(sourceID, at: "$.sourceID", log: log) }
    }

    static func checkColumn(_ column: String, at path: String, log: ConfigurationIssueLog) {
        if column.isBlank { log.add(path, "must not be empty") }
    }

    static func checkColumns(_ columns: [String], at path: String, log: ConfigurationIssueLog) {
        for (index, column) in columns.enumerated() { checkColumn(column, at: "\(path)[\(index)]", log: log) }
    }

    static func check(_ dates: DateColumn, at path: String, log: ConfigurationIssueLog) {
        checkColumn(dates.column, at: "\(path).column", log: log)
        if dates.formats.isEmpty { log.add("\(path).formats", "must list at least one format") }
    }

    static func check(_ status: StatusColumn, at path: String, log: ConfigurationIssueLog) {
        checkColumn(status.column, at: "\(path).column", log: log)
        if status.values.isEmpty { log.add("\(path).values", "must map at least one status") }
        for (value, outcome) in status.values.sorted(by: { $0.key < $1.key }) {
            let at = "\(path).values.\(value)"
            if value.isBlank { log.add(at, "a status value must not be empty") }
            guard let reason = outcome.closeReason else { continue }
            if outcome.state != .closed { log.add("\(at).closeReason", "only a closed state takes a close reason") }
            switch reason {
            case .completed, .cancelledByResident:
                break
            case .closedWithoutAction(let code):
                if code.isBlank { log.add("\(at).reasonCode", "must not be empty") }
            case .duplicate, .referred:
                log.add(
                    "\(at).closeReason",
                    "an import cannot close as a duplicate or referral; expected completed, closedWithoutAction or cancelledByResident"
                )
            }
        }
    }

    static func check(_ rule: CodeRule, at path: String, log: ConfigurationIssueLog) {
        if rule.columns.isEmpty { log.add("\(path).columns", "must name at least one column") }
        checkColumns(rule.columns, at: "\(path).columns", log: log)
        if !rule.derivesCodes, rule.values.isEmpty { log.add(path, "maps nothing: give values, or derive codes") }
        for (value, code) in rule.values.sorted(by: { $0.key < $1.key }) where code.isBlank {
            log.add("\(path).values.\(value)", "a code must not be empty")
        }
        if let nameColumn = rule.nameColumn { checkColumn(nameColumn, at: "\(path).nameColumn", log: log) }
    }

    static func check(_ coordinate: CoordinateColumns, at path: String, log: ConfigurationIssueLog) {
        switch coordinate {
        case .latitudeLongitude(let latitude, let longitude):
            checkColumn(latitude, at: "\(path).latitude", log: log)
            checkColumn(longitude, at: "\(path).longitude", log: log)
        case .point(let column):
            checkColumn(column, at: "\(path).point", log: log)
        }
    }
}
