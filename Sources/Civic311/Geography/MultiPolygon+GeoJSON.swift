import Foundation

extension MultiPolygon {
    /// Reads a bare GeoJSON `Polygon` or `MultiPolygon` geometry.
    ///
    /// Positions are `[longitude, latitude]` in degrees (a third number, altitude, is ignored); rings
    /// follow ``LinearRing`` and holes must lie inside their exterior. `bbox` is accepted, and a
    /// legacy `crs` only when it names WGS 84 longitude/latitude; any other key is an error.
    /// Ring and position counts must stay within `limits` (see ``DistrictMap/Limits``).
    ///
    /// - Throws: ``ConfigurationError`` listing every problem with its JSON path; nothing is built.
    public init(geoJSON data: Data, limits: DistrictMap.Limits) throws(ConfigurationError) {
        self = try JSONNode.load(data) { $0.geoJSONPolygonal(limits: limits) }
    }

    /// ``init(geoJSON:limits:)`` with ``DistrictMap/Limits/standard``.
    ///
    /// - Throws: ``ConfigurationError`` listing every problem with its JSON path; nothing is built.
    public init(geoJSON data: Data) throws(ConfigurationError) {
        try self.init(geoJSON: data, limits: .standard)
    }
}
