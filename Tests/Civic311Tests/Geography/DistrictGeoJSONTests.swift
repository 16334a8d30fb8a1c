import Civic311
import Foundation
import Testing

/// Loads `json` as a FeatureCollection and returns the issues it was rejected with (none if it loaded).
private func collectionIssues(_ json: String) -> [ConfigurationIssue] {
    do {
        _ = try District.districts(fromGeoJSON: Data(json.utf8))
        return []
    } catch {
        #expect(error.code == .invalidDocument)
        return error.issues
    }
}

/// A FeatureCollection with one feature whose geometry is `geometry` (raw JSON).
private func oneFeature(_ geometry: String, properties: String = #"{"id": "d1"}"#) -> String {
    #"{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": \#(properties), "geometry": \#(geometry)}]}"#
}

private let square = "[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]"

private func expectIssue(
    _ issues: [ConfigurationIssue],
    at path: String,
    containing text: String,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    #expect(
        issues.contains { $0.path == path && $0.reason.contains(text) },
        "no issue at \(path) mentioning \"\(text)\" in \(issues)",
        sourceLocation: sourceLocation
    )
}

@Suite struct DistrictGeoJSONTests {
    @Test func loadsAFeatureCollection() throws {
        let json = #"""
            {
              "type": "FeatureCollection",
              "name": "council_districts",
              "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:OGC:1.3:CRS84"}},
              "bbox": [-74.1, 40.6, -73.9, 40.8],
              "features": [
                {
                  "type": "Feature",
                  "id": 7,
                  "bbox": [-74.0, 40.7, -73.99, 40.71],
                  "properties": {"id": 7, "name": "Council District 7", "kind": "council_district"},
                  "geometry": {
                    "type": "Polygon",
                    "coordinates": [
                      [[-74.0, 40.7, 12.5], [-73.99, 40.7, 12.5], [-73.99, 40.71, 13], [-74.0, 40.71, 12], [-74.0, 40.7, 12.5]],
                      [[-73.996, 40.704], [-73.994, 40.704], [-73.994, 40.706], [-73.996, 40.704]]
                    ]
                  }
                },
                {
                  "type": "Feature",
                  "id": "i-278",
                  "properties": {"kind": "state_road_corridor"},
                  "geometry": {
                    "type": "MultiPolygon",
                    "coordinates": [
                      [[[-74.05, 40.6], [-74.04, 40.6], [-74.04, 40.62], [-74.05, 40.6]]],
                      [[[-74.03, 40.6], [-74.02, 40.6], [-74.02, 40.62], [-74.03, 40.6]]]
                    ]
                  }
                }
              ]
            }
            """#
        let districts = try District.districts(fromGeoJSON: Data(json.utf8))
        #expect(districts.map(\.id) == ["7", "i-278"])
        #expect(districts[0].name == "Council District 7")
        #expect(districts[0].kind == .councilDistrict)
        #expect(districts[0].geometry.polygons[0].holes.count == 1)
        #expect(districts[1].name == nil)
        #expect(districts[1].kind == .stateRoadCorridor)
        #expect(districts[1].geometry.polygons.count == 2)
        #expect(districts[0].contains(try Coordinate(latitude: 40.701, longitude: -73.999)))
        #expect(!districts[0].contains(try Coordinate(latitude: 40.7045, longitude: -73.9945)), "in the hole")
        _ = try DistrictMap(districts: districts)
    }

    @Test func loadsABareGeometryAndAFeature() throws {
        let polygon = try MultiPolygon(geoJSON: Data(#"{"type": "Polygon", "coordinates": [\#(square)]}"#.utf8))
        #expect(polygon.polygons.count == 1)
        #expect(polygon.polygons[0].exterior.positions[1] == (try Coordinate(latitude: 0, longitude: 1)))
        let multi = try MultiPolygon(geoJSON: Data(#"{"type": "MultiPolygon", "coordinates": [[\#(square)]]}"#.utf8))
        #expect(multi == polygon)
        let feature =
            #"{"type": "Feature", "properties": {"id": "ward-2"}, "geometry": {"type": "Polygon", "coordinates": [\#(square)]}}"#
        #expect(try District(geoJSON: Data(feature.utf8)).id == "ward-2")
    }

    @Test func rejectsAnUnclosedRing() {
        let issues = collectionIssues(
            oneFeature(#"{"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 1]]]}"#)
        )
        expectIssue(issues, at: "$.features[0].geometry.coordinates[0]", containing: "not closed")
    }

    @Test func rejectsARingWithFewerThanFourPositions() {
        let issues = collectionIssues(oneFeature(#"{"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [0, 0]]]}"#))
        expectIssue(issues, at: "$.features[0].geometry.coordinates[0]", containing: "at least 4 positions, found 3")
    }

    @Test func rejectsBadPositions() {
        let ring = #"[[0, 0], ["1", 0], [200, 95], [1], [0, 1, 2, 3], [0, 1, "high"], [0, 0]]"#
        let issues = collectionIssues(oneFeature(#"{"type": "Polygon", "coordinates": [\#(ring)]}"#))
        let base = "$.features[0].geometry.coordinates[0]"
        expectIssue(issues, at: "\(base)[1][0]", containing: "expected a number, found a string")
        expectIssue(issues, at: "\(base)[2][0]", containing: "longitude must be between -180 and 180")
        expectIssue(issues, at: "\(base)[2][1]", containing: "latitude must be between -90 and 90")
        expectIssue(issues, at: "\(base)[3]", containing: "found an array of 1")
        expectIssue(issues, at: "\(base)[4]", containing: "found an array of 4")
        expectIssue(issues, at: "\(base)[5][2]", containing: "expected a number")
        #expect(issues.count == 6, "\(issues)")
    }

    @Test func rejectsUnsupportedAndUnknownGeometryTypes() {
        let line = collectionIssues(oneFeature(#"{"type": "LineString", "coordinates": [[0, 0], [1, 1]]}"#))
        expectIssue(line, at: "$.features[0].geometry.type", containing: "unsupported geometry type \"LineString\"")
        let typo = collectionIssues(oneFeature(#"{"type": "Polygn", "coordinates": [\#(square)]}"#))
        expectIssue(typo, at: "$.features[0].geometry.type", containing: "found \"Polygn\"")
        let missing = collectionIssues(
            #"{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"id": "a"}, "geometry": null}]}"#
        )
        expectIssue(missing, at: "$.features[0].geometry", containing: "required value is missing")
    }

    @Test func rejectsDuplicateIDs() {
        let feature = { (id: String) in
            #"{"type": "Feature", "properties": {"id": \#(id)}, "geometry": {"type": "Polygon", "coordinates": [\#(square)]}}"#
        }
        let json =
            #"{"type": "FeatureCollection", "features": [\#(feature("\"a\"")), \#(feature("\"b\"")), \#(feature("\"a\""))]}"#
        let issues = collectionIssues(json)
        expectIssue(issues, at: "$.features[2].properties.id", containing: "duplicate district id \"a\"")
        expectIssue(issues, at: "$.features[2].properties.id", containing: "$.features[0].properties.id")
        #expect(issues.count == 1)
    }

    @Test func rejectsUnknownKeysButAcceptsGeoJSONMembers() {
        let json = #"""
            {"type": "FeatureCollection", "bbox": [0, 0, 1, 1], "extra": true, "features": [
              {"type": "Feature", "bbox": [0, 0, 1, 1], "properties": {"id": "a", "Name": "Typo"},
               "geometry": {"type": "Polygon", "coordinates": [\#(square)], "coords": []}}
            ]}
            """#
        let issues = collectionIssues(json)
        expectIssue(issues, at: "$.extra", containing: "unknown key")
        expectIssue(issues, at: "$.features[0].properties.Name", containing: "unknown key")
        expectIssue(issues, at: "$.features[0].geometry.coords", containing: "unknown key")
        #expect(issues.count == 3, "bbox is a GeoJSON member, not an unknown key: \(issues)")
    }

    @Test func rejectsAHoleOutsideItsExterior() {
        let geometry = #"{"type": "Polygon", "coordinates": [\#(square), [[5, 5], [6, 5], [6, 6], [5, 5]]]}"#
        let issues = collectionIssues(oneFeature(geometry))
        expectIssue(issues, at: "$.features[0].geometry.coordinates[1]", containing: "not inside the exterior ring")
    }

    @Test func rejectsOtherCoordinateSystemsAndBadBoundingBoxes() {
        let json = #"""
            {"type": "FeatureCollection", "bbox": [0, 0, 1],
             "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::2263"}},
             "features": []}
            """#
        let issues = collectionIssues(json)
        expectIssue(issues, at: "$.crs.properties.name", containing: "EPSG::2263\" is not supported")
        expectIssue(issues, at: "$.bbox", containing: "4 or 6 numbers, found 3")
    }

    @Test func rejectsMissingMismatchedAndBadIDsAndKinds() {
        let geometry = #"{"type": "Polygon", "coordinates": [\#(square)]}"#
        let json = #"""
            {"type": "FeatureCollection", "features": [
              {"type": "Feature", "properties": {"name": "No id"}, "geometry": \#(geometry)},
              {"type": "Feature", "id": "x", "properties": {"id": "y"}, "geometry": \#(geometry)},
              {"type": "Feature", "properties": {"id": 1.5, "kind": "Council District"}, "geometry": \#(geometry)},
              {"type": "Feature", "properties": {"id": "  ", "name": ""}, "geometry": \#(geometry)}
            ]}
            """#
        let issues = collectionIssues(json)
        expectIssue(issues, at: "$.features[0].properties.id", containing: "required value is missing")
        expectIssue(issues, at: "$.features[1].properties.id", containing: "differs from the feature's \"id\" \"x\"")
        expectIssue(issues, at: "$.features[2].properties.id", containing: "expected a string or a whole number")
        expectIssue(issues, at: "$.features[2].properties.kind", containing: "lowercase identifier")
        expectIssue(issues, at: "$.features[3].properties.id", containing: "must not be empty")
        expectIssue(issues, at: "$.features[3].properties.name", containing: "must not be empty")
        #expect(issues.count == 6, "\(issues)")
    }

    @Test func rejectsWrongDocumentTypes() {
        let feature =
            #"{"type": "Feature", "properties": {"id": "a"}, "geometry": {"type": "Polygon", "coordinates": [\#(square)]}}"#
        expectIssue(
            collectionIssues(feature),
            at: "$.type",
            containing: "expected \"FeatureCollection\", found \"Feature\""
        )
        do {
            _ = try MultiPolygon(geoJSON: Data(feature.utf8))
            Issue.record("a Feature is not a bare geometry")
        } catch {
            expectIssue(error.issues, at: "$.type", containing: "found \"Feature\"")
        }
        let empty = collectionIssues(oneFeature(#"{"type": "Polygon", "coordinates": []}"#))
        expectIssue(empty, at: "$.features[0].geometry.coordinates", containing: "needs an exterior ring")
        let emptyMulti = collectionIssues(oneFeature(#"{"type": "MultiPolygon", "coordinates": []}"#))
        expectIssue(emptyMulti, at: "$.features[0].geometry.coordinates", containing: "at least one polygon")
    }

    @Test func rejectsAntimeridianAndAreaFreeRings() {
        let wrapped = #"{"type": "Polygon", "coordinates": [[[179, 0], [-179, 0], [-179, 1], [179, 1], [179, 0]]]}"#
        expectIssue(
            collectionIssues(oneFeature(wrapped)),
            at: "$.features[0].geometry.coordinates[0]",
            containing: "antimeridian"
        )
        let flat = #"{"type": "MultiPolygon", "coordinates": [[\#(square)], [[[0, 0], [1, 1], [2, 2], [0, 0]]]]}"#
        expectIssue(
            collectionIssues(oneFeature(flat)),
            at: "$.features[0].geometry.coordinates[1][0]",
            containing: "no area"
        )
    }

    @Test func reportsEveryProblemAndLoadsNothing() {
        let json = #"""
            {"type": "FeatureCollection", "features": [
              {"type": "Feature", "properties": {"id": "a"}, "geometry": {"type": "Polygon", "coordinates": [\#(square)]}},
              {"type": "Feature", "properties": {"id": "b"}, "geometry": {"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 1]]]}},
              {"type": "Feature", "properties": {"id": "c"}, "geometry": {"type": "Point", "coordinates": [0, 0]}},
              {"type": "Feature", "properties": {"id": "a"}, "geometry": {"type": "Polygon", "coordinates": [\#(square)]}}
            ]}
            """#
        let issues = collectionIssues(json)
        #expect(
            issues.map(\.path) == [
                "$.features[1].geometry.coordinates[0]", "$.features[2].geometry.type", "$.features[3].properties.id",
            ]
        )
    }

    @Test func rejectsMalformedJSON() {
        do {
            _ = try District.districts(fromGeoJSON: Data("{\"type\": ".utf8))
            Issue.record("malformed JSON loaded")
        } catch {
            #expect(error.code == .malformedDocument)
        }
    }
}
