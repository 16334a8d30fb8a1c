import Foundation

extension RetentionSchedule {
    /// Loads a schedule from its JSON document: an object of the classes kept, each with its
    /// number of days after closure.
    ///
    /// ```json
    /// { "daysAfterClosure": { "residentIdentity": 730, "internalNotes": 365, "surveyComments": 90 } }
    /// ```
    ///
    /// - Throws: ``ConfigurationError`` with every problem at its JSON path
    ///   (`$.daysAfterClosure.internalNotes` for a period out of range or not a whole number,
    ///   `$.daysAfterClosure.notes` for an unknown class); nothing is loaded when there is any.
    public init(json data: Data) throws(ConfigurationError) {
        self = try JSONNode.load(data) { root -> RetentionSchedule? in
            guard root.expectObject() else { return nil }
            root.rejectUnknownKeys(["daysAfterClosure"])
            guard let periods = root.member("daysAfterClosure"), periods.expectObject(),
                let members = periods.sortedMembers
            else { return nil }
            periods.rejectUnknownKeys(Set(RetentionDataClass.allCases.map(\.rawValue)))
            var days: [RetentionDataClass: Int] = [:]
            var complete = true
            for (key, node) in members {
                guard let dataClass = RetentionDataClass(rawValue: key) else {
                    complete = false
                    continue
                }
                guard let value = node.intValue else {
                    complete = false
                    continue
                }
                guard (1...Self.maximumDays).contains(value) else {
                    node.issue("must be from 1 to \(Self.maximumDays) days, got \(value)")
                    complete = false
                    continue
                }
                days[dataClass] = value
            }
            guard complete else { return nil }
            return try? RetentionSchedule(daysAfterClosure: days)
        }
    }
}
