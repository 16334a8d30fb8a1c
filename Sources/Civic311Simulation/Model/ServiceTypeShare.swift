import Civic311

/// One entry of the service-type mix: a service-type code (as the intake knows it, e.g. `"POTHOLE"`)
/// and its relative weight among service requests.
public struct ServiceTypeShare: Sendable, Hashable {
    /// The service-type code handed to the ``ServiceRequestSink``.
    public var code: ServiceTypeCode
    /// The relative weight; the mix is normalised over all entries.
    public var weight: Double

    /// Creates an entry.
    public init(code: ServiceTypeCode, weight: Double) {
        self.code = code
        self.weight = weight
    }
}
