@_spi(Benchmarks) import Civic311
import Foundation
import Testing

private func ring(_ pairs: [(Double, Double)]) throws -> LinearRing {
    var positions = try pairs.map { try Coordinate(latitude: $0.1, longitude: $0.0) }
    positions.append(positions[0])
    return try LinearRing(positions)
}

private func point(_ longitude: Double, _ latitude: Double) throws -> Coordinate {
    try Coordinate(latitude: latitude, longitude: longitude)
}

/// Great-circle distance on the same sphere, as an independent check of the flat approximation.
private func haversine(_ from: Coordinate, _ to: Coordinate) -> Double {
    let radius = 6_371_008.8
    let phi1 = from.latitude * .pi / 180
    let phi2 = to.latitude * .pi / 180
    let deltaPhi = phi2 - phi1
    let deltaLambda = (to.longitude - from.longitude) * .pi / 180
    let a = sin(deltaPhi / 2) * sin(deltaPhi / 2) + cos(phi1) * cos(phi2) * sin(deltaLambda / 2) * sin(deltaLambda / 2)
    return 2 * radius * asin(a.squareRoot())
}

@Suite struct BoundaryDistanceTests {
    // Hand-computed: one degree of latitude on a sphere of radius 6,371,008.8 m is
    // 6,371,008.8 × π / 180 = 111,195.080 m; a degree of longitude is that times cos(latitude).

    @Test func distanceNorthSouthMatchesHandComputedValue() throws {
        let block = try Polygon(exterior: ring([(-74.00, 40.70), (-73.99, 40.70), (-73.99, 40.71), (-74.00, 40.71)]))
        let inside = try point(-73.995, 40.7001)
        // 0.0001° of latitude from the south edge = 11.1195 m.
        let distance = block.distanceToBoundary(from: inside)
        #expect(abs(distance - 11.119_51) < 0.001)
        #expect(abs(distance - haversine(inside, try point(-73.995, 40.70))) < 0.001)
    }

    @Test func distanceEastWestShrinksWithLatitude() throws {
        let block = try Polygon(exterior: ring([(0, 44.99), (0.01, 44.99), (0.01, 45.01), (0, 45.01)]))
        let inside = try point(0.009, 45)
        // 0.001° of longitude at 45°: 111.195 m × cos 45° = 78.6268 m.
        let distance = block.distanceToBoundary(from: inside)
        #expect(abs(distance - 78.626_80) < 0.001)
        #expect(abs(distance - haversine(inside, try point(0.01, 45))) < 0.001)
    }

    @Test func distanceToADiagonalEdgeIsPerpendicular() throws {
        let triangle = try Polygon(exterior: ring([(0, 0), (0.001, 0), (0.001, 0.001)]))
        // From (0, 0.001) the nearest point of the hypotenuse y = x is (0.0005, 0.0005):
        // 0.001° / √2 = 78.6268 m at the equator.
        let distance = triangle.distanceToBoundary(from: try point(0, 0.001))
        #expect(abs(distance - 78.626_80) < 0.001)
    }

    @Test func distanceBeyondAnEdgeEndIsToTheVertex() throws {
        let block = try Polygon(exterior: ring([(0, 0), (0.001, 0), (0.001, 0.001), (0, 0.001)]))
        // Diagonally off the corner by 0.0003° in each axis: √2 × 33.3585 m = 47.1761 m.
        let distance = block.distanceToBoundary(from: try point(0.0013, 0.0013))
        #expect(abs(distance - 47.176_08) < 0.001)
    }

    @Test func holeEdgesCountAsBoundary() throws {
        let block = try Polygon(
            exterior: ring([(0, 0), (0.01, 0), (0.01, 0.01), (0, 0.01)]),
            holes: [ring([(0.004, 0.004), (0.006, 0.004), (0.006, 0.006), (0.004, 0.006)])]
        )
        // 0.0002° west of the hole, 0.0038° from the exterior: the hole's edge is nearer (22.239 m).
        let distance = block.distanceToBoundary(from: try point(0.0038, 0.005))
        #expect(abs(distance - 22.239_02) < 0.001)
    }

    @Test func nearBoundaryFlagsBothSidesOfASharedEdge() throws {
        // Two blocks sharing the meridian -73.99.
        let west = try District(
            id: "council-1",
            kind: .councilDistrict,
            geometry: MultiPolygon(
                Polygon(exterior: ring([(-74.00, 40.70), (-73.99, 40.70), (-73.99, 40.71), (-74.00, 40.71)]))
            )
        )
        let east = try District(
            id: "council-2",
            kind: .councilDistrict,
            geometry: MultiPolygon(
                Polygon(exterior: ring([(-73.99, 40.70), (-73.98, 40.70), (-73.98, 40.71), (-73.99, 40.71)]))
            )
        )
        let map = try DistrictMap(districts: [west, east], boundaryReach: 50)
        let metresPerDegreeLongitude = 111_195.080_233_5 * cos(40.705 * Double.pi / 180)

        // 10 m east of the shared edge: in the east block, near both.
        let tenMetresEast = try point(-73.99 + 10 / metresPerDegreeLongitude, 40.705)
        let close = try map.locate(tenMetresEast, nearBoundaryWithin: 30)
        #expect(close.containing == [1])
        #expect(close.isNearBoundary)
        #expect(close.nearBoundary.map(\.district) == [0, 1])
        for proximity in close.nearBoundary {
            #expect(abs(proximity.distance - 10) < 0.01)
        }

        // Same point with a 5 m threshold: not ambiguous.
        let strict = try map.locate(tenMetresEast, nearBoundaryWithin: 5)
        #expect(strict.containing == [1])
        #expect(!strict.isNearBoundary)

        // Exactly on the shared edge: in both, at distance zero, flagged even with a zero threshold.
        let onEdge = try map.locate(try point(-73.99, 40.705), nearBoundaryWithin: 0)
        #expect(onEdge.containing == [0, 1])
        #expect(
            onEdge.nearBoundary == [
                BoundaryProximity(district: 0, distance: 0), BoundaryProximity(district: 1, distance: 0),
            ]
        )

        // 40 m inside the west block, away from every other edge: assigned without doubt.
        let deepInside = try map.locate(
            try point(-73.99 - 40 / metresPerDegreeLongitude, 40.705),
            nearBoundaryWithin: 30
        )
        #expect(deepInside.containing == [0])
        #expect(!deepInside.isNearBoundary)

        // 20 m outside both blocks, north of the shared corner: in neither, near both.
        let outside = try map.locate(try point(-73.99, 40.71 + 20 / 111_195.08), nearBoundaryWithin: 30)
        #expect(outside.containing.isEmpty)
        #expect(outside.nearBoundary.map(\.district) == [0, 1])
    }
}
