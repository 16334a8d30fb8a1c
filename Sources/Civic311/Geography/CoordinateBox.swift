import Foundation

/// A latitude/longitude rectangle: what a store searches when asked for requests near a point.
///
/// Bounds are inclusive. A box never crosses the antimeridian: one built around a point near it
/// is cut at ±180°, so a 311 jurisdiction straddling that line (none does today) would miss
/// candidates on the far side.
public struct CoordinateBox: Hashable, Sendable {
    public let south: Double
    public let west: Double
    public let north: Double
    public let east: Double

    /// - Throws: ``ValidationError`` (field `box`) unless south ≤ north and west ≤ east, all
    ///   finite and within latitude ±90 and longitude ±180.
    public init(south: Double, west: Double, north: Double, east: Double) throws(ValidationError) {
        guard [south, west, north, east].allSatisfy(\.isFinite), -90 <= south, south <= north, north <= 90,
            -180 <= west, west <= east, east <= 180
        else {
            throw ValidationError(
                .invalidValue,
                field: "box",
                reason:
                    "needs -90 ≤ south ≤ north ≤ 90 and -180 ≤ west ≤ east ≤ 180, got \(south), \(west), \(north), \(east)"
            )
        }
        (self.south, self.west, self.north, self.east) = (south, west, north, east)
    }

    /// The smallest box this type computes that holds every point within `radius` metres of
    /// `center` (slightly larger, never smaller).
    ///
    /// - Throws: ``ValidationError`` (field `radius`) for a radius that is negative or not finite.
    public init(around center: Coordinate, radius: Double) throws(ValidationError) {
        guard radius.isFinite, radius >= 0 else {
            throw ValidationError(.outOfRange, field: "radius", reason: "must be 0 or more metres, got \(radius)")
        }
        // One part in a million of margin so that a point exactly at the radius stays inside.
        let latitudeSpan = radius / EquirectangularFrame.metresPerDegree * (1 + 1e-6) + 1e-9
        south = max(-90, center.latitude - latitudeSpan)
        north = min(90, center.latitude + latitudeSpan)
        // The widest longitude span is at the latitude farthest from the equator.
        let cosine = cos(max(abs(south), abs(north)) * Double.pi / 180)
        let longitudeSpan =
            cosine > 1e-9 ? min(360, radius / (EquirectangularFrame.metresPerDegree * cosine) * (1 + 1e-6) + 1e-9) : 360
        west = max(-180, center.longitude - longitudeSpan)
        east = min(180, center.longitude + longitudeSpan)
    }

    public func contains(_ coordinate: Coordinate) -> Bool {
        (south...north).contains(coordinate.latitude) && (west...east).contains(coordinate.longitude)
    }
}
