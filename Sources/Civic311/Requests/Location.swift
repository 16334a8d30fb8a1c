/// Where a problem is: a street address, a coordinate, or both.
public struct Location: Hashable, Sendable, Codable {
    public var address: String?
    public var coordinate: Coordinate?

    /// At least one of `address` and `coordinate` must be given; ``ServiceRequestDraft`` validation
    /// enforces that for service types that require a location.
    public init(address: String? = nil, coordinate: Coordinate? = nil) {
        self.address = address
        self.coordinate = coordinate
    }
}
