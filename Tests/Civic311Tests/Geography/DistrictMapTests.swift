@_spi(Benchmarks) import Civic311
import Foundation
import Testing

private func ring(_ pairs: [(Double, Double)]) throws -> LinearRing {
    var positions = try pairs.map { try Coordinate(latitude: $0.1, longitude: $0.0) }
    positions.append(positions[0])
    return try LinearRing(positions)
}

private func square(_ id: String, west: Double, south: Double, size: Double) throws -> District {
    let exterior = try ring([(west, south), (west + size, south), (west + size, south + size), (west, south + size)])
    return try District(id: id, geometry: MultiPolygon(Polygon(exterior: exterior)))
}

/// A star-shaped, usually concave, ring around a center.
private func star(
    _ center: (Double, Double),
    radius: Double,
    vertices: Int,
    using generator: inout SplitMix64
) throws -> LinearRing {
    try ring(
        (0..<vertices).map { index in
            let angle = (Double(index) + Double.random(in: 0..<0.9, using: &generator)) / Double(vertices) * 2 * .pi
            let scale = Double.random(in: 0.5...1, using: &generator)
            return (center.0 + radius * scale * cos(angle), center.1 + radius * scale * sin(angle))
        }
    )
}

/// Districts built to stress the index: a tessellation whose neighbours share zigzag edges
/// vertex for vertex, overlapping concave stars with holes, and multipolygons.
private func generatedDistricts(using generator: inout SplitMix64) throws -> [District] {
    var districts: [District] = []
    let size = 0.004
    let side = 5
    var corners: [[(Double, Double)]] = []
    for row in 0...side {
        corners.append(
            (0...side).map { column in
                let jitter = row == 0 || row == side || column == 0 || column == side ? 0 : size * 0.2
                return (
                    Double(column) * size + Double.random(in: -jitter...jitter, using: &generator),
                    45 + Double(row) * size + Double.random(in: -jitter...jitter, using: &generator)
                )
            }
        )
    }
    // Each shared edge gets a dent computed from its two corners in a fixed order, so both
    // neighbours hold the very same position.
    func dent(_ a: (Double, Double), _ b: (Double, Double), _ sign: Double) -> (Double, Double) {
        ((a.0 + b.0) / 2 + sign * (b.1 - a.1) * 0.2, (a.1 + b.1) / 2 - sign * (b.0 - a.0) * 0.2)
    }
    for row in 0..<side {
        for column in 0..<side {
            let southWest = corners[row][column]
            let southEast = corners[row][column + 1]
            let northEast = corners[row + 1][column + 1]
            let northWest = corners[row + 1][column]
            let sign = (row + column) % 2 == 0 ? 1.0 : -1.0
            let exterior = try ring([
                southWest, dent(southWest, southEast, sign), southEast, dent(southEast, northEast, sign),
                northEast, dent(northWest, northEast, sign), northWest, dent(southWest, northWest, sign),
            ])
            districts.append(
                try District(
                    id: "tile-\(row)-\(column)",
                    kind: .councilDistrict,
                    geometry: MultiPolygon(Polygon(exterior: exterior))
                )
            )
        }
    }
    for index in 0..<12 {
        let center = (Double.random(in: 0...0.02, using: &generator), Double.random(in: 45...45.02, using: &generator))
        let exterior = try star(
            center,
            radius: 0.004,
            vertices: Int.random(in: 8...60, using: &generator),
            using: &generator
        )
        var holes: [LinearRing] = []
        if index % 3 == 0 {
            holes.append(try star(center, radius: 0.0015, vertices: 12, using: &generator))
        }
        var polygons = [try Polygon(exterior: exterior, holes: holes)]
        if index % 4 == 1 {
            let satellite = (center.0 + 0.01, center.1 - 0.005)
            polygons.append(try Polygon(exterior: star(satellite, radius: 0.002, vertices: 9, using: &generator)))
        }
        districts.append(try District(id: "star-\(index)", kind: .schoolDistrict, geometry: MultiPolygon(polygons)))
    }
    // Axis-aligned blocks last: their edges are where a too-narrow index margin shows.
    for index in 0..<6 {
        let west = Double.random(in: 0...0.018, using: &generator)
        let south = Double.random(in: 45...45.018, using: &generator)
        let width = Double.random(in: 0.0005...0.004, using: &generator)
        let height = Double.random(in: 0.0005...0.004, using: &generator)
        let exterior = try ring([
            (west, south), (west + width, south), (west + width, south + height), (west, south + height),
        ])
        districts.append(
            try District(
                id: "block-\(index)",
                kind: .stateRoadCorridor,
                geometry: MultiPolygon(Polygon(exterior: exterior))
            )
        )
    }
    return districts
}

@Suite struct DistrictMapTests {
    @Test func findsContainingDistrictsAcrossLayers() throws {
        let municipality = try square("city", west: 0, south: 0, size: 0.1)
        let council = try square("council-3", west: 0.02, south: 0.02, size: 0.02)
        let elsewhere = try square("other-city", west: 0.5, south: 0.5, size: 0.1)
        let map = try DistrictMap(districts: [municipality, council, elsewhere], boundaryReach: 30)
        let result = try map.locate(try Coordinate(latitude: 0.03, longitude: 0.03), nearBoundaryWithin: 30)
        #expect(result.containing == [0, 1])
        #expect(!result.isNearBoundary)
        #expect(map.position(of: "council-3") == 1)
        #expect(map.position(of: "council-4") == nil)
        let far = try map.locate(try Coordinate(latitude: -10, longitude: 20), nearBoundaryWithin: 30)
        #expect(far.containing.isEmpty && far.nearBoundary.isEmpty)
    }

    @Test func reusedResultIsReplacedNotAppended() throws {
        let map = try DistrictMap(districts: [try square("a", west: 0, south: 0, size: 0.01)])
        var result = DistrictLookup()
        try map.locate(try Coordinate(latitude: 0.005, longitude: 0.005), nearBoundaryWithin: 10, into: &result)
        #expect(result.containing == [0])
        try map.locate(try Coordinate(latitude: 0.5, longitude: 0.5), nearBoundaryWithin: 10, into: &result)
        #expect(result.containing.isEmpty)
    }

    @Test func emptyMapFindsNothing() throws {
        let map = try DistrictMap(districts: [])
        let result = try map.locate(try Coordinate(latitude: 1, longitude: 1), nearBoundaryWithin: 10)
        #expect(result.containing.isEmpty && result.nearBoundary.isEmpty)
    }

    @Test func rejectsDuplicateIDs() throws {
        let first = try square("ward-1", west: 0, south: 0, size: 0.01)
        let second = try square("ward-1", west: 1, south: 0, size: 0.01)
        let error = #expect(throws: ValidationError.self) { try DistrictMap(districts: [first, second]) }
        #expect(error?.code == .duplicate)
        #expect(error?.field == "districts[1].id")
    }

    @Test func rejectsBadReachAndDistancesBeyondIt() throws {
        let district = try square("a", west: 0, south: 0, size: 0.01)
        for reach in [-1, .nan, .infinity, 20_000] {
            let error = #expect(throws: ValidationError.self) {
                try DistrictMap(districts: [district], boundaryReach: reach)
            }
            #expect(error?.field == "boundaryReach")
        }
        let map = try DistrictMap(districts: [district], boundaryReach: 25)
        var result = DistrictLookup()
        try map.locate(try Coordinate(latitude: 0.005, longitude: 0.005), nearBoundaryWithin: 25, into: &result)
        for distance in [26, -1, .nan] {
            let error = #expect(throws: ValidationError.self) {
                try map.locate(try Coordinate(latitude: 0, longitude: 0), nearBoundaryWithin: distance, into: &result)
            }
            #expect(error?.code == .outOfRange)
            #expect(result.containing == [0], "a rejected query leaves the result untouched")
        }
    }

    /// The index must give exactly what asking every district gives: same districts, same distances.
    @Test(arguments: [0.0, 60.0])
    func indexAgreesWithBruteForce(reach: Double) throws {
        var generator = SplitMix64(seed: 20_240_311)
        let districts = try generatedDistricts(using: &generator)
        let map = try DistrictMap(districts: districts, boundaryReach: reach)

        var points: [Coordinate] = []
        for _ in 0..<1_500 {
            points.append(
                try Coordinate(
                    latitude: Double.random(in: 44.995...45.025, using: &generator),
                    longitude: Double.random(in: -0.005...0.025, using: &generator)
                )
            )
        }
        // Exact vertices, points along edges and points a few metres off them: where mistakes hide.
        let rings = districts.flatMap { $0.geometry.polygons.flatMap { [$0.exterior] + $0.holes } }
        for _ in 0..<700 {
            let positions = rings.randomElement(using: &generator)!.positions
            let index = Int.random(in: 1..<positions.count, using: &generator)
            let (start, end) = (positions[index - 1], positions[index])
            let t = [0, 0.5, Double.random(in: 0...1, using: &generator)].randomElement(using: &generator)!
            let offset =
                Double.random(in: -0.0006...0.0006, using: &generator) * (Bool.random(using: &generator) ? 1 : 0)
            points.append(
                try Coordinate(
                    latitude: start.latitude + t * (end.latitude - start.latitude) + offset,
                    longitude: start.longitude + t * (end.longitude - start.longitude) - offset
                )
            )
        }
        // Points just inside the reach from an edge, measured along its normal: an index whose
        // margin were short would miss exactly these.
        let metresPerDegree = 6_371_008.8 * Double.pi / 180
        for _ in 0..<800 where reach > 0 {
            let candidates = Bool.random(using: &generator) ? rings : Array(rings.suffix(6))
            let positions = candidates.randomElement(using: &generator)!.positions
            let index = Int.random(in: 1..<positions.count, using: &generator)
            let (start, end) = (positions[index - 1], positions[index])
            let t = Double.random(in: 0...1, using: &generator)
            let latitude = start.latitude + t * (end.latitude - start.latitude)
            let longitude = start.longitude + t * (end.longitude - start.longitude)
            let scaleX = metresPerDegree * cos(latitude * Double.pi / 180)
            let alongX = (end.longitude - start.longitude) * scaleX
            let alongY = (end.latitude - start.latitude) * metresPerDegree
            let length = (alongX * alongX + alongY * alongY).squareRoot()
            guard length > 0 else { continue }
            let away =
                Double.random(in: 0.85...0.999, using: &generator) * reach * (Bool.random(using: &generator) ? 1 : -1)
            points.append(
                try Coordinate(
                    latitude: latitude + alongX / length * away / metresPerDegree,
                    longitude: longitude - alongY / length * away / scaleX
                )
            )
        }
        // Points level with a vertex: an east-going ray passes exactly through vertices there.
        for _ in 0..<400 {
            let positions = rings.randomElement(using: &generator)!.positions
            points.append(
                try Coordinate(
                    latitude: positions.randomElement(using: &generator)!.latitude,
                    longitude: Double.random(in: -0.005...0.025, using: &generator)
                )
            )
        }

        var result = DistrictLookup()
        var boundaryHits = 0
        var mismatches: [String] = []
        for point in points {
            // The full reach half the time: edges just inside it are the ones a short margin drops.
            let distance = Bool.random(using: &generator) ? reach : Double.random(in: 0...reach, using: &generator)
            try map.locate(point, nearBoundaryWithin: distance, into: &result)
            let limit = max(distance, Polygon.boundaryTolerance)
            var containing: [Int] = []
            var near: [BoundaryProximity] = []
            for (position, district) in districts.enumerated() {
                if district.contains(point) { containing.append(position) }
                let toBoundary = district.distanceToBoundary(from: point)
                if toBoundary <= limit { near.append(BoundaryProximity(district: position, distance: toBoundary)) }
            }
            boundaryHits += near.contains { $0.distance <= Polygon.boundaryTolerance } ? 1 : 0
            if containing != result.containing || near != result.nearBoundary {
                mismatches.append(
                    "\(point): index \(result.containing) \(result.nearBoundary), brute \(containing) \(near)"
                )
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(5))")
        // The sample must really exercise boundary points, or agreement proves little.
        #expect(boundaryHits > 100)
    }
}
