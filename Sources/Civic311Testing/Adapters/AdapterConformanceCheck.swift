import Testing

/// Reports the failures of one adapter conformance area.
struct AdapterConformanceCheck: Sendable {
    let area: AdapterConformanceArea
    let report: @Sendable (AdapterConformanceFailure) -> Void
    let sourceLocation: SourceLocation

    func record(_ message: String) {
        report(AdapterConformanceFailure(area: area, message: message, sourceLocation: sourceLocation))
    }

    /// Records `message` unless `condition` holds; returns `condition`.
    @discardableResult
    func expect(_ condition: Bool, _ message: @autoclosure () -> String) -> Bool {
        if !condition { record(message()) }
        return condition
    }

    /// Records every failure with `Issue.record`, at the failure's source location.
    static let issues: @Sendable (AdapterConformanceFailure) -> Void = { failure in
        Issue.record(Comment(rawValue: failure.description), sourceLocation: failure.sourceLocation)
    }
}

/// An area stopped at a call that failed; the failure is already recorded.
struct AdapterAreaStopped: Error {}
