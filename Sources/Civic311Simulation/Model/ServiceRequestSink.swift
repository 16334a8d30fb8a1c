import Civic311

/// Where the simulation hands the service requests it creates: plug the real intake in here.
///
/// ``receive(_:)`` is called once per service request, in simulated-time order (``SimulatedServiceRequest/createdAt``).
/// If it throws, the run stops and rethrows the error.
public protocol ServiceRequestSink {
    /// The error the sink can throw; `Never` for a sink that cannot fail.
    associatedtype Failure: Error = Never

    /// Takes one service request.
    mutating func receive(_ request: SimulatedServiceRequest) throws(Failure)
}

/// A sink that keeps every request in memory, in the order received.
public struct CollectingServiceRequestSink: ServiceRequestSink, Sendable {
    /// The requests received so far.
    public private(set) var requests: [SimulatedServiceRequest] = []

    /// Creates an empty sink.
    public init() {}

    /// Appends the request.
    public mutating func receive(_ request: SimulatedServiceRequest) {
        requests.append(request)
    }
}

/// A sink that drops every request (the contact records still carry the service-type codes).
public struct DiscardingServiceRequestSink: ServiceRequestSink, Sendable {
    /// Creates the sink.
    public init() {}

    /// Ignores the request.
    public func receive(_ request: SimulatedServiceRequest) {}
}

/// Adapts a closure to ``ServiceRequestSink``.
public struct ClosureServiceRequestSink<Failure: Error>: ServiceRequestSink {
    private let body: (SimulatedServiceRequest) throws(Failure) -> Void

    /// Wraps `body`.
    public init(_ body: @escaping (SimulatedServiceRequest) throws(Failure) -> Void) {
        self.body = body
    }

    /// Calls the closure.
    public func receive(_ request: SimulatedServiceRequest) throws(Failure) {
        try body(request)
    }
}

// The wrapped closure is not required to be @Sendable, so neither is the sink.
@available(*, unavailable)
extension ClosureServiceRequestSink: Sendable {}
