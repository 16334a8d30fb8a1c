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
        check(root: "$", log: log)
        try log.check()
    }

    /// The rules, shared by ``validate()`` and ``init(json:)`` so code and JSON never disagree.
    func check(root: String, log: ConfigurationIssueLog) {
        func blank(_ text: String, _ path: String) {
            if text.isBlank { log.add("\(root).\(path)", "must not be empty") }
        }
        blank(name, "name")
        blank(referenceSystem, "referenceSystem")
        if referenceSystem.utf8.count > 64 {
            log.add("\(root).referenceSystem", "must be at most 64 bytes (an external reference's system)")
        }
        if TimeZone(identifier: timeZoneIdentifier) == nil {
            log.add("\(root).timeZone", "unknown time zone '\(timeZoneIdentifier)'")
        }
        blank(sourceID, "sourceID")
        for (key, dates) in [("created", created), ("closed", closed), ("due", due)] {
            guard let dates else { continue }
            blank(dates.column, "\(key).column")
            if dates.formats.isEmpty { log.add("\(root).\(key).formats", "must list at least one format") }
        }
        blank(status.column, "status.column")
        if status.values.isEmpty { log.add("\(root).status.values", "must map at least one status") }
        for (value, outcome) in status.values.sorted(by: { $0.key < $1.key }) {
            let path = "\(root).status.values.\(value)"
            if value.isBlank { log.add(path, "a status value must not be empty") }
            guard let reason = outcome.closeReason else { continue }
            if outcome.state != .closed {
                log.add("\(path).closeReason", "only a closed state takes a close reason")
            }
            switch reason {
            case .completed, .cancelledByResident:
                break
            case .closedWithoutAction(let code):
                if code.isBlank { log.add("\(path).reasonCode", "must not be empty") }
            case .duplicate, .referred:
                log.add(
                    "\(path).closeReason",
                    "an import cannot close as a duplicate or referral; expected completed, closedWithoutAction or cancelledByResident"
                )
            }
        }
        for (key, rule) in [("serviceType", serviceType), ("department", department)] {
            if rule.columns.isEmpty { log.add("\(root).\(key).columns", "must name at least one column") }
            for (index, column) in rule.columns.enumerated() { blank(column, "\(key).columns[\(index)]") }
            if !rule.derivesCodes, rule.values.isEmpty {
                log.add("\(root).\(key)", "maps nothing: give values, or derive codes")
            }
            for (value, code) in rule.values.sorted(by: { $0.key < $1.key }) where code.isBlank {
                log.add("\(root).\(key).values.\(value)", "a code must not be empty")
            }
            if let nameColumn = rule.nameColumn { blank(nameColumn, "\(key).nameColumn") }
        }
        if let queue { blank(queue, "queue") }
        if let column = channel.column { blank(column, "channel.column") }
        for (index, column) in description.enumerated() { blank(column, "description[\(index)]") }
        for (index, column) in address.enumerated() { blank(column, "address[\(index)]") }
        switch coordinate {
        case .latitudeLongitude(let latitude, let longitude)?:
            blank(latitude, "coordinate.latitude")
            blank(longitude, "coordinate.longitude")
        case .point(let column)?:
            blank(column, "coordinate.point")
        case nil:
            break
        }
        if let resolutionNote { blank(resolutionNote, "resolutionNote") }
    }
}
