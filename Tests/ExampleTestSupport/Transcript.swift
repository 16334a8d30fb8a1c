import ExampleCommandLine
import Synchronization

/// What a program wrote to its console, kept for a test to read.
package final class Transcript: Sendable {
    private let texts = Mutex((output: "", errors: ""))

    package init() {}

    /// A console that writes here.
    package var console: Console {
        Console(
            output: { text in self.texts.withLock { $0.output += text } },
            errors: { text in self.texts.withLock { $0.errors += text } }
        )
    }

    /// Everything written to standard output.
    package var output: String { texts.withLock { $0.output } }
    /// Everything written to standard error.
    package var errors: String { texts.withLock { $0.errors } }
}
