import Foundation

extension ImportMapping {
    /// Loads a mapping from its JSON document.
    ///
    /// ```json
    /// { "name": "boston311", "referenceSystem": "boston-open-data", "timeZone": "America/New_York",
    ///   "sourceID": "CASE_ENQUIRY_ID",
    ///   "created": { "column": "OPEN_DT", "formats": ["yyyy-MM-dd HH:mm:ss"] },
    ///   "status": { "column": "CASE_STATUS", "values": { "Open": "new", "Closed": "closed",
    ///     "Canceled": { "state": "closed", "closeReason": "closedWithoutAction", "reasonCode": "CANCELED" } } },
    ///   "serviceType": { "columns": ["TYPE"], "derive": true },
    ///   "department": { "columns": ["Department"], "derive": true, "nameColumn": "SUBJECT" },
    ///   "channel": { "column": "Source", "values": { "Constituent Call": "phone" }, "fallback": "phone" } }
    /// ```
    ///
    /// Optional keys: `closed`, `due` (date columns like `created`), `queue`, `resolutionNote`
    /// (column names), `description`, `address` (arrays of column names), `coordinate`
    /// (`{ "latitude": …, "longitude": … }` or `{ "point": … }`); in a code rule `values` and
    /// `nameColumn`, and `derive` (false when left out). Every problem is reported at its JSON
    /// path (`$.status.values.Closed`, `$.created.formats[0]`), unknown keys included, and nothing
    /// is loaded when there is any.
    public init(json data: Data) throws(ConfigurationError) {
        self = try JSONNode.load(data) { root -> ImportMapping? in
            guard root.expectObject() else { return nil }
            root.rejectUnknownKeys([
                "name", "referenceSystem", "timeZone", "sourceID", "created", "closed", "due", "status",
                "serviceType", "department", "queue", "channel", "description", "address", "coordinate",
                "resolutionNote",
            ])
            let log = root.log
            let name = root.member("name")?.stringValue
            let system = root.member("referenceSystem")?.stringValue
            let timeZone = root.member("timeZone")?.stringValue
            let sourceID = root.member("sourceID")?.stringValue
            Self.checkNames(name: name, referenceSystem: system, timeZone: timeZone, sourceID: sourceID, log: log)
            // Each part's rules run on what could be read, so one run reports every problem.
            func checked<Part>(
                _ part: Part?,
                _ key: String,
                _ rule: (Part, String, ConfigurationIssueLog) -> Void
            )
                -> Part?
            {
                if let part { rule(part, "$.\(key)", log) }
                return part
            }
            let created = checked(root.member("created").flatMap(Self.dateColumn), "created", Self.check)
            let closed = root.member("closed", required: false).map {
                checked(Self.dateColumn($0), "closed", Self.check)
            }
            let due = root.member("due", required: false).map { checked(Self.dateColumn($0), "due", Self.check) }
            let status = checked(root.member("status").flatMap(Self.statusColumn), "status", Self.check)
            let serviceType = checked(root.member("serviceType").flatMap(Self.codeRule), "serviceType", Self.check)
            let department = checked(root.member("department").flatMap(Self.codeRule), "department", Self.check)
            let queue = checked(root.member("queue", required: false)?.stringValue, "queue", Self.checkColumn)
            let channel = root.member("channel").flatMap(Self.channelColumn)
            if let column = channel?.column { Self.checkColumn(column, at: "$.channel.column", log: log) }
            let description = checked(
                Self.columns(root.member("description", required: false)),
                "description",
                Self.checkColumns
            )
            let address = checked(Self.columns(root.member("address", required: false)), "address", Self.checkColumns)
            let coordinate = root.member("coordinate", required: false).map {
                checked(Self.coordinateColumns($0), "coordinate", Self.check)
            }
            let resolutionNote = checked(
                root.member("resolutionNote", required: false)?.stringValue,
                "resolutionNote",
                Self.checkColumn
            )
            guard let name, let system, let timeZone, let sourceID, let created, let status, let serviceType,
                let department, let channel, let description, let address
            else { return nil }
            // A member that was present but unreadable has logged its problem: nothing is built.
            guard closed.map({ $0 != nil }) ?? true, due.map({ $0 != nil }) ?? true,
                coordinate.map({ $0 != nil }) ?? true
            else { return nil }
            return ImportMapping(
                name: name,
                referenceSystem: system,
                timeZoneIdentifier: timeZone,
                sourceID: sourceID,
                created: created,
                closed: closed ?? nil,
                due: due ?? nil,
                status: status,
                serviceType: serviceType,
                department: department,
                queue: queue,
                channel: channel,
                description: description,
                address: address,
                coordinate: coordinate ?? nil,
                resolutionNote: resolutionNote
            )
        }
    }

    /// The mapping as its JSON document, which ``init(json:)`` reads back to an equal value.
    /// Keys are sorted, so the document of a mapping is always the same bytes.
    public func jsonData() -> Data {
        struct Dates: Encodable {
            let column: String
            let formats: [String]
            init(_ dates: DateColumn) {
                column = dates.column
                formats = dates.formats.map(\.pattern)
            }
        }
        struct Outcome: Encodable {
            let outcome: StatusOutcome
            func encode(to encoder: any Encoder) throws {
                guard let reason = outcome.closeReason else {
                    var single = encoder.singleValueContainer()
                    try single.encode(outcome.state.rawValue)
                    return
                }
                var object = encoder.container(keyedBy: Keys.self)
                try object.encode(outcome.state.rawValue, forKey: .state)
                switch reason {
                case .closedWithoutAction(let code):
                    try object.encode("closedWithoutAction", forKey: .closeReason)
                    try object.encode(code, forKey: .reasonCode)
                case .cancelledByResident:
                    try object.encode("cancelledByResident", forKey: .closeReason)
                case .completed:
                    try object.encode("completed", forKey: .closeReason)
                case .duplicate, .referred:
                    break  // refused by validation: no valid mapping holds them
                }
            }
            enum Keys: String, CodingKey { case state, closeReason, reasonCode }
        }
        struct Status: Encodable {
            let column: String
            let values: [String: Outcome]
        }
        struct Codes: Encodable {
            let columns: [String]
            let values: [String: String]
            let derive: Bool
            let nameColumn: String?
        }
        struct Channels: Encodable {
            let column: String?
            let values: [String: String]
            let fallback: String
        }
        struct Point: Encodable {
            let latitude: String?
            let longitude: String?
            let point: String?
        }
        struct Document: Encodable {
            let name: String
            let referenceSystem: String
            let timeZone: String
            let sourceID: String
            let created: Dates
            let closed: Dates?
            let due: Dates?
            let status: Status
            let serviceType: Codes
            let department: Codes
            let queue: String?
            let channel: Channels
            let description: [String]
            let address: [String]
            let coordinate: Point?
            let resolutionNote: String?
        }
        func codes(_ rule: CodeRule) -> Codes {
            Codes(columns: rule.columns, values: rule.values, derive: rule.derivesCodes, nameColumn: rule.nameColumn)
        }
        let point: Point? =
            switch coordinate {
            case .latitudeLongitude(let latitude, let longitude)?:
                Point(latitude: latitude, longitude: longitude, point: nil)
            case .point(let column)?: Point(latitude: nil, longitude: nil, point: column)
            case nil: nil
            }
        let document = Document(
            name: name,
            referenceSystem: referenceSystem,
            timeZone: timeZoneIdentifier,
            sourceID: sourceID,
            created: Dates(created),
            closed: closed.map(Dates.init),
            due: due.map(Dates.init),
            status: Status(column: status.column, values: status.values.mapValues(Outcome.init)),
            serviceType: codes(serviceType),
            department: codes(department),
            queue: queue,
            channel: Channels(
                column: channel.column,
                values: channel.values.mapValues(\.rawValue),
                fallback: channel.fallback.rawValue
            ),
            description: description,
            address: address,
            coordinate: point,
            resolutionNote: resolutionNote
        )
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // Strings, booleans, arrays and objects of them: encoding cannot fail.
        return (try? encoder.encode(document)) ?? Data()
    }

    // MARK: Reading the parts

    private static func columns(_ node: JSONNode?) -> [String]? {
        guard let node else { return [] }
        guard let elements = node.arrayValue else { return nil }
        let names = elements.compactMap(\.stringValue)
        return names.count == elements.count ? names : nil
    }

    private static func dateColumn(_ node: JSONNode) -> DateColumn? {
        guard node.expectObject() else { return nil }
        node.rejectUnknownKeys(["column", "formats"])
        let column = node.member("column")?.stringValue
        var formats: [DateFormat] = []
        var allRead = true
        if let elements = node.array("formats") {
            for element in elements {
                guard let pattern = element.stringValue else {
                    allRead = false
                    continue
                }
                do {
                    formats.append(try DateFormat(pattern))
                } catch {
                    element.issue(error.reason)
                    allRead = false
                }
            }
        } else {
            allRead = false
        }
        guard let column, allRead else { return nil }
        return DateColumn(column, formats: formats)
    }

    private static func statusColumn(_ node: JSONNode) -> StatusColumn? {
        guard node.expectObject() else { return nil }
        node.rejectUnknownKeys(["column", "values"])
        let column = node.member("column")?.stringValue
        guard let members = node.member("values")?.sortedMembers else { return nil }
        var values: [String: StatusOutcome] = [:]
        var allRead = true
        for (key, value) in members {
            if let outcome = statusOutcome(value) { values[key] = outcome } else { allRead = false }
        }
        guard let column, allRead else { return nil }
        return StatusColumn(column, values: values)
    }

    private static let stateNames = RequestState.allCases.map(\.rawValue).joined(separator: ", ")

    private static func statusOutcome(_ node: JSONNode) -> StatusOutcome? {
        func state(_ node: JSONNode) -> RequestState? {
            guard let text = node.stringValue else { return nil }
            guard let state = RequestState(rawValue: text) else {
                node.issue("unknown state '\(text)'; expected one of \(stateNames)")
                return nil
            }
            return state
        }
        if case .string = node.value { return state(node).map { StatusOutcome($0) } }
        guard node.expectObject() else { return nil }
        node.rejectUnknownKeys(["state", "closeReason", "reasonCode"])
        let target = node.member("state").flatMap(state)
        var reason: Closure.Reason?
        var readable = true
        if let text = node.member("closeReason", required: false)?.stringValue {
            switch text {
            case "completed": reason = .completed
            case "cancelledByResident": reason = .cancelledByResident
            case "closedWithoutAction":
                if let code = node.member("reasonCode")?.stringValue {
                    reason = .closedWithoutAction(code: code)
                } else {
                    readable = false
                }
            default:
                node.issue(
                    at: "closeReason",
                    "unknown close reason '\(text)'; expected completed, closedWithoutAction or cancelledByResident"
                )
                readable = false
            }
        }
        if node.has("reasonCode"), reason.map({ if case .closedWithoutAction = $0 { false } else { true } }) ?? true {
            node.issue(at: "reasonCode", "only allowed with closeReason closedWithoutAction")
        }
        guard let target, readable else { return nil }
        return StatusOutcome(target, closeReason: reason)
    }

    private static func codeRule(_ node: JSONNode) -> CodeRule? {
        guard node.expectObject() else { return nil }
        node.rejectUnknownKeys(["columns", "values", "derive", "nameColumn"])
        let columns = columns(node.member("columns"))
        var values: [String: String] = [:]
        var allRead = true
        if let members = node.member("values", required: false)?.sortedMembers {
            for (key, value) in members {
                if let code = value.stringValue { values[key] = code } else { allRead = false }
            }
        } else if node.has("values") {
            allRead = false
        }
        let derive = node.bool("derive", required: false) ?? false
        let nameColumn = node.member("nameColumn", required: false)?.stringValue
        guard let columns, allRead else { return nil }
        return CodeRule(columns: columns, values: values, derivesCodes: derive, nameColumn: nameColumn)
    }

    private static let channelNames = Channel.allCases.map(\.rawValue).joined(separator: ", ")

    private static func channelColumn(_ node: JSONNode) -> ChannelColumn? {
        guard node.expectObject() else { return nil }
        node.rejectUnknownKeys(["column", "values", "fallback"])
        func channel(_ node: JSONNode) -> Channel? {
            guard let text = node.stringValue else { return nil }
            guard let channel = Channel(rawValue: text) else {
                node.issue("unknown channel '\(text)'; expected one of \(channelNames)")
                return nil
            }
            return channel
        }
        let column = node.member("column", required: false)?.stringValue
        var values: [String: Channel] = [:]
        var allRead = true
        if let members = node.member("values", required: false)?.sortedMembers {
            for (key, value) in members {
                if let mapped = channel(value) { values[key] = mapped } else { allRead = false }
            }
        } else if node.has("values") {
            allRead = false
        }
        let fallback = node.member("fallback").flatMap(channel)
        guard let fallback, allRead else { return nil }
        return ChannelColumn(column, values: values, fallback: fallback)
    }

    private static func coordinateColumns(_ node: JSONNode) -> CoordinateColumns? {
        guard node.expectObject() else { return nil }
        node.rejectUnknownKeys(["latitude", "longitude", "point"])
        if node.has("point") {
            for key in ["latitude", "longitude"] where node.has(key) {
                node.issue(at: key, "not allowed with point: give either point or latitude and longitude")
            }
            return node.member("point")?.stringValue.map { .point($0) }
        }
        let latitude = node.member("latitude")?.stringValue
        let longitude = node.member("longitude")?.stringValue
        guard let latitude, let longitude else { return nil }
        return .latitudeLongitude(latitude: latitude, longitude: longitude)
    }
}
