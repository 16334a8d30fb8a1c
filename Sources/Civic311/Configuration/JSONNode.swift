import Foundation

/// Collects configuration problems while a loader walks a document.
///
/// Loaders keep going after a problem so that one run reports everything; only when the log is
/// empty at the end is anything built.
package final class ConfigurationIssueLog {
    package private(set) var issues: [ConfigurationIssue] = []

    package init() {}

    package func add(_ path: String, _ reason: String) {
        issues.append(ConfigurationIssue(path: path, reason: reason))
    }

    package var isEmpty: Bool { issues.isEmpty }

    /// Throws the collected issues, if any.
    package func check() throws(ConfigurationError) {
        if !issues.isEmpty { throw ConfigurationError(.invalidDocument, issues: issues) }
    }
}

/// A value inside a configuration document, with its JSON path and the log it reports to.
///
/// Accessors return `nil` after logging an issue when a value is missing or has the wrong type, so a
/// loader reads as a straight description of the document's shape.
package struct JSONNode {
    package let value: JSONValue
    package let path: String
    package let log: ConfigurationIssueLog

    package init(_ value: JSONValue, path: String = "$", log: ConfigurationIssueLog) {
        self.value = value
        self.path = path
        self.log = log
    }

    /// Records a problem with this node.
    package func issue(_ reason: String) { log.add(path, reason) }

    /// Records a problem with one member of this object.
    package func issue(at key: String, _ reason: String) { log.add(childPath(key), reason) }

    package func childPath(_ key: String) -> String { "\(path).\(key)" }

    private var members: [String: JSONValue]? {
        if case .object(let members) = value { return members }
        return nil
    }

    /// The members of this object, in key order; `nil` (logged) when it is no object.
    package var sortedMembers: [(key: String, node: JSONNode)]? {
        guard expectObject(), let members else { return nil }
        return members.keys.sorted().map { key in
            (key, JSONNode(members[key] ?? .null, path: childPath(key), log: log))
        }
    }

    /// Checks that this node is an object; logs and returns false otherwise.
    package func expectObject() -> Bool {
        if members == nil {
            issue("expected an object, found \(value.typeName)")
            return false
        }
        return true
    }

    /// Logs every member whose key is not in `allowed`: a misspelt key is a mistake, not a default.
    package func rejectUnknownKeys(_ allowed: Set<String>) {
        guard let members else { return }
        for key in members.keys.sorted() where !allowed.contains(key) {
            issue(at: key, "unknown key")
        }
    }

    /// The member at `key`, or `nil` (logging when `required`) if it is absent or null.
    package func member(_ key: String, required: Bool = true) -> JSONNode? {
        guard let members else { return nil }
        guard let child = members[key], child != .null else {
            if required { issue(at: key, "required value is missing") }
            return nil
        }
        return JSONNode(child, path: childPath(key), log: log)
    }

    package func has(_ key: String) -> Bool {
        guard let child = members?[key] else { return false }
        return child != .null
    }

    // MARK: Typed values of this node

    package var stringValue: String? {
        if case .string(let text) = value { return text }
        issue("expected a string, found \(value.typeName)")
        return nil
    }

    package var nonEmptyStringValue: String? {
        guard let text = stringValue else { return nil }
        if text.isBlank {
            issue("must not be empty")
            return nil
        }
        return text
    }

    package var doubleValue: Double? {
        if case .number(let number) = value, number.isFinite { return number }
        issue("expected a number, found \(value.typeName)")
        return nil
    }

    package var intValue: Int? {
        guard let number = doubleValue else { return nil }
        guard number.rounded() == number, abs(number) < 9e15 else {
            issue("expected a whole number, found \(number)")
            return nil
        }
        return Int(number)
    }

    package var boolValue: Bool? {
        if case .bool(let flag) = value { return flag }
        issue("expected true or false, found \(value.typeName)")
        return nil
    }

    package var arrayValue: [JSONNode]? {
        guard case .array(let elements) = value else {
            issue("expected an array, found \(value.typeName)")
            return nil
        }
        return elements.enumerated().map { index, element in
            JSONNode(element, path: "\(path)[\(index)]", log: log)
        }
    }

    // MARK: Typed members

    package func string(_ key: String, required: Bool = true) -> String? {
        member(key, required: required)?.nonEmptyStringValue
    }

    package func double(_ key: String, required: Bool = true) -> Double? {
        member(key, required: required)?.doubleValue
    }

    package func int(_ key: String, required: Bool = true) -> Int? {
        member(key, required: required)?.intValue
    }

    package func bool(_ key: String, required: Bool = true) -> Bool? {
        member(key, required: required)?.boolValue
    }

    package func array(_ key: String, required: Bool = true) -> [JSONNode]? {
        member(key, required: required)?.arrayValue
    }

    package func strings(_ key: String, required: Bool = true) -> [String]? {
        guard let elements = array(key, required: required) else { return nil }
        let texts = elements.compactMap(\.nonEmptyStringValue)
        return texts.count == elements.count ? texts : nil
    }
}

extension JSONNode {
    /// Parses `data` and hands the root node to `body`; throws every issue logged on the way.
    ///
    /// `body` returns `nil` when it could not build its result; the issues it logged explain why.
    package static func load<Result>(
        _ data: Data,
        _ body: (JSONNode) -> Result?
    ) throws(ConfigurationError) -> Result {
        let log = ConfigurationIssueLog()
        let root = JSONNode(try JSONValue.parse(data), log: log)
        let result = body(root)
        try log.check()
        guard let result else {
            throw ConfigurationError(
                .invalidDocument,
                issues: [ConfigurationIssue(path: "$", reason: "invalid document")]
            )
        }
        return result
    }
}
