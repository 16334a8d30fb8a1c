import Civic311
import ExampleCommandLine

/// The `department-adapter` program: `department-adapter [--store memory|sqlite:PATH]`.
enum DepartmentAdapterProgram {
    static let usage = "usage: department-adapter [--store \(StoreOption.usage)]"

    /// Runs the narration with `arguments` (without the program name); returns the exit status.
    static func run(_ arguments: [String], console: Console) async -> Int32 {
        await CommandRunner.run("department-adapter", usage: usage, console: console) {
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
            try await AdapterStory.tell(on: try store.open(), console: console)
        }
    }
}
