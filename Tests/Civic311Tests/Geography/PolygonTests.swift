import Civic311
import Testing

/// A ring from `[longitude, latitude]` pairs, closed by repeating the first.
private func ring(_ pairs: [(Double, Double)]) throws -> LinearRing {
    var positions = try pairs.map { try Coordinate(latitude: $0.1, longitude: $0.0) }
    positions.append(positions[0])
    return try LinearRing(positions)
}

private func point(_ longitude: Double, _ latitude: Double) throws -> Coordinate {
    try Coordinate(latitude: latitude, longitude: longitude)
}

@Suite struct PolygonTests {
    /// 0.01° square (about 1.1 km) with a 0.002° square hole in the middle.
    private func squareWithHole() throws -> Polygon {
        try Polygon(
            exterior: ring([(0, 0), (0.01, 0), (0.01, 0.01), (0, 0.01)]),
            holes: [ring([(0.004, 0.004), (0.004, 0.006), (0.006, 0.006), (0.006, 0.004)])]
        )
    }

    @Test func insideOutsideAndInTheHole() throws {
        let polygon = try squareWithHole()
        #expect(polygon.contains(try point(0.002, 0.002)))
        #expect(polygon.contains(try point(0.009, 0.0095)))
        #expect(!polygon.contains(try point(0.011, 0.005)))
        #expect(!polygon.contains(try point(-0.0001, 0.005)))
        #expect(!polygon.contains(try point(0.005, 0.005)), "the center is in the hole")
        #expect(!polygon.contains(try point(0.0045, 0.0059)))
    }

    @Test func boundaryPointsAreInside() throws {
        let polygon = try squareWithHole()
        #expect(polygon.contains(try point(0.01, 0.005)), "on the east edge")
        #expect(polygon.contains(try point(0.005, 0.01)), "on the north edge")
        #expect(polygon.contains(try point(0, 0.003)), "on the west edge")
        #expect(polygon.contains(try point(0.01, 0.01)), "on a vertex")
        #expect(polygon.contains(try point(0, 0)), "on the first vertex")
        #expect(polygon.contains(try point(0.005, 0.004)), "on the hole's edge")
        #expect(polygon.contains(try point(0.006, 0.006)), "on the hole's vertex")
        #expect(polygon.distanceToBoundary(from: try point(0.01, 0.005)) == 0)
    }

    @Test func boundaryOfADiagonalEdgeIsInsideAndAMetreOffIsNot() throws {
        // Triangle with a hypotenuse from (0.001, 0) to (0, 0.001); its midpoint is not exactly
        // representable on the line, which is why "on" means within a millimetre.
        let triangle = try Polygon(exterior: ring([(0, 0), (0.001, 0), (0, 0.001)]))
        #expect(triangle.contains(try point(0.0005, 0.0005)))
        #expect(triangle.contains(try point(0.0003, 0.0007)))
        // One metre outside along the normal: 1 m / 111,195 m per degree / √2 in each axis.
        let offset = 1 / 111_195.08 / 2.0.squareRoot()
        #expect(!triangle.contains(try point(0.0005 + offset, 0.0005 + offset)))
        #expect(triangle.contains(try point(0.0005 - offset, 0.0005 - offset)))
    }

    @Test func concavePolygonLeavesItsNotchOutside() throws {
        // A "U": two arms joined at the bottom; the notch between the arms is outside.
        let shape = try Polygon(
            exterior: ring([
                (0, 0), (0.03, 0), (0.03, 0.03), (0.02, 0.03), (0.02, 0.01), (0.01, 0.01), (0.01, 0.03), (0, 0.03),
            ])
        )
        #expect(shape.contains(try point(0.005, 0.02)), "left arm")
        #expect(shape.contains(try point(0.025, 0.02)), "right arm")
        #expect(shape.contains(try point(0.015, 0.005)), "base")
        #expect(!shape.contains(try point(0.015, 0.02)), "notch")
        // Rays at the latitude of the notch's floor pass through two vertices and a horizontal edge.
        #expect(shape.contains(try point(0.005, 0.01)))
        #expect(shape.contains(try point(0.015, 0.01)), "on the notch floor")
        #expect(!shape.contains(try point(-0.005, 0.01)))
        #expect(!shape.contains(try point(0.035, 0.01)))
        // Rays at the top pass along the arms' top edges.
        #expect(!shape.contains(try point(0.015, 0.03)), "between the arm tops")
        #expect(!shape.contains(try point(-0.001, 0.03)))
    }

    @Test func windingOrderDoesNotMatter() throws {
        let counterClockwise = try Polygon(exterior: ring([(0, 0), (1, 0), (1, 1), (0, 1)]))
        let clockwise = try Polygon(exterior: ring([(0, 0), (0, 1), (1, 1), (1, 0)]))
        for (longitude, latitude) in [(0.5, 0.5), (1.5, 0.5), (1, 0.5), (0.2, 0.9)] {
            let probe = try point(longitude, latitude)
            #expect(counterClockwise.contains(probe) == clockwise.contains(probe))
        }
    }

    @Test func multiPolygonIsTheUnionOfItsMembers() throws {
        let west = try Polygon(exterior: ring([(0, 0), (0.01, 0), (0.01, 0.01), (0, 0.01)]))
        let east = try Polygon(exterior: ring([(0.02, 0), (0.03, 0), (0.03, 0.01), (0.02, 0.01)]))
        // A third member overlapping the east one: the overlap stays inside.
        let overlap = try Polygon(exterior: ring([(0.025, 0), (0.035, 0), (0.035, 0.01), (0.025, 0.01)]))
        let shape = try MultiPolygon([west, east, overlap])
        #expect(shape.contains(try point(0.005, 0.005)))
        #expect(shape.contains(try point(0.022, 0.005)))
        #expect(shape.contains(try point(0.028, 0.005)), "in two members")
        #expect(!shape.contains(try point(0.015, 0.005)), "between members")
        // Nearest boundary from the gap: the west member's east edge, 0.002° away at the equator.
        let distance = shape.distanceToBoundary(from: try point(0.012, 0.005))
        #expect(abs(distance - 222.390_16) < 0.001)
    }

    @Test func ringRejectsTooFewPositions() throws {
        let positions = try [point(0, 0), point(1, 0), point(0, 0)]
        let error = #expect(throws: ValidationError.self) { try LinearRing(positions) }
        #expect(error?.reason.contains("at least 4 positions, found 3") == true)
    }

    @Test func ringRejectsAnUnclosedRing() throws {
        let positions = try [point(0, 0), point(1, 0), point(1, 1), point(0, 1)]
        let error = #expect(throws: ValidationError.self) { try LinearRing(positions) }
        #expect(error?.field == "positions")
        #expect(error?.reason.contains("not closed") == true)
    }

    @Test func ringRejectsNoArea() throws {
        let positions = try [point(0, 0), point(1, 1), point(2, 2), point(0, 0)]
        let error = #expect(throws: ValidationError.self) { try LinearRing(positions) }
        #expect(error?.reason.contains("no area") == true)
    }

    @Test func ringRejectsAntimeridianCrossing() throws {
        // Meant as a small ring across ±180°, written with raw longitudes: it would span 358°.
        let positions = try [point(179, 0), point(-179, 0), point(-179, 1), point(179, 1), point(179, 0)]
        let error = #expect(throws: ValidationError.self) { try LinearRing(positions) }
        #expect(error?.reason.contains("antimeridian") == true)
    }

    @Test func holeOutsideTheExteriorIsRejected() throws {
        let exterior = try ring([(0, 0), (1, 0), (1, 1), (0, 1)])
        let inside = try ring([(0.2, 0.2), (0.4, 0.2), (0.4, 0.4)])
        let outside = try ring([(2, 2), (3, 2), (3, 3)])
        let error = #expect(throws: ValidationError.self) { try Polygon(exterior: exterior, holes: [inside, outside]) }
        #expect(error?.field == "holes[1]")
        #expect(error?.reason.contains("not inside the exterior") == true)
    }

    @Test func emptyMultiPolygonIsRejected() {
        let error = #expect(throws: ValidationError.self) { try MultiPolygon([]) }
        #expect(error?.code == .missingValue)
    }

    @Test func districtRejectsBlankIDAndBadKind() throws {
        let geometry = MultiPolygon(try Polygon(exterior: ring([(0, 0), (1, 0), (1, 1)])))
        let error = #expect(throws: ValidationError.self) { try District(id: "  ", geometry: geometry) }
        #expect(error?.field == "id")
        let kindError = #expect(throws: ValidationError.self) { try DistrictKind("Council District") }
        #expect(kindError?.field == "kind")
        #expect(try DistrictKind("council_district") == .councilDistrict)
    }
}
