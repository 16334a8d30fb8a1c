import Civic311
import ExampleCommandLine

/// The `lifecycle` program: `lifecycle [--store memory|sqlite:PATH]`.
enum LifecycleProgram {
    static let usage = "usage: lifecycle [--store \(StoreOption.usage)]"

    /// Runs the narrated day with `arguments` (without the program name); returns the exit status.
    static func run(_ arguments: [String], console: Console) async -> Int32 {
        await CommandRunner.run("lifecycle", usage: usage, console: console) {
            var store = StoreOption.memory
            do throws(ValidationError) {
                var reader = ArgumentReader(arguments)
                while let option = try reader.nextOption() {
                    switch option {
                    case "--store":
                        store = try StoreOption(parsing: try reader.value(for: option))
                    case "--help", "-h":
                        console.print(usage)
                        return
                    default:
                        throw ValidationError(.invalidValue, field: option, reason: "unknown option")
                    }
                }
            } catch {
                throw CommandFailure.usage(error)
            }
            try await LifecycleStory.tell(on: try store.open(), console: console)
        }
    }
}
