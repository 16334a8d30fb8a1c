import Civic311
import ExampleCommandLine

/// The `lifecycle` program: `lifecycle [--store memory|sqlite:PATH|postgres:URL]`.
enum LifecycleProgram {
    static let usage = "usage: lifecycle [--store \(StoreOption.usage)]"

    /// Runs the narrated day with `arguments` (without the program name); returns the exit status.
    static func run(_ arguments: [String], console: Console) async -> Int32 {
        await CommandRunner.run("lifecycle", usage: usage, console: console) {
            guard let store = try StoreOption.parseOnly(arguments, usage: usage, console: console) else { return }
            let opened = try store.open()
            try await LifecycleStory.tell(on: opened.store, node: opened.node, console: console)
        }
    }
}
