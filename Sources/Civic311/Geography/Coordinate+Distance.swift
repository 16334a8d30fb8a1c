import Foundation

extension Coordinate {
    /// The great-circle distance to `other` in metres, on a sphere of the mean Earth radius
    /// (haversine): within about 0.5 % of the WGS 84 distance, far finer than a reported location.
    public func distance(to other: Coordinate) -> Double {
        let radians = Double.pi / 180
        let dLatitude = (other.latitude - latitude) * radians
        let dLongitude = (other.longitude - longitude) * radians
        let a =
            sin(dLatitude / 2) * sin(dLatitude / 2)
            + cos(latitude * radians) * cos(other.latitude * radians) * sin(dLongitude / 2) * sin(dLongitude / 2)
        return 2 * EquirectangularFrame.earthRadius * asin(min(1, a.squareRoot()))
    }
}
