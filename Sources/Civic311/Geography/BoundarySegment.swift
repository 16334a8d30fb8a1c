import Foundation

/// One edge of a ring in degrees (`x` = longitude, `y` = latitude).
///
/// GeoJSON edges are straight lines in longitude/latitude (RFC 7946 §3.1.1), so edges stay in
/// degrees: containment is decided in that plane, and only distances are converted to metres,
/// around the query point (see ``EquirectangularFrame``). The brute-force shapes and the grid
/// index both call these two functions, so they agree to the last bit.
struct BoundarySegment: Hashable, Sendable {
    var ax: Double
    var ay: Double
    var bx: Double
    var by: Double

    init(from start: Coordinate, to end: Coordinate) {
        ax = start.longitude
        ay = start.latitude
        bx = end.longitude
        by = end.latitude
    }

    var minX: Double { min(ax, bx) }
    var maxX: Double { max(ax, bx) }
    var minY: Double { min(ay, by) }
    var maxY: Double { max(ay, by) }

    /// Whether a ray from (`x`, `y`) towards increasing longitude crosses this edge.
    ///
    /// Half-open in latitude (an edge counts for `minY <= y < maxY`), so a ray through a shared
    /// vertex counts it once and horizontal edges never count. A point exactly on the edge's line
    /// is not counted: boundary points are decided by distance, not by parity.
    @inline(__always)
    func crossesEastRay(x: Double, y: Double) -> Bool {
        if (ay > y) == (by > y) { return false }
        let cross = (bx - ax) * (y - ay) - (by - ay) * (x - ax)
        return by > ay ? cross > 0 : cross < 0
    }

    /// The squared distance in metres from (`x`, `y`) to the nearest point of this edge.
    @inline(__always)
    func distanceSquared(x: Double, y: Double, frame: EquirectangularFrame) -> Double {
        let startX = (ax - x) * frame.metresPerDegreeLongitude
        let startY = (ay - y) * frame.metresPerDegreeLatitude
        let alongX = (bx - ax) * frame.metresPerDegreeLongitude
        let alongY = (by - ay) * frame.metresPerDegreeLatitude
        let lengthSquared = alongX * alongX + alongY * alongY
        // Repeated consecutive positions make zero-length edges; they measure as their point.
        var t = lengthSquared > 0 ? -(startX * alongX + startY * alongY) / lengthSquared : 0
        t = min(max(t, 0), 1)
        let nearestX = startX + t * alongX
        let nearestY = startY + t * alongY
        return nearestX * nearestX + nearestY * nearestY
    }
}
