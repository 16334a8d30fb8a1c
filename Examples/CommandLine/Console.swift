import Foundation

/// Where an example writes: the terminal, or a transcript in tests.
package struct Console: Sendable {
    /// Writes to standard output.
    package let output: @Sendable (String) -> Void
    /// Writes to standard error.
    package let errors: @Sendable (String) -> Void

    package init(output: @escaping @Sendable (String) -> Void, errors: @escaping @Sendable (String) -> Void) {
        self.output = output
        self.errors = errors
    }

    /// Standard output and standard error, unbuffered so the two interleave as written.
    package static let terminal = Console(
        output: { FileHandle.standardOutput.write(Data($0.utf8)) },
        errors: { FileHandle.standardError.write(Data($0.utf8)) }
    )

    /// Writes `text` and a newline to standard output.
    package func print(_ text: String) { output(text + "\n") }
}
