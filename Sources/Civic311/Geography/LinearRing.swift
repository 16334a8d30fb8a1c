/// A closed ring of positions: the exterior or one hole of a ``Polygon``.
///
/// As in GeoJSON, the last position repeats the first, and either winding order is accepted
/// (RFC 7946 asks producers for counter-clockwise exteriors but tells readers not to reject the
/// other order). Rings crossing the antimeridian are not supported: a ring may not span more than
/// 180° of longitude, so a district on both sides of ±180° has to be split there. Self-crossing
/// rings are not detected; containment in them follows the even-odd rule.
public struct LinearRing: Hashable, Sendable {
    /// The positions, first and last equal.
    public let positions: [Coordinate]

    /// Creates a ring, rejecting fewer than four positions, an unclosed ring, a ring that encloses
    /// no area and a ring spanning more than 180° of longitude.
    public init(_ positions: [Coordinate]) throws(ValidationError) {
        if let problem = Self.problems(in: positions).first {
            throw ValidationError(.invalidValue, field: "positions", reason: problem)
        }
        self.positions = positions
    }

    /// For positions already checked with ``problems(in:)``.
    package init(validated positions: [Coordinate]) {
        self.positions = positions
    }

    /// Every reason `positions` cannot form a ring; empty when it can.
    package static func problems(in positions: [Coordinate]) -> [String] {
        var problems: [String] = []
        if positions.count < 4 {
            problems.append("a linear ring needs at least 4 positions, found \(positions.count)")
        }
        guard let first = positions.first, let last = positions.last else { return problems }
        if first != last {
            problems.append(
                "ring is not closed: the last position \(Self.text(last)) must repeat the first \(Self.text(first))"
            )
        }
        let west = positions.lazy.map(\.longitude).min() ?? 0
        let east = positions.lazy.map(\.longitude).max() ?? 0
        if east - west > 180 {
            problems.append(
                "ring spans \(east - west)° of longitude; rings crossing the antimeridian are not supported, "
                    + "split the district at ±180°"
            )
        }
        if problems.isEmpty && Self.twiceSignedArea(positions) == 0 {
            problems.append("ring encloses no area: its positions are repeated or collinear")
        }
        return problems
    }

    /// GeoJSON order, so messages match what the author wrote.
    static func text(_ position: Coordinate) -> String { "[\(position.longitude), \(position.latitude)]" }

    /// Shoelace sum in square degrees, taken relative to the first position to limit cancellation.
    private static func twiceSignedArea(_ positions: [Coordinate]) -> Double {
        let originX = positions[0].longitude
        let originY = positions[0].latitude
        var sum = 0.0
        for index in 1..<positions.count {
            let start = positions[index - 1]
            let end = positions[index]
            sum += (start.longitude - originX) * (end.latitude - originY)
            sum -= (end.longitude - originX) * (start.latitude - originY)
        }
        return sum
    }

    /// The ring's edges in order.
    var segments: [BoundarySegment] {
        (1..<positions.count).map { BoundarySegment(from: positions[$0 - 1], to: positions[$0]) }
    }

    /// Crossing parity and nearest-edge distance for one point, over every edge (the reference
    /// the grid index must reproduce).
    ///
    /// With `onlyWithin` a distance in metres, edges further than that in latitude alone are not
    /// measured, so the nearest distance is exact only when it is within that distance; containment
    /// needs no more than the boundary tolerance.
    func probe(x: Double, y: Double, frame: EquirectangularFrame, onlyWithin limit: Double = .infinity) -> RingProbe {
        // The factor keeps rounding from skipping an edge right at the limit.
        let latitudeLimit = limit / EquirectangularFrame.metresPerDegree * (1 + 1e-9)
        var odd = false
        var nearest = Double.infinity
        for index in 1..<positions.count {
            let segment = BoundarySegment(from: positions[index - 1], to: positions[index])
            if segment.crossesEastRay(x: x, y: y) { odd.toggle() }
            if segment.minY - y > latitudeLimit || y - segment.maxY > latitudeLimit { continue }
            nearest = min(nearest, segment.distanceSquared(x: x, y: y, frame: frame))
        }
        return RingProbe(oddCrossings: odd, nearestDistanceSquared: nearest)
    }

    /// Crossing parity, and the nearest distance only as far as needed to tell a boundary point.
    func containmentProbe(x: Double, y: Double, frame: EquirectangularFrame) -> RingProbe {
        probe(x: x, y: y, frame: frame, onlyWithin: Polygon.boundaryTolerance)
    }

    /// Inside or on this ring, ignoring holes.
    package func containsOrTouches(_ point: Coordinate) -> Bool {
        let frame = EquirectangularFrame(latitude: point.latitude)
        let probe = containmentProbe(x: point.longitude, y: point.latitude, frame: frame)
        return probe.oddCrossings || probe.isOnBoundary
    }
}

/// What one ring says about one point.
struct RingProbe {
    var oddCrossings: Bool
    var nearestDistanceSquared: Double

    var isOnBoundary: Bool { nearestDistanceSquared <= Polygon.boundaryTolerance * Polygon.boundaryTolerance }
}
