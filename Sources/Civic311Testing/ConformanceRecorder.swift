import Synchronization
import Testing

/// Where the conformance kit reports the failures it finds.
///
/// The default, ``issues``, records each failure as a Swift Testing issue at the line of the
/// test that ran the check, so a backend author reads them as their own test's failures. A test
/// of the kit itself collects them instead, with ``RequestStoreConformance/failures(in:sourceLocation:)``,
/// and asserts on what was found without printing anything.
public struct ConformanceRecorder: Sendable {
    private let body: @Sendable (ConformanceFailure) -> Void

    /// A recorder that hands every failure to `record`, which may be called from several tasks
    /// at once.
    public init(_ record: @escaping @Sendable (ConformanceFailure) -> Void) {
        body = record
    }

    /// Reports `failure`.
    public func record(_ failure: ConformanceFailure) { body(failure) }

    /// Records every failure with `Issue.record`, at the failure's source location.
    public static var issues: ConformanceRecorder {
        ConformanceRecorder { failure in
            Issue.record(Comment(rawValue: failure.description), sourceLocation: failure.sourceLocation)
        }
    }
}

/// Failures kept in memory, in the order they were recorded.
final class ConformanceFailureLog: Sendable {
    private let failures = Mutex<[ConformanceFailure]>([])

    var recorder: ConformanceRecorder {
        ConformanceRecorder { failure in self.failures.withLock { $0.append(failure) } }
    }

    var recorded: [ConformanceFailure] { failures.withLock { $0 } }
}
