/// One or more polygons forming a single district's area (a GeoJSON Polygon or MultiPolygon).
///
/// A point is in the multipolygon when it is in any of its polygons, so overlapping members
/// (invalid in Simple Features, but common in exported data) still give the union.
public struct MultiPolygon: Hashable, Sendable {
    /// The member polygons, at least one.
    public let polygons: [Polygon]

    /// Creates a multipolygon, rejecting an empty list.
    public init(_ polygons: [Polygon]) throws(ValidationError) {
        guard !polygons.isEmpty else {
            throw ValidationError(.missingValue, field: "polygons", reason: "a multipolygon needs at least one polygon")
        }
        self.polygons = polygons
    }

    /// A multipolygon with one member.
    public init(_ polygon: Polygon) {
        polygons = [polygon]
    }

    /// For a list already known to be non-empty.
    package init(validated polygons: [Polygon]) {
        self.polygons = polygons
    }

    /// Whether `point` is inside, or on the boundary of, any member polygon.
    public func contains(_ point: Coordinate) -> Bool {
        let frame = EquirectangularFrame(latitude: point.latitude)
        return polygons.contains { $0.contains(x: point.longitude, y: point.latitude, frame: frame) }
    }

    /// The distance in metres from `point` to the nearest edge of any member's exterior or holes.
    public func distanceToBoundary(from point: Coordinate) -> Double {
        let frame = EquirectangularFrame(latitude: point.latitude)
        var nearest = Double.infinity
        for polygon in polygons {
            nearest = min(nearest, polygon.nearestDistanceSquared(x: point.longitude, y: point.latitude, frame: frame))
        }
        return nearest.squareRoot()
    }
}
