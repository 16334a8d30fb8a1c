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

    /// Creates a polygon, rejecting a hole with a position outside the exterior ring, and a ring
    /// repeated in the polygon.
    ///
    /// Only positions are checked: a hole whose edges cross the exterior between two inside
    /// positions, or holes that overlap, are accepted, and containment still follows the rule in
    /// the type's description. Two rings through exactly the same positions, in any order or from
    /// any start (a hole equal to the exterior, or one hole given twice), are refused: they enclose
    /// nothing, or cross each other, and only cost memory. Holes of an exterior with many edges are
    /// checked through an index, so the check takes time in proportion to the positions, not to
    /// their product; an exterior too intricate for that index within
    /// ``DistrictMap/Limits/maximumIndexBytes`` of `limits` is refused.
    public init(
        exterior: LinearRing,
        holes: [LinearRing] = [],
        limits: DistrictMap.Limits = .standard
    ) throws(ValidationError) {
        if let problem = limits.problem {
            throw ValidationError(.outOfRange, field: "limits", reason: problem)
        }
        var work = 0
        if let problem = Self.ringProblems(exterior: exterior, holes: holes, limits: limits, work: &work).first {
            let field = problem.ring == 0 ? "exterior" : "holes[\(problem.ring - 1)]"
            throw ValidationError(.invalidValue, field: field, reason: problem.reason)
        }
        self.exterior = exterior
        self.holes = holes
    }

    /// For rings already checked with ``ringProblems(exterior:holes:limits:workLimit:work:)``.
    package init(validatedExterior exterior: LinearRing, holes: [LinearRing]) {
        self.exterior = exterior
        self.holes = holes
    }

    /// Exteriors with more edges than this have their holes checked through an index.
    package static var holeIndexThreshold: Int { 64 }

    /// The most edge tests the indexed hole check of one polygon may take (about a second).
    ///
    /// Spread edges put a few dozen in each index cell; only hole positions crowded where the
    /// exterior's edges crowd, as a hostile file would place them, come near it.
    package static var holeCheckWorkLimit: Int { 200_000_000 }

    /// Why the rings cannot make a polygon, in order of the ring each is about: ring 0 is the
    /// exterior (when it is too intricate to check the holes against), ring `k` is `holes[k - 1]`.
    ///
    /// `work` grows by the exterior edges tested (and parity flips read) for each hole position:
    /// every edge below ``holeIndexThreshold``, only those of one index cell above it. The indexed
    /// work is counted before it is done, and refused over `workLimit`.
    package static func ringProblems(
        exterior: LinearRing,
        holes: [LinearRing],
        limits: DistrictMap.Limits,
        workLimit: Int = holeCheckWorkLimit,
        work: inout Int
    ) -> [(ring: Int, reason: String)] {
        guard !holes.isEmpty else { return [] }
        var problems: [(ring: Int, reason: String)] = []
        // Rings are compared by their positions as a set, so a copy starting elsewhere, or
        // running the other way, is found too.
        var earlier: [Set<Coordinate>: Int] = [Set(exterior.positions): -1]
        var duplicates = Set<Int>()
        for (index, hole) in holes.enumerated() {
            guard let first = earlier.updateValue(index, forKey: Set(hole.positions)) else { continue }
            duplicates.insert(index)
            problems.append(
                (
                    index + 1,
                    first < 0
                        ? "interior ring repeats the exterior ring's positions"
                        : "interior ring repeats the positions of interior ring \(first)"
                )
            )
        }
        let edges = exterior.positions.count - 1
        var index: DistrictGrid?
        if edges > holeIndexThreshold {
            let rings = [DistrictGrid.Ring(district: 0, polygon: 0, isHole: false, segments: exterior.segments)]
            let plan = DistrictGrid.Plan(
                rings: rings,
                reach: boundaryTolerance,
                refiningBelow: limits.maximumIndexBytes
            )
            guard plan.footprintBytes <= limits.maximumIndexBytes else {
                problems.append(
                    (
                        0,
                        "the exterior ring is too intricate to check its holes: its index would need up to "
                            + "\(plan.footprintBytes) bytes, over the limit of \(limits.maximumIndexBytes) "
                            + "(DistrictMap.Limits.maximumIndexBytes)"
                    )
                )
                return problems.sorted { $0.ring < $1.ring }
            }
            let grid = DistrictGrid(rings: rings, plan: plan)
            // The work is known before it is done: one cell per hole position.
            var planned = 0
            for (holeIndex, hole) in holes.enumerated() where !duplicates.contains(holeIndex) {
                for point in hole.positions { planned += grid.queryWork(x: point.longitude, y: point.latitude) }
            }
            guard planned <= workLimit else {
                problems.append(
                    (
                        0,
                        "the holes lie where the exterior ring's edges crowd: checking them would take "
                            + "\(planned) edge tests, over the limit of \(workLimit)"
                    )
                )
                return problems.sorted { $0.ring < $1.ring }
            }
            work += planned
            index = grid
        }
        var lookup = DistrictLookup()
        let toleranceSquared = boundaryTolerance * boundaryTolerance
        for (holeIndex, hole) in holes.enumerated() where !duplicates.contains(holeIndex) {
            for (position, point) in hole.positions.enumerated() {
                let inside: Bool
                if let index {
                    lookup.reset()
                    index.locate(x: point.longitude, y: point.latitude, limitSquared: toleranceSquared, into: &lookup)
                    inside = !lookup.containing.isEmpty || lookup.isNearBoundary
                } else {
                    inside = exterior.containsOrTouches(point)
                    work += edges
                }
                if !inside {
                    problems.append(
                        (
                            holeIndex + 1,
                            "interior ring is not inside the exterior ring: position \(position) "
                                + "\(LinearRing.text(point)) lies outside it"
                        )
                    )
                    break
                }
            }
        }
        return problems.sorted { $0.ring < $1.ring }
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
