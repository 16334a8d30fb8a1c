import Civic311
import Foundation
import Testing

/// Reports the failures of one conformance area to the kit's recorder.
struct ConformanceCheck: Sendable {
    let area: ConformanceArea
    let recorder: ConformanceRecorder
    let sourceLocation: SourceLocation

    func record(_ message: String) {
        recorder.record(ConformanceFailure(area: area, message: message, sourceLocation: sourceLocation))
    }

    /// Records `message` unless `condition` holds; returns `condition`.
    @discardableResult
    func expect(_ condition: Bool, _ message: @autoclosure () -> String) -> Bool {
        if !condition { record(message()) }
        return condition
    }

    /// Records a difference between `actual` and `expected`, naming the fields that differ.
    @discardableResult
    func expectEqual<Value: Equatable>(_ actual: Value, _ expected: Value, _ what: @autoclosure () -> String) -> Bool {
        guard actual != expected else { return true }
        record(
            "\(what()): expected \(Self.brief(expected)), got \(Self.brief(actual))\(Self.difference(actual, expected))"
        )
        return false
    }

    /// Records a difference in spelling that `==` does not see: Swift compares text by canonical
    /// equivalence, so a store that normalises "e" and a combining accent to "é" passes
    /// `expectEqual`. The two values' JSON forms must hold the same Unicode scalars; the message
    /// names the fields whose text differs.
    @discardableResult
    func expectSpelledAlike<Value: Encodable>(
        _ actual: Value,
        _ expected: Value,
        _ what: @autoclosure () -> String
    ) -> Bool {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        guard let left = try? encoder.encode(actual), let right = try? encoder.encode(expected) else {
            record("\(what()): the values cannot be encoded to compare their spelling")
            return false
        }
        guard left != right else { return true }
        var paths: [String] = []
        if let leftTree = try? JSONSerialization.jsonObject(with: left, options: [.fragmentsAllowed]),
            let rightTree = try? JSONSerialization.jsonObject(with: right, options: [.fragmentsAllowed])
        {
            Self.respelled(leftTree, rightTree, path: "", into: &paths)
        }
        let fields = paths.isEmpty ? "its encoded form" : paths.prefix(8).joined(separator: ", ")
        record(
            "\(what()): not spelled as written: \(fields) read back with other Unicode scalars than were stored (equal as Swift compares text, so the store normalised or re-encoded it)"
        )
        return false
    }

    /// The paths of the texts that differ in their scalars between two decoded JSON trees.
    private static func respelled(_ actual: Any, _ expected: Any, path: String, into paths: inout [String]) {
        switch (actual, expected) {
        case (let left as String, let right as String):
            if !left.unicodeScalars.elementsEqual(right.unicodeScalars) { paths.append(path.isEmpty ? "value" : path) }
        case (let left as [String: Any], let right as [String: Any]):
            for key in left.keys.sorted() {
                guard let rightValue = right[key], let leftValue = left[key] else { continue }
                respelled(leftValue, rightValue, path: path.isEmpty ? key : "\(path).\(key)", into: &paths)
            }
        case (let left as [Any], let right as [Any]):
            for (index, (leftValue, rightValue)) in zip(left, right).enumerated() {
                respelled(leftValue, rightValue, path: "\(path)[\(index)]", into: &paths)
            }
        default:
            break
        }
    }

    /// Runs `body`, which must fail with `code`; records an issue otherwise. Returns the error.
    @discardableResult
    func expectFailure<Result>(
        _ code: StorageError.Code,
        _ what: @autoclosure () -> String,
        _ body: () async throws -> Result
    ) async -> StorageError? {
        do {
            let result = try await body()
            record("\(what()): expected StorageError(\(code)), but it succeeded with \(Self.brief(result))")
            return nil
        } catch let error as StorageError {
            if error.code != code { record("\(what()): expected StorageError(\(code)), got \(error)") }
            return error
        } catch {
            record("\(what()): expected StorageError(\(code)), got \(type(of: error)): \(error)")
            return nil
        }
    }

    /// A value's description, cut to a readable length.
    static func brief(_ value: some Any) -> String {
        let text = describe(value)
        return text.count > 300 ? String(text.prefix(300)) + "…" : text
    }

    /// A description that shows dates to the millisecond (`Date`'s own stops at the second).
    private static func describe(_ value: Any) -> String {
        if let date = value as? Date { return "\(date.timeIntervalSince1970)s" }
        if let date = value as? Date? { return date.map { "\($0.timeIntervalSince1970)s" } ?? "nil" }
        return String(describing: value)
    }

    /// The names of the fields that differ, for structs and enums, up to three levels deep.
    static func difference(_ actual: some Any, _ expected: some Any) -> String {
        let paths = differingPaths(actual, expected, prefix: "", depth: 0)
        return paths.isEmpty ? "" : "; differing: " + paths.prefix(8).joined(separator: ", ")
    }

    private static func differingPaths(_ actual: Any, _ expected: Any, prefix: String, depth: Int) -> [String] {
        let left = Mirror(reflecting: actual)
        let right = Mirror(reflecting: expected)
        let leftChildren = Array(left.children)
        let rightChildren = Array(right.children)
        guard depth < 3, !leftChildren.isEmpty, leftChildren.count == rightChildren.count else {
            return describe(actual) == describe(expected) ? [] : [prefix.isEmpty ? "value" : prefix]
        }
        var paths: [String] = []
        for (index, (leftChild, rightChild)) in zip(leftChildren, rightChildren).enumerated() {
            let label = leftChild.label ?? "[\(index)]"
            let path = prefix.isEmpty ? label : "\(prefix).\(label)"
            if describe(leftChild.value) != describe(rightChild.value) {
                let deeper = differingPaths(leftChild.value, rightChild.value, prefix: path, depth: depth + 1)
                paths.append(contentsOf: deeper.isEmpty ? [path] : deeper)
            }
        }
        return paths
    }
}
