/// Many districts, indexed so that routing can ask "which districts is this point in, and is it
/// close to any boundary?" millions of times a second.
///
/// Containment follows ``Polygon`` (the boundary is inside). The near-boundary answer is what
/// keeps routing honest near borders: a pin 10 m from the line between two councils should be
/// confirmed or reviewed, not sent silently to whichever side it happens to fall on. Every point
/// within ``Polygon/boundaryTolerance`` of a boundary is reported near it, whatever distance is
/// asked.
///
/// The index is built once, at initialisation: a uniform grid whose cells keep only the edges within
/// ``boundaryReach`` of them, so a query reads one cell and a handful of edges (about 0.1–0.2 µs with
/// 100 districts of 50–200 vertices), and a routing decision reuses its working memory, so it
/// allocates nothing. The map is meant for city and regional extents; districts on both sides of
/// the antimeridian are not supported (see ``LinearRing``).
public struct DistrictMap: Sendable {
    /// The largest reach allowed, in metres: beyond it the grid's margins would swallow the map.
    public static var maximumBoundaryReach: Double { 10_000 }

    /// The districts, in the order given; results refer to them by position.
    public let districts: [District]
    /// The largest near-boundary distance, in metres, that queries may ask about.
    public let boundaryReach: Double
    /// An upper bound, in bytes, on the memory building this map's index took at its peak (the
    /// built index takes less): the figure checked against ``Limits/maximumIndexBytes``.
    public let indexByteBound: Int
    private let positionsByID: [String: Int]
    private let grid: DistrictGrid

    /// Indexes `districts`, rejecting duplicate ids, a reach that is negative, not finite or over
    /// ``maximumBoundaryReach``, and a map over `limits`.
    ///
    /// The index's memory is bounded from the edges before it is built, in time proportional to
    /// them, and a map whose bound exceeds ``Limits/maximumIndexBytes`` is refused without building
    /// anything.
    ///
    /// - Parameters:
    ///   - districts: the districts to index; results refer to them by position in this list.
    ///   - boundaryReach: the largest distance, in metres, that near-boundary queries will use; the
    ///     index is built for it, so choose the largest threshold your routing rules need.
    ///   - limits: the largest map accepted; see ``Limits``.
    /// - Throws: ``ValidationError`` with code `outOfRange` when the reach or a limit is exceeded
    ///   (the message names the limit), or `duplicate` for a repeated district id.
    public init(
        districts: [District],
        boundaryReach: Double = 100,
        limits: Limits = .standard
    ) throws(ValidationError) {
        guard boundaryReach.isFinite, (0...Self.maximumBoundaryReach).contains(boundaryReach) else {
            throw ValidationError(
                .outOfRange,
                field: "boundaryReach",
                reason: "must be between 0 and \(Self.maximumBoundaryReach) metres, got \(boundaryReach)"
            )
        }
        var positionsByID: [String: Int] = [:]
        positionsByID.reserveCapacity(districts.count)
        for (position, district) in districts.enumerated() {
            if let earlier = positionsByID.updateValue(position, forKey: district.id) {
                throw ValidationError(
                    .duplicate,
                    field: "districts[\(position)].id",
                    reason: "district id \"\(district.id)\" is already used by districts[\(earlier)]"
                )
            }
        }
        if let problem = limits.problem {
            throw ValidationError(.outOfRange, field: "limits", reason: problem)
        }
        try Self.checkCounts(of: districts, against: limits)
        var rings: [DistrictGrid.Ring] = []
        var polygonNumber: Int32 = 0
        for (position, district) in districts.enumerated() {
            for polygon in district.geometry.polygons {
                for (ringIndex, ring) in polygon.rings.enumerated() {
                    rings.append(
                        DistrictGrid.Ring(
                            district: Int32(position),
                            polygon: polygonNumber,
                            isHole: ringIndex > 0,
                            segments: ring.segments
                        )
                    )
                }
                polygonNumber += 1
            }
        }
        // Points exactly on a boundary must meet its edges, even with a reach of zero.
        let plan = DistrictGrid.Plan(
            rings: rings,
            reach: max(boundaryReach, Polygon.boundaryTolerance),
            refiningBelow: limits.maximumIndexBytes
        )
        guard plan.footprintBytes <= limits.maximumIndexBytes else {
            throw ValidationError(
                .outOfRange,
                field: "districts",
                reason: "the map's index would need up to \(plan.footprintBytes) bytes, over the limit of "
                    + "\(limits.maximumIndexBytes) (DistrictMap.Limits.maximumIndexBytes); long edges crossing "
                    + "much of the map, or many rings over the same area, make it large"
            )
        }
        self.districts = districts
        self.boundaryReach = boundaryReach
        self.positionsByID = positionsByID
        indexByteBound = plan.footprintBytes
        grid = DistrictGrid(rings: rings, plan: plan)
    }

    /// Checks ring and vertex counts against `limits`, per polygon and for the whole map.
    private static func checkCounts(of districts: [District], against limits: Limits) throws(ValidationError) {
        var rings = 0
        var vertices = 0
        for (position, district) in districts.enumerated() {
            for (index, polygon) in district.geometry.polygons.enumerated() {
                let counts = polygon.rings.map(\.positions.count)
                if let problem = limits.polygonProblem(ringVertices: counts) {
                    let field = "districts[\(position)].geometry.polygons[\(index)]"
                    throw ValidationError(
                        .outOfRange,
                        field: problem.ring.map { "\(field).rings[\($0)]" } ?? field,
                        reason: problem.reason
                    )
                }
                rings += counts.count
                vertices += counts.reduce(0, +)
            }
        }
        if let problem = limits.mapProblem(rings: rings, vertices: vertices) {
            throw ValidationError(.outOfRange, field: "districts", reason: problem)
        }
    }

    /// The position in ``districts`` of the district with `id`, if any.
    public func position(of id: String) -> Int? { positionsByID[id] }

    /// Finds the districts containing `point` and those whose boundary lies within `distance`
    /// metres of it, replacing the contents of `result`.
    ///
    /// Pass the same `result` for every query in a hot loop: its arrays keep their capacity, so the
    /// query allocates nothing once they are large enough.
    ///
    /// - Throws: ``ValidationError`` with code `outOfRange` when `distance` is negative, not finite
    ///   or larger than ``boundaryReach``; `result` is then left untouched.
    package func locate(
        _ point: Coordinate,
        nearBoundaryWithin distance: Double,
        into result: inout DistrictLookup
    ) throws(ValidationError) {
        guard distance >= 0, distance <= boundaryReach else {
            throw ValidationError(
                .outOfRange,
                field: "distance",
                reason: "must be between 0 and the map's boundary reach of \(boundaryReach) metres, got \(distance)"
            )
        }
        result.reset()
        let limit = max(distance, Polygon.boundaryTolerance)
        grid.locate(x: point.longitude, y: point.latitude, limitSquared: limit * limit, into: &result)
    }

    /// Convenience form of ``locate(_:nearBoundaryWithin:into:)`` that returns a fresh result.
    package func locate(
        _ point: Coordinate,
        nearBoundaryWithin distance: Double
    ) throws(ValidationError)
        -> DistrictLookup
    {
        var result = DistrictLookup()
        try locate(point, nearBoundaryWithin: distance, into: &result)
        return result
    }
}
