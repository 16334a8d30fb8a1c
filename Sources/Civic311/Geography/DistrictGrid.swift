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

    fileprivate struct Entry {
        var district: Int32
        var polygon: Int32
        var isHole: Bool
        var baseOdd: Bool
        var flipStart: Int32
        var flipEnd: Int32
        var segmentStart: Int32
        var segmentEnd: Int32
    }

    fileprivate struct PendingEntry {
        var ring: Ring
        var baseOdd: Bool
        var flips: [Double]
        var segments: [BoundarySegment]
    }

    /// Where the cells are: the grid's origin, cell size and the margin each cell is widened by.
    fileprivate struct Layout {
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

        /// No cells: the layout of a grid over no edges.
        init() {}

        init(rings: [Ring], reach: Double, cellsPerEdge: Double) {
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
            guard edgeCount > 0 else { return }
            // The margin converts the reach to degrees at the grid's worst latitude, so it never
            // understates it; the small extras absorb rounding in the cell arithmetic.
            let metresPerDegree = EquirectangularFrame.metresPerDegree
            marginY = reach / metresPerDegree * (1 + 1e-9) + 1e-9
            let worstLatitude = min(90, max(abs(south - marginY), abs(north + marginY)))
            let worstCosine = cos(worstLatitude * Double.pi / 180)
            marginX = worstCosine > 0 ? min(reach / (metresPerDegree * worstCosine) * (1 + 1e-9) + 1e-9, 360) : 360
            originX = west - marginX
            originY = south - marginY
            let width = east - west + 2 * marginX
            let height = north - south + 2 * marginY
            farX = originX + width
            farY = originY + height
            // Roughly square cells on the ground, and no narrower than twice the margin: an edge is
            // copied into every cell whose widened box it meets, so cells much smaller than the
            // reach multiply the copies (25 per edge at half the margin, 4 at twice it) while
            // barely shortening a cell's list of edges.
            let groundWidth = width * max(cos((south + north) / 2 * Double.pi / 180), 0.01)
            let targetCells = min(max(Double(edgeCount) * cellsPerEdge, 1), 1_000_000)
            let side = max((groundWidth * height / targetCells).squareRoot(), 2 * marginY)
            columns = min(max(Int((groundWidth / side).rounded(.up)), 1), 2048)
            rows = min(max(Int((height / side).rounded(.up)), 1), 2048)
            cellWidth = width / Double(columns)
            cellHeight = height / Double(rows)
            inverseCellWidth = Double(columns) / width
            inverseCellHeight = Double(rows) / height
        }

        func bandBottom(_ row: Int) -> Double { originY + Double(row) * cellHeight - marginY }
        func bandTop(_ row: Int) -> Double { originY + Double(row + 1) * cellHeight + marginY }
        func bandWest(_ column: Int) -> Double { originX + Double(column) * cellWidth - marginX }
        func bandEast(_ column: Int) -> Double { originX + Double(column + 1) * cellWidth + marginX }

        /// Rows whose widened band meets `[low, high]`: estimated by division, then trimmed exactly
        /// against the same band bounds the entries are built with (the rows that qualify are
        /// consecutive, since both band bounds grow with the row).
        func rows(meeting low: Double, _ high: Double) -> Range<Int> {
            var first = max(Int(((low - marginY - originY) * inverseCellHeight).rounded(.down)) - 1, 0)
            var last = min(Int(((high + marginY - originY) * inverseCellHeight).rounded(.down)) + 1, rows - 1)
            while first <= last && bandTop(first) < low { first += 1 }
            while last >= first && bandBottom(last) > high { last -= 1 }
            return first..<max(first, last + 1)
        }

        func columns(meeting low: Double, _ high: Double) -> Range<Int> {
            var first = max(Int(((low - marginX - originX) * inverseCellWidth).rounded(.down)) - 1, 0)
            var last = min(Int(((high + marginX - originX) * inverseCellWidth).rounded(.down)) + 1, columns - 1)
            while first <= last && bandEast(first) < low { first += 1 }
            while last >= first && bandWest(last) > high { last -= 1 }
            return first..<max(first, last + 1)
        }

        /// An upper bound on the bytes building the grid over `rings` with this layout takes at its
        /// peak, when the cells' pending lists and the final arrays are both held.
        ///
        /// An edge is copied into every cell whose widened box its own box meets, so the copies
        /// are counted exactly from each edge's row and column ranges, in O(1) per edge. A cell
        /// keeps at most two parity flips per local edge: the other flips come from vertices whose
        /// two edges both lie east of the cell, and those cancel in pairs. A ring has an entry only
        /// in the cells of each row between its westernmost and easternmost edge in that row; that
        /// tighter count takes one pass over each edge's rows, so it is made only when the copies
        /// alone fit within `budget` bytes (a pass no longer than the copies it counts). Otherwise
        /// every cell of the ring's bounding box is counted.
        func footprintBytes(of rings: [Ring], refiningBelow budget: Int) -> Int {
            guard columns > 0 else { return MemoryLayout<Int32>.stride }
            var copies = 0
            var boxEntries = 0
            for ring in rings {
                var west = Double.infinity
                var east = -Double.infinity
                var south = Double.infinity
                var north = -Double.infinity
                for segment in ring.segments {
                    let cells =
                        rows(meeting: segment.minY, segment.maxY).count
                        * columns(meeting: segment.minX, segment.maxX).count
                    copies = Self.saturatingSum(copies, cells)
                    west = min(west, segment.minX)
                    east = max(east, segment.maxX)
                    south = min(south, segment.minY)
                    north = max(north, segment.maxY)
                }
                if !ring.segments.isEmpty {
                    let cells = rows(meeting: south, north).count * columns(meeting: west, east).count
                    boxEntries = Self.saturatingSum(boxEntries, cells)
                }
            }
            // Building holds each cell's pending list and the final arrays at once: edge copies and
            // flips twice, entries once final and once pending (with room for the list's growth).
            let copyBytes = Self.saturatingProduct(
                copies,
                2 * (MemoryLayout<BoundarySegment>.stride + 2 * MemoryLayout<Double>.stride)
            )
            let entries = copyBytes <= budget ? rowSpanEntries(of: rings) : boxEntries
            let cells = rows * columns
            let fixed =
                (cells + 1) * MemoryLayout<Int32>.stride
                + cells * (MemoryLayout<[PendingEntry]>.stride + Self.arrayHeaderBytes)
            return Self.saturatingSum(
                Self.saturatingSum(fixed, copyBytes),
                Self.saturatingProduct(
                    entries,
                    MemoryLayout<Entry>.stride + 2 * MemoryLayout<PendingEntry>.stride + 2 * Self.arrayHeaderBytes
                )
            )
        }

        /// Per ring and row, the cells between the ring's westernmost and easternmost edge there.
        private func rowSpanEntries(of rings: [Ring]) -> Int {
            var rowWest = [Double](repeating: .infinity, count: rows)
            var rowEast = [Double](repeating: -.infinity, count: rows)
            var touched: [Int] = []
            var entries = 0
            for ring in rings {
                for segment in ring.segments {
                    for row in rows(meeting: segment.minY, segment.maxY) {
                        if rowWest[row] == .infinity { touched.append(row) }
                        rowWest[row] = min(rowWest[row], segment.minX)
                        rowEast[row] = max(rowEast[row], segment.maxX)
                    }
                }
                for row in touched {
                    entries = Self.saturatingSum(entries, columns(meeting: rowWest[row], rowEast[row]).count)
                    rowWest[row] = .infinity
                    rowEast[row] = -.infinity
                }
                touched.removeAll(keepingCapacity: true)
            }
            return entries
        }

        /// What the runtime allocates with each non-empty array besides its elements.
        private static var arrayHeaderBytes: Int { 32 }

        private static func saturatingSum(_ a: Int, _ b: Int) -> Int {
            let (sum, overflow) = a.addingReportingOverflow(b)
            return overflow ? .max : sum
        }

        private static func saturatingProduct(_ a: Int, _ b: Int) -> Int {
            let (product, overflow) = a.multipliedReportingOverflow(by: b)
            return overflow ? .max : product
        }
    }

    private let layout: Layout
    private let cellStarts: [Int32]
    private let entries: [Entry]
    private let flips: [Double]
    private let segments: [BoundarySegment]

    /// Where the cells of a grid over `rings` go, and an upper bound on the memory the grid will
    /// take, computed before anything proportional to it is allocated.
    struct Plan {
        fileprivate var layout: Layout
        /// An upper bound on the memory building the grid takes at its peak, in bytes.
        var footprintBytes: Int

        /// Lays out a grid with about `cellsPerEdge` cells per ring edge, which keeps a cell's local
        /// edges to a handful for typical district shapes, and bounds its memory.
        ///
        /// The bound costs O(edges) arithmetic, plus, only when that first bound is within
        /// `refiningBelow` bytes, one pass over each edge's rows to bound the entries more tightly.
        init(rings: [Ring], reach: Double, cellsPerEdge: Double = 1, refiningBelow budget: Int = .max) {
            layout = Layout(rings: rings, reach: reach, cellsPerEdge: cellsPerEdge)
            footprintBytes = layout.footprintBytes(of: rings, refiningBelow: budget)
        }
    }

    /// Builds the grid `plan` laid out for the same `rings`.
    init(rings: [Ring], plan: Plan) {
        let layout = plan.layout
        self.layout = layout
        guard layout.columns > 0 else {
            cellStarts = [0]
            entries = []
            flips = []
            segments = []
            return
        }
        var pending = [[PendingEntry]](repeating: [], count: layout.columns * layout.rows)
        for ring in rings {
            Self.add(ring, layout: layout, to: &pending)
        }

        var cellStarts: [Int32] = []
        var entries: [Entry] = []
        var flips: [Double] = []
        var segments: [BoundarySegment] = []
        cellStarts.reserveCapacity(pending.count + 1)
        // Exact sizes, so the final arrays never hold spare capacity from growing.
        var entryCount = 0
        var flipCount = 0
        var segmentCount = 0
        for cell in pending {
            entryCount += cell.count
            for item in cell {
                flipCount += item.flips.count
                segmentCount += item.segments.count
            }
        }
        entries.reserveCapacity(entryCount)
        flips.reserveCapacity(flipCount)
        segments.reserveCapacity(segmentCount)
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
                    // Copies at their exact size: the scratch buffers' capacity, grown by the
                    // busiest cell so far, must not be kept by every cell (the footprint bound
                    // counts elements, not spare capacity).
                    PendingEntry(
                        ring: ring,
                        baseOdd: baseOdd,
                        flips: flips.withUnsafeBufferPointer { Array($0) },
                        segments: local.withUnsafeBufferPointer { Array($0) }
                    )
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

    /// The edges a query at (`x`, `y`) tests one by one plus the parity flips it reads: the work
    /// of one ``locate(x:y:limitSquared:into:)``, which the hole check budgets before it runs.
    func queryWork(x: Double, y: Double) -> Int {
        guard x >= layout.originX, x <= layout.farX, y >= layout.originY, y <= layout.farY else { return 0 }
        let column = min(Int((x - layout.originX) * layout.inverseCellWidth), layout.columns - 1)
        let row = min(Int((y - layout.originY) * layout.inverseCellHeight), layout.rows - 1)
        let cell = row * layout.columns + column
        var work = 0
        for entry in entries[Int(cellStarts[cell])..<Int(cellStarts[cell + 1])] {
            work += Int(entry.segmentEnd - entry.segmentStart) + Int(entry.flipEnd - entry.flipStart)
        }
        return work
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
