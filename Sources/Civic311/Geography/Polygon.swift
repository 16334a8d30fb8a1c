/// An area bounded by one exterior ring, minus any holes.
///
/// Containment treats the boundary as part of the polygon: a point on an edge or a vertex of the
/// exterior, or on the edge of a hole, is inside. "On" means within ``boundaryTolerance`` of an
/// edge, so the rule does not depend on floating-point rounding of a position that was meant to lie
/// on a diagonal edge. Routing should not rely on that alone: a point this close to a boundary is
/// always reported by the near-boundary check of ``DistrictMap``, whatever distance it asks about.
public struct Polygon: Hashable, Sendable {
    /// Points closer than this to an edge, in metres, count as on the boundary (1 mm).
    public static var boundaryTolerance: Double { 0.001 }

    /// The outer boundary.
    public let exterior: LinearRing
    /// Interior rings cut out of the area.
    public let holes: [LinearRing]

    /// Creates a polygon, rejecting a hole with a position outside the exterior ring.
    ///
    /// Only positions are checked: a hole whose edges cross the exterior between two inside
    /// positions, or holes that overlap, are accepted, and containment still follows the rule in
    /// the type's description.
    public init(exterior: LinearRing, holes: [LinearRing] = []) throws(ValidationError) {
        for (index, hole) in holes.enumerated() {
            if let problem = Self.holeProblem(exterior: exterior, hole: hole) {
                throw ValidationError(.invalidValue, field: "holes[\(index)]", reason: problem)
            }
        }
        self.exterior = exterior
        self.holes = holes
    }

    /// For rings already checked with ``holeProblem(exterior:hole:)``.
    package init(validatedExterior exterior: LinearRing, holes: [LinearRing]) {
        self.exterior = exterior
        self.holes = holes
    }

    /// Why `hole` cannot be a hole of `exterior`, or `nil`.
    package static func holeProblem(exterior: LinearRing, hole: LinearRing) -> String? {
        for (index, position) in hole.positions.enumerated() where !exterior.containsOrTouches(position) {
            return "interior ring is not inside the exterior ring: position \(index) "
                + "\(LinearRing.text(position)) lies outside it"
        }
        return nil
    }

    /// Whether `point` is inside, or on the boundary of, this polygon.
    public func contains(_ point: Coordinate) -> Bool {
        let frame = EquirectangularFrame(latitude: point.latitude)
        return contains(x: point.longitude, y: point.latitude, frame: frame)
    }

    /// The distance in metres from `point` to the nearest edge of the exterior or of a hole, whether
    /// the point is inside or outside.
    ///
    /// Edges are straight in longitude/latitude, as GeoJSON defines them, and are measured in an
    /// equirectangular projection centerd on `point` over a sphere of the mean Earth radius
    /// (6,371,008.8 m). Against the WGS 84 ellipsoid that is within about 0.6 % (under 20 cm at 30 m),
    /// ample for near-boundary thresholds of tens of metres; it degrades only far from the point and
    /// near the poles.
    public func distanceToBoundary(from point: Coordinate) -> Double {
        nearestDistanceSquared(
            x: point.longitude,
            y: point.latitude,
            frame: EquirectangularFrame(latitude: point.latitude)
        ).squareRoot()
    }

    func contains(x: Double, y: Double, frame: EquirectangularFrame) -> Bool {
        var containment = PolygonContainment()
        let outer = exterior.containmentProbe(x: x, y: y, frame: frame)
        containment.add(isHole: false, oddCrossings: outer.oddCrossings, onBoundary: outer.isOnBoundary)
        for hole in holes {
            let probe = hole.containmentProbe(x: x, y: y, frame: frame)
            containment.add(isHole: true, oddCrossings: probe.oddCrossings, onBoundary: probe.isOnBoundary)
        }
        return containment.contains
    }

    func nearestDistanceSquared(x: Double, y: Double, frame: EquirectangularFrame) -> Double {
        var nearest = exterior.probe(x: x, y: y, frame: frame).nearestDistanceSquared
        for hole in holes {
            nearest = min(nearest, hole.probe(x: x, y: y, frame: frame).nearestDistanceSquared)
        }
        return nearest
    }

    /// The exterior followed by the holes, as the grid index numbers them.
    var rings: [LinearRing] { [exterior] + holes }
}
