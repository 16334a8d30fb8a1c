import Civic311
import Foundation

extension FuzzTarget {
    /// District maps (GeoJSON): the same districts whatever the layout; districts written back as
    /// GeoJSON read back equal; accepted districts build a map, or are refused with a clear error.
    static let geoJSON = FuzzTarget(name: "geojson") { data in
        guard let (loaded, reformatted) = PropertyCheck.loadConsistently(data, District.districts(fromGeoJSON:)) else {
            return
        }
        PropertyCheck.expect(loaded == reformatted, "districts load the same whatever the layout")
        let written = GeoJSONWriting.featureCollection(loaded)
        do {
            let again = try District.districts(fromGeoJSON: written)
            PropertyCheck.expect(again == loaded, "districts written as GeoJSON read back equal")
        } catch {
            PropertyCheck.fail("districts written as GeoJSON load again", "\(error)")
        }
        guard let map = try? DistrictMap(districts: loaded) else { return }
        for district in map.districts {
            PropertyCheck.expect(
                map.position(of: district.id) != nil,
                "every district of a map is found by its id",
                district.id
            )
        }
    }
}

/// Writes districts as a GeoJSON FeatureCollection, with the keys the loader documents.
enum GeoJSONWriting {
    static func featureCollection(_ districts: [District]) -> Data {
        let features: [[String: Any]] = districts.map { district in
            var properties: [String: Any] = ["id": district.id]
            if let name = district.name { properties["name"] = name }
            if let kind = district.kind { properties["kind"] = kind.rawValue }
            let polygons = district.geometry.polygons.map { polygon in
                ([polygon.exterior] + polygon.holes).map { ring in
                    ring.positions.map { [$0.longitude, $0.latitude] }
                }
            }
            return [
                "type": "Feature",
                "properties": properties,
                "geometry": ["type": "MultiPolygon", "coordinates": polygons],
            ]
        }
        let collection: [String: Any] = ["type": "FeatureCollection", "features": features]
        // Only strings, numbers, arrays and objects: serialization cannot fail.
        return (try? JSONSerialization.data(withJSONObject: collection, options: [.sortedKeys])) ?? Data()
    }
}
