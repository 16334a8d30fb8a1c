/// A named area that routing can send requests by: a council district, a municipality, a state
/// road corridor…
public struct District: Hashable, Sendable, Identifiable {
    /// Unique within a ``DistrictMap``.
    public let id: String
    /// A display name, if the source gave one.
    public let name: String?
    /// The layer the district belongs to, if the source gave one.
    public let kind: DistrictKind?
    /// The district's area.
    public let geometry: MultiPolygon

    /// Creates a district, rejecting an empty or blank `id` or `name`.
    public init(
        id: String,
        name: String? = nil,
        kind: DistrictKind? = nil,
        geometry: MultiPolygon
    ) throws(ValidationError) {
        guard !id.allSatisfy(\.isWhitespace) else {
            throw ValidationError(.missingValue, field: "id", reason: "must not be empty")
        }
        if let name, name.allSatisfy(\.isWhitespace) {
            throw ValidationError(.missingValue, field: "name", reason: "must not be empty when given")
        }
        self.init(validatedID: id, name: name, kind: kind, geometry: geometry)
    }

    package init(validatedID id: String, name: String?, kind: DistrictKind?, geometry: MultiPolygon) {
        self.id = id
        self.name = name
        self.kind = kind
        self.geometry = geometry
    }

    /// Whether `point` is inside, or on the boundary of, the district (see ``Polygon``).
    public func contains(_ point: Coordinate) -> Bool { geometry.contains(point) }

    /// The distance in metres from `point` to the district's nearest boundary edge.
    public func distanceToBoundary(from point: Coordinate) -> Double { geometry.distanceToBoundary(from: point) }
}
