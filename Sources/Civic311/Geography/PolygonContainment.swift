/// Combines per-ring answers into one polygon's answer.
///
/// The rule, shared by the brute-force shapes and the grid index: a point is in a polygon when it
/// is inside or on the exterior ring and not strictly inside any hole. A point on a hole's edge is
/// therefore in the polygon, like every other boundary point. Holes are judged one by one rather
/// than by parity over all rings, so overlapping holes still exclude their overlap.
struct PolygonContainment {
    private var exteriorHolds = false
    private var holeExcludes = false

    init() {}

    mutating func add(isHole: Bool, oddCrossings: Bool, onBoundary: Bool) {
        if isHole {
            if oddCrossings && !onBoundary { holeExcludes = true }
        } else {
            exteriorHolds = oddCrossings || onBoundary
        }
    }

    var contains: Bool { exteriorHolds && !holeExcludes }
}
