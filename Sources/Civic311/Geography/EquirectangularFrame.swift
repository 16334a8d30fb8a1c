import Foundation

/// Metres per degree around one point: an equirectangular projection centerd on the query point.
///
/// The projection is affine in longitude/latitude, so straight GeoJSON edges stay straight and
/// the nearest point is found exactly in the plane; only the scale is approximate. On a sphere of
/// the mean Earth radius the scale is exact at the query point and drifts by about
/// `tan(latitude) · distance / R` away from it (under 0.002 % at 100 m and 45°). The spherical model
/// itself differs from the WGS 84 ellipsoid's local radii (6,335–6,400 km) by at most about 0.6 %,
/// so a 30 m distance is good to under 20 cm, ample for near-boundary thresholds of tens of metres.
struct EquirectangularFrame: Sendable {
    /// IUGG mean Earth radius, metres.
    static let earthRadius = 6_371_008.8
    /// Metres per degree of latitude on that sphere.
    static let metresPerDegree = earthRadius * Double.pi / 180

    let metresPerDegreeLongitude: Double
    let metresPerDegreeLatitude: Double

    init(latitude: Double) {
        metresPerDegreeLatitude = Self.metresPerDegree
        metresPerDegreeLongitude = Self.metresPerDegree * cos(latitude * Double.pi / 180)
    }
}
