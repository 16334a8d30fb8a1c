import Civic311
import Foundation

/// Why an example stopped: a usage mistake (exit status 2, printed with the usage) or a failure
/// of the work itself, such as a store that cannot be opened (exit status 1).
package struct CommandFailure: Error, Sendable {
    /// The two ways a command stops.
    package enum Kind: Sendable, Hashable {
        /// The arguments were not understood: exit status 2.
        case usage
        /// The work could not be done: exit status 1.
        case failure
    }

    package let kind: Kind
    /// What went wrong, in words for the person who ran the command.
    package let message: String

    package init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    /// A usage mistake, from the parser's error.
    package static func usage(_ error: ValidationError) -> CommandFailure { CommandFailure(.usage, error.message) }

    /// The exit status: 2 for usage mistakes, 1 for failures.
    package var status: Int32 { kind == .usage ? 2 : 1 }

    /// The message of any error the library throws, without the type dump of its description.
    package static func message(of error: any Error) -> String {
        switch error {
        case let error as CommandFailure: error.message
        case let error as ValidationError: error.message
        case let error as StorageError: error.message
        case let error as ConfigurationError: error.message
        case let error as LifecycleError: error.message
        case let error as AuthorizationError: error.message
        case let error as TicketNumberError: error.message
        case let error as OpenDataImportError: error.message
        case let error as OpenDataExportError: error.message
        case let error as CSVError: error.message
        case let error as MeasureError: error.message
        default: String(describing: error)
        }
    }
}

/// Runs an example's work and turns whatever stops it into a message and an exit status, so no
/// error escapes to the top level as a crash.
package enum CommandRunner {
    /// Runs `work`; on a failure prints `name: message` to standard error (with `usage` after a usage
    /// mistake) and returns the exit status: 0, 1 or 2.
    package static func run(
        _ name: String,
        usage: String,
        console: Console,
        _ work: () async throws -> Void
    ) async -> Int32 {
        do {
            try await work()
            return 0
        } catch let failure as CommandFailure {
            var text = "\(name): \(failure.message)\n"
            if failure.kind == .usage { text += "\n\(usage)\n" }
            console.errors(text)
            return failure.status
        } catch {
            console.errors("\(name): \(CommandFailure.message(of: error))\n")
            return 1
        }
    }
}
