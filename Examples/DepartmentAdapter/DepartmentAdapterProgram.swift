import Civic311
import ExampleCommandLine

/// The `department-adapter` program: `department-adapter [--store memory|sqlite:PATH|postgres:URL]`.
enum DepartmentAdapterProgram {
    static let usage = "usage: department-adapter [--store \(StoreOption.usage)]"

    /// Runs the narration with `arguments` (without the program name); returns the exit status.
    static func run(_ arguments: [String], console: Console) async -> Int32 {
        await CommandRunner.run("department-adapter", usage: usage, console: console) {
            guard let store = try StoreOption.parseOnly(arguments, usage: usage, console: console) else { return }
            let opened = try store.open()
            try await AdapterStory.tell(on: opened.store, node: opened.node, console: console)
        }
    }
}
