import Civic311
import Foundation

/// Checks that turn a broken property into a crash libFuzzer records, with a message that says
/// which property and on what.
enum PropertyCheck {
    /// Stops the process: `property` does not hold for this input.
    static func fail(_ property: String, _ detail: @autoclosure () -> String) -> Never {
        FileHandle.standardError.write(Data("PROPERTY BROKEN: \(property)\n\(detail())\n".utf8))
        abort()
    }

    /// Stops the process unless `condition` holds.
    static func expect(_ condition: Bool, _ property: String, _ detail: @autoclosure () -> String = "") {
        if !condition { fail(property, detail()) }
    }

    /// Loads `data` with `load` twice, and its reformatted text once, and checks what a loader
    /// promises: the same verdict every time and whatever the layout, and a refusal that names a
    /// JSON path and a reason for each problem. Returns the value loaded from `data` and from its
    /// reformatted text (when it was accepted), for the caller to compare.
    static func loadConsistently<Value>(
        _ data: Data,
        _ load: (Data) throws(ConfigurationError) -> Value
    ) -> (original: Value, reformatted: Value?)? {
        let first = Result { () throws(ConfigurationError) in try load(data) }
        let second = Result { () throws(ConfigurationError) in try load(data) }
        let reformatted = JSONReformatting.reformatted(data).map { text in
            Result { () throws(ConfigurationError) in try load(text) }
        }
        switch (first, second) {
        case (.failure(let error), .failure(let again)):
            // A malformed document's reason quotes Foundation's decoding error, which names whichever
            // member of an object failed first in hash order: compare its code and paths only.
            let comparable =
                error.code == .malformedDocument ? error.issues.map(\.path) == again.issues.map(\.path) : error == again
            expect(
                error.code == again.code && comparable,
                "a refused document is refused the same way twice",
                "\(error)\n---\n\(again)"
            )
            expect(!error.issues.isEmpty, "a refusal lists at least one problem", "\(error)")
            for issue in error.issues {
                expect(
                    issue.path.hasPrefix("$") && !issue.reason.isEmpty,
                    "every problem names a JSON path and a reason",
                    "\(issue.path): \(issue.reason)"
                )
            }
            if case .success = reformatted {
                fail("a refused document is refused whatever its layout", "\(error)")
            }
            if case .failure(let other) = reformatted {
                let samePaths = Set(other.issues.map(\.path)) == Set(error.issues.map(\.path))
                expect(
                    other.code == error.code
                        && (error.code == .malformedDocument ? samePaths : Set(other.issues) == Set(error.issues)),
                    "a refused document is refused for the same reasons whatever its layout",
                    "\(error)\n---\n\(other)"
                )
            }
            return nil
        case (.success(let value), .success):
            switch reformatted {
            case .failure(let error):
                fail("an accepted document is accepted whatever its layout", "\(error)")
            case .success(let other):
                return (value, other)
            case nil:
                fail("an accepted document is JSON", String(decoding: data, as: UTF8.self))
            }
        default:
            fail("a document gets the same verdict twice", "\(first)\n---\n\(second)")
        }
    }
}
