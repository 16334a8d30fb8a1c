import ExampleCommandLine

/// The `closing-the-loop` program: no options.
enum ClosingTheLoopProgram {
    static let usage = "usage: closing-the-loop"

    /// Tells the story; returns the exit status (2 for any argument).
    static func run(_ arguments: [String], console: Console) async -> Int32 {
        await CommandRunner.run("closing-the-loop", usage: usage, console: console) {
            if let first = arguments.first {
                throw CommandFailure(.usage, "unexpected argument '\(first)'\n\(usage)")
            }
            try await ClosingTheLoopStory.tell(console: console)
        }
    }
}
