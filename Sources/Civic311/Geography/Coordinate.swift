/// A WGS 84 position, in degrees.
///
/// The initializer validates its ranges, so every `Coordinate` in the system is a real place on
/// the globe; GeoJSON order (longitude first) is handled by the GeoJSON reader, not here.
public struct Coordinate: Hashable, Sendable, Codable, CustomStringConvertible {
    public let latitude: Double
    public let longitude: Double

    /// Creates a coordinate, rejecting non-finite values and values outside ±90° / ±180°.
    public init(latitude: Double, longitude: Double) throws(ValidationError) {
        guard latitude.isFinite, (-90.0...90.0).contains(latitude) else {
            throw ValidationError(.outOfRange, field: "latitude", reason: "must be between -90 and 90, got \(latitude)")
        }
        guard longitude.isFinite, (-180.0...180.0).contains(longitude) else {
            throw ValidationError(
                .outOfRange,
                field: "longitude",
                reason: "must be between -180 and 180, got \(longitude)"
            )
        }
        self.latitude = latitude
        self.longitude = longitude
    }

    /// For values already known to be valid (constants, decoded store rows written by this library).
    package init(uncheckedLatitude latitude: Double, longitude: Double) {
        self.latitude = latitude
        self.longitude = longitude
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let latitude = try container.decode(Double.self, forKey: .latitude)
        let longitude = try container.decode(Double.self, forKey: .longitude)
        do {
            try self.init(latitude: latitude, longitude: longitude)
        } catch {
            throw DecodingError.dataCorruptedError(forKey: .latitude, in: container, debugDescription: error.message)
        }
    }

    public var description: String { "\(latitude),\(longitude)" }
}
