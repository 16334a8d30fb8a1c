@_spi(Benchmarks) import Civic311
import Foundation
import Testing

/// A ring of `vertices` corners around a center (`vertices + 1` positions, closed), turning
/// counter-clockwise, or clockwise when `reversed`.
private func circle(
    _ center: (Double, Double) = (-73.9, 40.7),
    radius: Double = 0.05,
    vertices: Int,
    startingAt start: Int = 0,
    reversed: Bool = false
) throws -> LinearRing {
    var positions = try (0..<vertices).map { step in
        let index = (step + start) % vertices
        let angle = Double(reversed ? vertices - index : index) / Double(vertices) * 2 * .pi
        return try Coordinate(latitude: center.1 + radius * sin(angle), longitude: center.0 + radius * cos(angle))
    }
    positions.append(positions[0])
    return try LinearRing(positions)
}

private func district(_ id: String, _ polygons: [Polygon]) throws -> District {
    try District(id: id, geometry: MultiPolygon(polygons))
}

/// GeoJSON positions of `ring`.
private func geoJSON(_ ring: LinearRing) -> String {
    "[" + ring.positions.map { "[\($0.longitude), \($0.latitude)]" }.joined(separator: ", ") + "]"
}

/// A FeatureCollection with one Polygon feature per entry of `polygons` (rings, exterior first).
private func collection(_ polygons: [[LinearRing]]) -> Data {
    let features = polygons.enumerated().map { index, rings in
        #"{"type": "Feature", "properties": {"id": "d\#(index)"}, "geometry": {"type": "Polygon", "coordinates": [\#(rings.map(geoJSON).joined(separator: ", "))]}}"#
    }
    return Data(#"{"type": "FeatureCollection", "features": [\#(features.joined(separator: ", "))]}"#.utf8)
}

private func mapError(_ districts: [District], _ limits: DistrictMap.Limits) -> ValidationError? {
    do {
        _ = try DistrictMap(districts: districts, limits: limits)
        return nil
    } catch {
        return error
    }
}

private func loadIssues(_ data: Data, _ limits: DistrictMap.Limits) -> [ConfigurationIssue] {
    do {
        _ = try District.districts(fromGeoJSON: data, limits: limits)
        return []
    } catch {
        return error.issues
    }
}

/// Every limit of a district map: a map at the limit loads and indexes; one step past it is refused,
/// by the GeoJSON reader and by ``DistrictMap``, with an error naming the value and the limit.
@Suite struct DistrictMapLimitTests {
    @Test func defaultsAreTheDocumentedOnes() {
        let standard = DistrictMap.Limits.standard
        #expect(standard.maximumVerticesPerRing == 250_000)
        #expect(standard.maximumVertices == 1_000_000)
        #expect(standard.maximumRingsPerPolygon == 10_000)
        #expect(standard.maximumRings == 100_000)
        #expect(standard.maximumIndexBytes == 512 * 1_048_576)
    }

    @Test func verticesPerRing() throws {
        let limits = DistrictMap.Limits(maximumVerticesPerRing: 101)
        let atLimit = try circle(vertices: 100)
        let past = try circle(vertices: 101)
        #expect(atLimit.positions.count == 101)
        #expect(mapError([try district("d0", [Polygon(exterior: atLimit)])], limits) == nil)
        #expect(loadIssues(collection([[atLimit]]), limits).isEmpty)

        let error = mapError([try district("d0", [Polygon(exterior: past)])], limits)
        #expect(error?.code == .outOfRange)
        #expect(error?.field == "districts[0].geometry.polygons[0].rings[0]")
        #expect(error?.reason.contains("102 positions, over the limit of 101") == true)
        #expect(error?.reason.contains("DistrictMap.Limits.maximumVerticesPerRing") == true)
        let issues = loadIssues(collection([[past]]), limits)
        #expect(issues.map(\.path) == ["$.features[0].geometry.coordinates[0]"])
        #expect(issues.first?.reason.contains("DistrictMap.Limits.maximumVerticesPerRing") == true)
    }

    @Test func ringsPerPolygon() throws {
        let limits = DistrictMap.Limits(maximumRingsPerPolygon: 3)
        let exterior = try circle(radius: 0.05, vertices: 40)
        let holes = try [-0.02, 0, 0.02].map { try circle((-73.9 + $0, 40.7), radius: 0.005, vertices: 8) }
        let atLimit = [exterior] + holes.prefix(2)
        let past = [exterior] + holes
        #expect(
            mapError([try district("d0", [Polygon(exterior: exterior, holes: Array(holes.prefix(2)))])], limits) == nil
        )
        #expect(loadIssues(collection([atLimit]), limits).isEmpty)

        let error = mapError([try district("d0", [Polygon(exterior: exterior, holes: holes)])], limits)
        #expect(error?.field == "districts[0].geometry.polygons[0]")
        #expect(
            error?.reason.contains("4 rings, over the limit of 3 (DistrictMap.Limits.maximumRingsPerPolygon)") == true
        )
        let issues = loadIssues(collection([past]), limits)
        #expect(issues.map(\.path) == ["$.features[0].geometry.coordinates"])
        #expect(issues.first?.reason.contains("DistrictMap.Limits.maximumRingsPerPolygon") == true)
    }

    @Test func verticesAndRingsPerMap() throws {
        let rings = try (0..<3).map { try circle((-73.9 + Double($0) * 0.2, 40.7), vertices: 9) }
        let districts = try rings.enumerated().map { try district("d\($0.offset)", [Polygon(exterior: $0.element)]) }
        let data = collection(rings.map { [$0] })
        for (atLimit, past, name) in [
            (DistrictMap.Limits(maximumVertices: 30), DistrictMap.Limits(maximumVertices: 29), "maximumVertices"),
            (DistrictMap.Limits(maximumRings: 3), DistrictMap.Limits(maximumRings: 2), "maximumRings"),
        ] {
            #expect(mapError(districts, atLimit) == nil)
            #expect(loadIssues(data, atLimit).isEmpty)
            let error = mapError(districts, past)
            #expect(error?.field == "districts")
            #expect(error?.reason.contains("(DistrictMap.Limits.\(name))") == true)
            let issues = loadIssues(data, past)
            #expect(issues.map(\.path) == ["$"])
            #expect(issues.first?.reason.contains("(DistrictMap.Limits.\(name))") == true)
        }
    }

    @Test func indexMemoryIsBoundedBeforeBuilding() throws {
        let districts = try (0..<4).map { column in
            try district("d\(column)", [Polygon(exterior: circle((-73.9 + Double(column) * 0.1, 40.7), vertices: 200))])
        }
        let bound = try DistrictMap(districts: districts).indexByteBound
        #expect(bound > 0)
        #expect(mapError(districts, DistrictMap.Limits(maximumIndexBytes: bound)) == nil)
        let error = mapError(districts, DistrictMap.Limits(maximumIndexBytes: bound - 1))
        #expect(error?.code == .outOfRange && error?.field == "districts")
        #expect(error?.reason.contains("over the limit of \(bound - 1) (DistrictMap.Limits.maximumIndexBytes)") == true)
    }

    /// The audit's attacks: a 100,000-vertex zig-zag took over 12 GB, 2,000 copies of one ring
    /// 2.8 GB. Both are refused by the default limits, from a bound computed before building.
    @Test func hostileMapsAreRefusedBeforeTheirIndexIsBuilt() throws {
        var zigzag: [Coordinate] = []
        for index in 0..<100_000 {
            zigzag.append(try Coordinate(latitude: 40 + Double(index % 2), longitude: -74 + Double(index) * 1e-5))
        }
        zigzag.append(try Coordinate(latitude: 42, longitude: -73))
        zigzag.append(zigzag[0])
        let tooth = try district("zigzag", [Polygon(exterior: LinearRing(zigzag))])
        var error = mapError([tooth], .standard)
        #expect(error?.reason.contains("DistrictMap.Limits.maximumIndexBytes") == true)

        let ring = try circle(radius: 0.3, vertices: 4)
        let copies = try (0..<2_000).map { try district("copy\($0)", [Polygon(exterior: ring)]) }
        error = mapError(copies, .standard)
        #expect(error?.reason.contains("DistrictMap.Limits.maximumIndexBytes") == true)
    }

    @Test func repeatedRingsAreRefused() throws {
        let exterior = try circle(vertices: 12)
        let hole = try circle(radius: 0.01, vertices: 6)
        let rotatedBackwards = try circle(vertices: 12, startingAt: 5, reversed: true)
        #expect(throws: ValidationError.self) { try Polygon(exterior: exterior, holes: [exterior]) }
        do {
            _ = try Polygon(exterior: exterior, holes: [rotatedBackwards])
            Issue.record("a hole equal to the exterior was accepted")
        } catch {
            #expect(error.field == "holes[0]" && error.reason.contains("repeats the exterior ring"))
        }
        let sameHole = try circle(radius: 0.01, vertices: 6, startingAt: 2)
        do {
            _ = try Polygon(exterior: exterior, holes: [hole, sameHole])
            Issue.record("a hole given twice was accepted")
        } catch {
            #expect(error.field == "holes[1]" && error.reason.contains("repeats the positions of interior ring 0"))
        }
        let issues = loadIssues(collection([[exterior, hole, hole]]), .standard)
        #expect(issues.map(\.path) == ["$.features[0].geometry.coordinates[2]"])
    }

    /// The audit's quadratic hole check took 19 s for a 100k-vertex exterior and hole. Above the
    /// threshold the exterior is indexed, so each hole position tests a handful of edges.
    @Test func holeCheckWorkIsBoundedPerPosition() throws {
        let exterior = try circle(radius: 0.05, vertices: 5_000)
        let hole = try circle(radius: 0.0499, vertices: 5_000, startingAt: 7)
        var work = 0
        let problems = Polygon.ringProblems(exterior: exterior, holes: [hole], limits: .standard, work: &work)
        #expect(problems.isEmpty)
        // Spread edges put about √edges of them in a cell on the ring (71 here): far below the
        // 5,000 a position costs without the index.
        #expect(work <= 64 * hole.positions.count, "\(work) edge tests for \(hole.positions.count) positions")
        #expect(work >= hole.positions.count)

        // The work is counted before it is done: at the limit the check runs, one below it refuses.
        var refusedWork = 0
        let atLimit = Polygon.ringProblems(
            exterior: exterior,
            holes: [hole],
            limits: .standard,
            workLimit: work,
            work: &refusedWork
        )
        #expect(atLimit.isEmpty && refusedWork == work)
        refusedWork = 0
        let past = Polygon.ringProblems(
            exterior: exterior,
            holes: [hole],
            limits: .standard,
            workLimit: work - 1,
            work: &refusedWork
        )
        #expect(past.map(\.ring) == [0] && refusedWork == 0, "ring 0: the exterior is what is refused")
        #expect(past.first?.reason.contains("\(work) edge tests, over the limit of \(work - 1)") == true)

        let small = try circle(vertices: Polygon.holeIndexThreshold)
        let smallHole = try circle(radius: 0.01, vertices: 10)
        work = 0
        _ = Polygon.ringProblems(exterior: small, holes: [smallHole], limits: .standard, work: &work)
        #expect(work == Polygon.holeIndexThreshold * smallHole.positions.count)
    }

    /// A refusal about the exterior ring names the exterior, not the first hole; and a polygon
    /// built in code takes the limits a map would, so a trusted ring can be allowed.
    @Test func anExteriorTooIntricateIsReportedAtTheExterior() throws {
        let exterior = try circle(vertices: 5_000)
        let hole = try circle(radius: 0.01, vertices: 10)
        let tight = DistrictMap.Limits(maximumIndexBytes: 1_024)
        let error = #expect(throws: ValidationError.self) {
            try Polygon(exterior: exterior, holes: [hole], limits: tight)
        }
        #expect(error?.field == "exterior")
        #expect(error?.reason.contains("too intricate") == true)
        _ = try Polygon(exterior: exterior, holes: [hole])

        let issues = loadIssues(collection([[exterior, hole]]), tight)
        #expect(issues.map(\.path) == ["$.features[0].geometry.coordinates[0]"])
    }

    /// Limits that are not positive would refuse every map with a message about the map; they are
    /// refused themselves, by every entry point that takes them.
    @Test func limitsThatAreNotPositiveAreRefusedAsLimits() throws {
        let ring = try circle(vertices: 10)
        for limits in [
            DistrictMap.Limits(maximumVerticesPerRing: 0), DistrictMap.Limits(maximumVertices: -1),
            DistrictMap.Limits(maximumRingsPerPolygon: 0), DistrictMap.Limits(maximumRings: 0),
            DistrictMap.Limits(maximumIndexBytes: -1),
        ] {
            let error = mapError([try district("d0", [Polygon(exterior: ring)])], limits)
            #expect(error?.field == "limits" && error?.reason.contains("must be positive") == true)
            #expect(
                loadIssues(collection([[ring]]), limits).map(\.reason).allSatisfy { $0.contains("must be positive") }
            )
            #expect(!loadIssues(collection([[ring]]), limits).isEmpty)
            #expect(throws: ValidationError.self) { try Polygon(exterior: ring, holes: [], limits: limits) }
        }
    }

    /// A bare MultiPolygon is held to the map's totals too, as every loader is.
    @Test func aMultiPolygonIsHeldToTheMapTotals() throws {
        let ring = try circle(vertices: 100)
        let polygons = Array(repeating: "[" + geoJSON(ring) + "]", count: 3).joined(separator: ", ")
        let data = Data(#"{"type": "MultiPolygon", "coordinates": [\#(polygons)]}"#.utf8)
        _ = try MultiPolygon(geoJSON: data, limits: DistrictMap.Limits(maximumVertices: 303))
        let error = #expect(throws: ConfigurationError.self) {
            try MultiPolygon(geoJSON: data, limits: DistrictMap.Limits(maximumVertices: 302))
        }
        #expect(error?.issues.first?.reason.contains("DistrictMap.Limits.maximumVertices") == true)
    }

    /// The indexed check answers exactly as testing every edge, near the boundary included.
    @Test func indexedHoleCheckAgreesWithTestingEveryEdge() throws {
        var generator = SplitMix64(seed: 9)
        var star: [Coordinate] = []
        for index in 0..<500 {
            let angle = Double(index) / 500 * 2 * .pi
            let radius = Double.random(in: 0.02...0.05, using: &generator)
            star.append(try Coordinate(latitude: 40.7 + radius * sin(angle), longitude: -73.9 + radius * cos(angle)))
        }
        star.append(star[0])
        let exterior = try LinearRing(star)
        var holes: [LinearRing] = []
        var expected: [Int] = []
        for index in 0..<300 {
            // Tiny triangles around the exterior's own vertices and random points near it.
            let anchor = star[index % 500]
            let x = anchor.longitude + Double.random(in: -2e-4...2e-4, using: &generator)
            let y = anchor.latitude + Double.random(in: -2e-4...2e-4, using: &generator)
            let corners = try [(0.0, 0.0), (1e-5, 0), (0, 1e-5), (0, 0)].map {
                try Coordinate(latitude: y + $0.1, longitude: x + $0.0)
            }
            let triangle = try LinearRing(
                index.isMultiple(of: 3) ? [anchor] + corners.dropFirst().dropLast() + [anchor] : corners
            )
            if !triangle.positions.allSatisfy({ exterior.containsOrTouches($0) }) { expected.append(index) }
            holes.append(triangle)
        }
        var work = 0
        let problems = Polygon.ringProblems(exterior: exterior, holes: holes, limits: .standard, work: &work)
        #expect(problems.map { $0.ring - 1 } == expected)
        #expect(!expected.isEmpty && expected.count < holes.count)
    }
}
