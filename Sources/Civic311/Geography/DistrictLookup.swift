/// Where a point falls in a ``DistrictMap``: the districts that contain it and the districts whose
/// boundary is close enough to make the answer doubtful.
///
/// Reuse one value across queries (``DistrictMap/locate(_:nearBoundaryWithin:into:)``) so the hot
/// path does not allocate: each query empties the arrays but keeps their capacity.
package struct DistrictLookup: Hashable, Sendable {
    /// Positions in ``DistrictMap/districts`` of the districts containing the point (boundary
    /// included), ascending.
    package private(set) var containing: [Int]
    /// Districts whose boundary lies within the asked distance, ascending by district. Includes
    /// districts the point is in (near their edge) and districts it is just outside of.
    package private(set) var nearBoundary: [BoundaryProximity]

    /// An empty result with room for `capacity` districts in each list before it grows.
    package init(reservingCapacity capacity: Int = 8) {
        containing = []
        nearBoundary = []
        containing.reserveCapacity(capacity)
        nearBoundary.reserveCapacity(capacity)
    }

    /// Whether any boundary is within the asked distance: routing should treat the location as
    /// ambiguous (confirm it, or route for review) rather than assign it silently.
    package var isNearBoundary: Bool { !nearBoundary.isEmpty }

    mutating func reset() {
        // Emptying an array that is empty already still costs a generic call; most points are
        // near no boundary.
        if !containing.isEmpty { containing.removeAll(keepingCapacity: true) }
        if !nearBoundary.isEmpty { nearBoundary.removeAll(keepingCapacity: true) }
    }

    mutating func appendContaining(_ district: Int) { containing.append(district) }

    mutating func appendNearBoundary(_ district: Int, distance: Double) {
        nearBoundary.append(BoundaryProximity(district: district, distance: distance))
    }
}
