/// A district whose boundary lies within the asked distance of a point.
@_spi(Benchmarks) public struct BoundaryProximity: Hashable, Sendable {
    /// The district's position in ``DistrictMap/districts``.
    public let district: Int
    /// Metres from the point to the district's nearest boundary edge (exterior or hole).
    public let distance: Double

    /// Creates a record; ``DistrictMap`` makes these, tests compare against them.
    public init(district: Int, distance: Double) {
        self.district = district
        self.distance = distance
    }
}
