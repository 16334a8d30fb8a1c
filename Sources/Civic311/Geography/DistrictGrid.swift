import Foundation

/// The index behind ``DistrictMap``: a uniform grid over the districts, precomputed so a query
/// touches one cell and only the few edges near it.
///
/// Each cell is widened by a margin of at least the map's reach. For every ring that matters in
/// a cell, an entry keeps:
/// - the ring's edges whose bounding box meets the widened cell ("local" edges), tested one by one
///   for crossings and measured for distance. Every edge within the reach of a point in the cell is
///   local, so nearest distances up to the reach come out exactly as over the whole ring;
/// - the crossings of the edges lying wholly east of the widened cell. An east-going ray from any
///   point in the cell crosses such an edge exactly when the point's latitude lies in the edge's
///   half-open latitude range, so their parity is a step function of latitude: a base bit plus the
///   few latitudes inside the widened band where it flips (shared vertices cancel in pairs).
/// Edges wholly west of the widened cell are never crossed. Local, east and west edges together
/// are the whole ring, so the parity equals ray casting over every edge. The margin keeps each
/// class's test robust: a point is at least a nanodegree from any edge that is not local.
struct DistrictGrid: Sendable {
    /// One ring handed to the builder; rings must arrive grouped by district, then by polygon, so a
    /// cell's entries can be folded into per-district answers in one pass.
    struct Ring {
        var district: Int32
        var polygon: Int32
        var isHole: Bool
        var segments: [BoundarySegment]
    }

    private struct Entry {
        var district: Int32
        var polygon: Int32
        var isHole: Bool
        var baseOdd: Bool
        var flipStart: Int32
        var flipEnd: Int32
        var segmentStart: Int32
        var segmentEnd: Int32
    }

    private struct PendingEntry {
        var ring: Ring
        var baseOdd: Bool
        var flips: [Double]
        var segments: [BoundarySegment]
    }

    /// Where the cells are: the grid's origin, cell size and the margin each cell is widened by.
    private struct Layout {
        var originX = 0.0
        var originY = 0.0
        var farX = -1.0
        var farY = -1.0
        var cellWidth = 1.0
        var cellHeight = 1.0
        var inverseCellWidth = 1.0
        var inverseCellHeight = 1.0
        var marginX = 0.0
        var marginY = 0.0
        var columns = 0
        var rows = 0

        func bandBottom(_ row: Int) -> Double { originY + Double(row) * cellHeight - marginY }
        func bandTop(_ row: Int) -> Double { originY + Double(row + 1) * cellHeight + marginY }
        func bandWest(_ column: Int) -> Double { originX + Double(column) * cellWidth - marginX }
        func bandEast(_ column: Int) -> Double { originX + Double(column + 1) * cellWidth + marginX }

        /// Rows whose widened band meets `[low, high]`: estimated by division, then checked exactly
        /// against the same band bounds the entries are built with.
        func rows(meeting low: Double, _ high: Double) -> [Int] {
            let first = max(Int(((low - marginY - originY) * inverseCellHeight).rounded(.down)) - 1, 0)
            let last = min(Int(((high + marginY - originY) * inverseCellHeight).rounded(.down)) + 1, rows - 1)
            guard first <= last else { return [] }
            return (first...last).filter { bandBottom($0) <= high && bandTop($0) >= low }
        }

        func columns(meeting low: Double, _ high: Double) -> [Int] {
            let first = max(Int(((low - marginX - originX) * inverseCellWidth).rounded(.down)) - 1, 0)
            let last = min(Int(((high + marginX - originX) * inverseCellWidth).rounded(.down)) + 1, columns - 1)
            guard first <= last else { return [] }
            return (first...last).filter { bandWest($0) <= high && bandEast($0) >= low }
        }
    }

    private let layout: Layout
    private let cellStarts: [Int32]
    private let entries: [Entry]
    private let flips: [Double]
    private let segments: [BoundarySegment]

    /// Builds the grid with about `cellsPerEdge` cells per ring edge, which keeps a cell's local
    /// edges to a handful for typical district shapes.
    init(rings: [Ring], reach: Double, cellsPerEdge: Double = 1) {
        var west = Double.infinity
        var east = -Double.infinity
        var south = Double.infinity
        var north = -Double.infinity
        var edgeCount = 0
        for ring in rings {
            edgeCount += ring.segments.count
            for segment in ring.segments {
                west = min(west, segment.minX)
                east = max(east, segment.maxX)
                south = min(south, segment.minY)
                north = max(north, segment.maxY)
            }
        }
        guard edgeCount > 0 else {
            layout = Layout()
            cellStarts = [0]
            entries = []
            flips = []
            segments = []
            return
        }
        var layout = Layout()
        // The margin converts the reach to degrees at the grid's worst latitude, so it never
        // understates it; the small extras absorb rounding in the cell arithmetic.
        let metresPerDegree = EquirectangularFrame.metresPerDegree
        layout.marginY = reach / metresPerDegree * (1 + 1e-9) + 1e-9
        let worstLatitude = min(90, max(abs(south - layout.marginY), abs(north + layout.marginY)))
        let worstCosine = cos(worstLatitude * Double.pi / 180)
        layout.marginX =
            worstCosine > 0 ? min(reach / (metresPerDegree * worstCosine) * (1 + 1e-9) + 1e-9, 360) : 360
        layout.originX = west - layout.marginX
        layout.originY = south - layout.marginY
        let width = east - west + 2 * layout.marginX
        let height = north - south + 2 * layout.marginY
        layout.farX = layout.originX + width
        layout.farY = layout.originY + height
        // Roughly square cells on the ground.
        let groundWidth = width * max(cos((south + north) / 2 * Double.pi / 180), 0.01)
        let targetCells = min(max(Double(edgeCount) * cellsPerEdge, 1), 1_000_000)
        let side = (groundWidth * height / targetCells).squareRoot()
        layout.columns = min(max(Int((groundWidth / side).rounded(.up)), 1), 2048)
        layout.rows = min(max(Int((height / side).rounded(.up)), 1), 2048)
        layout.cellWidth = width / Double(layout.columns)
        layout.cellHeight = height / Double(layout.rows)
        layout.inverseCellWidth = Double(layout.columns) / width
        layout.inverseCellHeight = Double(layout.rows) / height
        self.layout = layout

        var pending = [[PendingEntry]](repeating: [], count: layout.columns * layout.rows)
        for ring in rings {
            Self.add(ring, layout: layout, to: &pending)
        }

        var cellStarts: [Int32] = []
        var entries: [Entry] = []
        var flips: [Double] = []
        var segments: [BoundarySegment] = []
        cellStarts.reserveCapacity(pending.count + 1)
        for cell in pending {
            cellStarts.append(Int32(entries.count))
            for item in cell {
                let flipStart = Int32(flips.count)
                flips.append(contentsOf: item.flips)
                let segmentStart = Int32(segments.count)
                segments.append(contentsOf: item.segments)
                entries.append(
                    Entry(
                        district: item.ring.district,
                        polygon: item.ring.polygon,
                        isHole: item.ring.isHole,
                        baseOdd: item.baseOdd,
                        flipStart: flipStart,
                        flipEnd: Int32(flips.count),
                        segmentStart: segmentStart,
                        segmentEnd: Int32(segments.count)
                    )
                )
            }
        }
        cellStarts.append(Int32(entries.count))
        self.cellStarts = cellStarts
        self.entries = entries
        self.flips = flips
        self.segments = segments
    }

    // MARK: Building

    private static func add(_ ring: Ring, layout: Layout, to pending: inout [[PendingEntry]]) {
        var west = Double.infinity
        var east = -Double.infinity
        for segment in ring.segments {
            west = min(west, segment.minX)
            east = max(east, segment.maxX)
        }
        // Cells west or east of the ring's box have no local edges and even parity: no entry.
        let ringColumns = layout.columns(meeting: west, east)
        var buckets: [Int: [Int]] = [:]
        for (index, segment) in ring.segments.enumerated() {
            for row in layout.rows(meeting: segment.minY, segment.maxY) {
                buckets[row, default: []].append(index)
            }
        }
        var local: [BoundarySegment] = []
        var rawFlips: [Double] = []
        for (row, bucket) in buckets {
            let bottom = layout.bandBottom(row)
            let top = layout.bandTop(row)
            for column in ringColumns {
                let cellWest = layout.bandWest(column)
                let cellEast = layout.bandEast(column)
                local.removeAll(keepingCapacity: true)
                rawFlips.removeAll(keepingCapacity: true)
                var baseOdd = false
                for index in bucket {
                    let segment = ring.segments[index]
                    if segment.maxX < cellWest { continue }
                    if segment.minX > cellEast {
                        // Horizontal edges are never crossed; the others flip at both ends.
                        guard segment.ay != segment.by else { continue }
                        for latitude in [segment.minY, segment.maxY] {
                            if latitude < bottom {
                                baseOdd.toggle()
                            } else if latitude <= top {
                                rawFlips.append(latitude)
                            }
                        }
                        continue
                    }
                    local.append(segment)
                }
                let flips = cancellingPairs(rawFlips.sorted())
                if local.isEmpty && flips.isEmpty && !baseOdd { continue }
                pending[row * layout.columns + column].append(
                    PendingEntry(ring: ring, baseOdd: baseOdd, flips: flips, segments: local)
                )
            }
        }
    }

    /// Drops equal neighbours two at a time: a flip twice at one latitude is no flip.
    private static func cancellingPairs(_ sorted: [Double]) -> [Double] {
        var kept: [Double] = []
        var index = 0
        while index < sorted.count {
            if index + 1 < sorted.count && sorted[index] == sorted[index + 1] {
                index += 2
            } else {
                kept.append(sorted[index])
                index += 1
            }
        }
        return kept
    }

    // MARK: Querying

    /// Fills `result` for the point (`x`, `y`) in degrees; `limitSquared` is the squared
    /// near-boundary distance in metres, at most the reach the grid was built for.
    func locate(x: Double, y: Double, limitSquared: Double, into result: inout DistrictLookup) {
        let layout = layout
        guard x >= layout.originX, x <= layout.farX, y >= layout.originY, y <= layout.farY else { return }
        let column = min(Int((x - layout.originX) * layout.inverseCellWidth), layout.columns - 1)
        let row = min(Int((y - layout.originY) * layout.inverseCellHeight), layout.rows - 1)
        let cell = row * layout.columns + column
        let start = Int(cellStarts[cell])
        let end = Int(cellStarts[cell + 1])
        guard start < end else { return }
        // The cosine is only needed when a cell has edges; many cells lie wholly inside a district.
        var frame: EquirectangularFrame?
        // An edge further than the limit in latitude alone cannot be near; the factor keeps
        // rounding from skipping an edge right at the limit.
        let latitudeLimit = limitSquared.squareRoot() / EquirectangularFrame.metresPerDegree * (1 + 1e-9)
        let toleranceSquared = Polygon.boundaryTolerance * Polygon.boundaryTolerance

        var district: Int32 = -1
        var polygon: Int32 = -1
        var districtContains = false
        var districtNearest = Double.infinity
        var containment = PolygonContainment()
        for index in start..<end {
            let entry = entries[index]
            if entry.polygon != polygon {
                if containment.contains { districtContains = true }
                containment = PolygonContainment()
                polygon = entry.polygon
            }
            if entry.district != district {
                if district >= 0 {
                    Self.report(Int(district), districtContains, districtNearest, limitSquared, into: &result)
                }
                district = entry.district
                districtContains = false
                districtNearest = .infinity
            }
            var odd = entry.baseOdd
            var flip = Int(entry.flipStart)
            let flipEnd = Int(entry.flipEnd)
            while flip < flipEnd && flips[flip] <= y {
                odd.toggle()
                flip += 1
            }
            var nearest = Double.infinity
            if entry.segmentStart < entry.segmentEnd {
                let scale = frame ?? EquirectangularFrame(latitude: y)
                frame = scale
                for segmentIndex in Int(entry.segmentStart)..<Int(entry.segmentEnd) {
                    let segment = segments[segmentIndex]
                    if segment.crossesEastRay(x: x, y: y) { odd.toggle() }
                    if segment.minY - y > latitudeLimit || y - segment.maxY > latitudeLimit { continue }
                    nearest = min(nearest, segment.distanceSquared(x: x, y: y, frame: scale))
                }
            }
            containment.add(isHole: entry.isHole, oddCrossings: odd, onBoundary: nearest <= toleranceSquared)
            districtNearest = min(districtNearest, nearest)
        }
        if containment.contains { districtContains = true }
        Self.report(Int(district), districtContains, districtNearest, limitSquared, into: &result)
    }

    @inline(__always)
    private static func report(
        _ district: Int,
        _ contains: Bool,
        _ nearestSquared: Double,
        _ limitSquared: Double,
        into result: inout DistrictLookup
    ) {
        if contains { result.appendContaining(district) }
        if nearestSquared <= limitSquared { result.appendNearBoundary(district, distance: nearestSquared.squareRoot()) }
    }
}
