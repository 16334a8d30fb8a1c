@_spi(Benchmarks) import Civic311
import Foundation

/// The largest district map accepted (issue 9's figure): maps built up to the default limits of
/// `DistrictMap.Limits`, loaded from GeoJSON text and indexed, with the CPU time of each step, the
/// index's memory bound and the resident memory it really took. The baseline, in the same run, is
/// Foundation's `JSONSerialization` reading the same text (untyped, no checks, no paths).
///
/// The maps tessellate a 0.5° square (about New York City's extent) into districts whose shared
/// edges are jagged polylines, vertex for vertex the same on both sides, as surveyed boundaries are.
enum DistrictMapBenchmark {
    static func run() throws {
        let limits = DistrictMap.Limits.standard
        let runs = 3
        print(
            "district map: best of \(runs) runs, one thread; limits \(limits.maximumVertices) positions per map, "
                + "\(limits.maximumVerticesPerRing) per ring, \(limits.maximumIndexBytes >> 20) MiB of index"
        )
        // Largest first: resident-memory growth is read before earlier maps' memory is reused.
        let maps: [(name: String, districtsPerSide: Int, pointsPerSide: Int)] = [
            ("100 districts, 10,000 positions each", 10, 2_498),
            ("100 districts, 2,500 positions each", 10, 623),
            ("400 districts, 250 positions each", 20, 61),
            ("1 district, one ring at the per-ring limit", 1, 62_498),
        ]
        for map in maps {
            let districts = tessellation(districtsPerSide: map.districtsPerSide, pointsPerSide: map.pointsPerSide)
            let text = geoJSON(districts)
            let positions = districts.reduce(0) { $0 + $1.geometry.polygons[0].exterior.positions.count }
            resetPeakResidentBytes()
            let residentBefore = Measurement.residentBytes()
            var loaded: [District] = []
            var indexed: DistrictMap?
            let load = try best(runs) { loaded = try District.districts(fromGeoJSON: text, limits: limits) }
            let index = try best(runs) {
                indexed = nil
                indexed = try DistrictMap(districts: loaded, boundaryReach: 100, limits: limits)
            }
            let residentGrowth = Measurement.residentBytes() - residentBefore
            let peakGrowth = peakResidentBytes() - residentBefore
            let baseline = try best(runs) { _ = try JSONSerialization.jsonObject(with: text) }
            guard let indexed, loaded == districts else { throw BenchmarkFailure(map.name) }
            let megabytes = { (bytes: Int) in String(format: "%.0f MB", Double(bytes) / 1e6) }
            print("district map: \(map.name) (\(positions) positions, \(megabytes(text.count)) of GeoJSON)")
            Measurement.report("  load GeoJSON (parse, check, build rings)", seconds(load))
            Measurement.report("  JSONSerialization, same text (baseline)", seconds(baseline))
            Measurement.report("  index (DistrictMap, 100 m reach)", seconds(index))
            Measurement.report(
                "  index memory bound (limit \(megabytes(limits.maximumIndexBytes)))",
                megabytes(indexed.indexByteBound)
            )
            // Freed memory is reused by the next map, so only the first map's growth is its own.
            if map.name == maps[0].name {
                Measurement.report(
                    "  resident growth: kept / peak while loading and indexing",
                    "\(megabytes(residentGrowth)) / \(megabytes(peakGrowth))"
                )
            }
        }
    }

    private static func best(_ runs: Int, _ body: () throws -> Void) throws -> (cpu: Double, wall: Double) {
        var times: [(cpu: Double, wall: Double)] = []
        for _ in 0..<runs { times.append(try Measurement.cpuSeconds(body)) }
        return times.min { $0.cpu < $1.cpu } ?? (0, 0)
    }

    private static func seconds(_ time: (cpu: Double, wall: Double)) -> String {
        String(format: "%.3f s CPU (%.3f s wall)", time.cpu, time.wall)
    }

    /// The process's peak resident memory since the last ``resetPeakResidentBytes()``, from
    /// /proc (Linux), or 0 where it cannot be read.
    private static func peakResidentBytes() -> Int {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
            let kilobytes = Int(line.split(separator: " ").dropFirst().first ?? "")
        else { return 0 }
        return kilobytes * 1024
    }

    /// Starts a new peak from the current resident memory (Linux's clear_refs, value 5).
    private static func resetPeakResidentBytes() {
        try? "5".write(toFile: "/proc/self/clear_refs", atomically: false, encoding: .utf8)
    }

    /// `districtsPerSide`² square districts over a 0.5° square whose sides are jagged polylines of
    /// `pointsPerSide` positions (ends excluded), shared exactly by neighbours.
    private static func tessellation(districtsPerSide count: Int, pointsPerSide points: Int) -> [District] {
        let west = -74.2
        let south = 40.5
        let size = 0.5 / Double(count)
        // side(…) returns the interior points of one side, from its first corner to its second.
        func side(horizontal: Bool, column: Int, row: Int) -> [Coordinate] {
            var generator = SplitMix64(seed: UInt64(horizontal ? 1 : 2) << 40 | UInt64(column) << 20 | UInt64(row))
            let originX = west + Double(column) * size
            let originY = south + Double(row) * size
            let outerEdge = horizontal ? (row == 0 || row == count) : (column == 0 || column == count)
            return (1...points).map { step in
                let along = Double(step) / Double(points + 1) * size
                let jitter =
                    outerEdge ? 0 : Double.random(in: -0.1...0.1, using: &generator) * size / Double(points + 1)
                let x = horizontal ? originX + along : originX + jitter
                let y = horizontal ? originY + jitter : originY + along
                return try! Coordinate(latitude: y, longitude: x)
            }
        }
        func corner(_ column: Int, _ row: Int) -> Coordinate {
            try! Coordinate(latitude: south + Double(row) * size, longitude: west + Double(column) * size)
        }
        var districts: [District] = []
        for row in 0..<count {
            for column in 0..<count {
                var ring = [corner(column, row)]
                ring += side(horizontal: true, column: column, row: row)
                ring.append(corner(column + 1, row))
                ring += side(horizontal: false, column: column + 1, row: row)
                ring.append(corner(column + 1, row + 1))
                ring += side(horizontal: true, column: column, row: row + 1).reversed()
                ring.append(corner(column, row + 1))
                ring += side(horizontal: false, column: column, row: row).reversed()
                ring.append(ring[0])
                let polygon = try! Polygon(exterior: LinearRing(ring))
                districts.append(try! District(id: "d\(row)-\(column)", geometry: MultiPolygon(polygon)))
            }
        }
        return districts
    }

    private static func geoJSON(_ districts: [District]) -> Data {
        var text = #"{"type": "FeatureCollection", "features": ["#
        for (index, district) in districts.enumerated() {
            if index > 0 { text += ",\n" }
            text += #"{"type": "Feature", "properties": {"id": "\#(district.id)"}, "geometry": "#
            text += #"{"type": "Polygon", "coordinates": [["#
            for (position, point) in district.geometry.polygons[0].exterior.positions.enumerated() {
                if position > 0 { text += ", " }
                text += "[\(point.longitude), \(point.latitude)]"
            }
            text += "]]}}"
        }
        text += "]}"
        return Data(text.utf8)
    }
}
