/// The two promises an SLA makes: a first response and a resolution, each in business or calendar
/// time.
public struct ServiceLevelTargets: Hashable, Sendable {
    /// Time allowed until the department accepts or starts the request; `nil` for no target.
    public var firstResponse: SLADuration?
    /// Time allowed until the request is resolved.
    public var resolution: SLADuration

    public init(firstResponse: SLADuration? = nil, resolution: SLADuration) {
        self.firstResponse = firstResponse
        self.resolution = resolution
    }
}
