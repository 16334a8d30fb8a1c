import Foundation

extension District {
    /// Reads the districts of a GeoJSON `FeatureCollection`, in document order.
    ///
    /// Each Feature needs a Polygon or MultiPolygon geometry and an id (`properties.id` or the
    /// Feature's `id`); `properties` may add `name` and `kind` and nothing else. Ids must be unique.
    /// GeoJSON's optional `bbox` is accepted, and a legacy `crs` only when it names WGS 84
    /// longitude/latitude. Rings, positions and the map's totals must stay within `limits` (see
    /// ``DistrictMap/Limits``); counts are checked before the rings they bound are read.
    ///
    /// - Throws: ``ConfigurationError`` listing every problem with its JSON path; nothing is built.
    public static func districts(
        fromGeoJSON data: Data,
        limits: DistrictMap.Limits
    ) throws(ConfigurationError) -> [District] {
        try JSONNode.load(data) { $0.geoJSONDistricts(limits: limits) }
    }

    /// ``districts(fromGeoJSON:limits:)`` with ``DistrictMap/Limits/standard``.
    ///
    /// - Throws: ``ConfigurationError`` listing every problem with its JSON path; nothing is built.
    public static func districts(fromGeoJSON data: Data) throws(ConfigurationError) -> [District] {
        try districts(fromGeoJSON: data, limits: .standard)
    }

    /// Reads one GeoJSON `Feature` as a district, with the rules and `limits` of
    /// ``districts(fromGeoJSON:limits:)``.
    ///
    /// - Throws: ``ConfigurationError`` listing every problem with its JSON path; nothing is built.
    public init(geoJSON data: Data, limits: DistrictMap.Limits) throws(ConfigurationError) {
        self = try JSONNode.load(data) { $0.geoJSONDistrict(limits: limits) }
    }

    /// ``init(geoJSON:limits:)`` with ``DistrictMap/Limits/standard``.
    ///
    /// - Throws: ``ConfigurationError`` listing every problem with its JSON path; nothing is built.
    public init(geoJSON data: Data) throws(ConfigurationError) {
        try self.init(geoJSON: data, limits: .standard)
    }
}
