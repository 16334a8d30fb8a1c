import Foundation

/// The in-memory store's grid of open requests that carry a coordinate, by service type: what
/// ``InMemoryRequestStore/nearbyOpenRequests(in:serviceTypes:createdFrom:)`` reads instead of
/// every open request of the type.
///
/// Cells are 0.001° on a side (about 110 m north–south, 85 m east–west at 40°), so a duplicate
/// search of a hundred metres reads a handful of cells of one or two types, whatever the store
/// holds. Each entry keeps what the search returns (ticket, coordinate, creation time; the type is
/// its grid's), so the search never reads the store's table; it also keeps the request's slot
/// there, which identifies it for removal.
/// Service type, coordinate and creation time come from the opening and never change; only
/// whether the request is open does, which is all ``refile(_:slot:typeNumber:wasOpen:)`` looks at.
struct NearbyIndex: Sendable {
    static let cellDegrees = 0.001

    /// One open request in a cell. Its service type is its grid's, not kept again: 16 bytes and
    /// a reference count less for every open request.
    struct Spot: Sendable {
        let ticket: TicketNumber
        let coordinate: Coordinate
        let createdAt: Date
        /// Where the store's ticket table keeps the request.
        let slot: UInt32
        /// The cell's next spot (older), as an index into ``spots`` plus one; 0 ends the cell.
        /// In the padding the other fields leave, so a spot is still 40 bytes.
        var next: UInt32
    }

    /// Every spot, of every type and cell, in one array; a removed spot's place is reused. A cell
    /// is a chain through it (``Spot/next``), so filing a request in a cell it is the first in
    /// allocates nothing: with requests spread over a county, a dictionary of arrays allocated an
    /// array for nearly every request (and kept it half empty as it grew).
    private var spots: [Spot] = []
    /// Places in ``spots`` free for reuse, as indices.
    private var free: [UInt32] = []
    /// For each service type, by its number (``ServiceTypeNumbering``): each cell's newest spot,
    /// as an index into ``spots`` plus one.
    private var grids: [NearbyCells] = []

    /// Files a request the index does not hold yet (if it is open and has a coordinate);
    /// `typeNumber` is its service type's number.
    mutating func file(_ request: ServiceRequest, slot: UInt32, typeNumber: Int32) {
        guard request.state.isOpen, let coordinate = request.location?.coordinate else { return }
        let grid = Int(typeNumber)
        while grids.count <= grid { grids.append(NearbyCells()) }
        let cell = Self.cell(coordinate)
        let reused = free.popLast()
        precondition(reused != nil || spots.count < Int(UInt32.max), "more open spots than an index holds")
        let place = reused ?? UInt32(spots.count)
        // The cell's chain now starts at this spot and goes on to the cell's former first.
        let next = grids[grid].replaceHead(of: cell, with: place + 1)
        let spot = Spot(
            ticket: request.ticket,
            coordinate: coordinate,
            createdAt: request.createdAt,
            slot: slot,
            next: next
        )
        if reused != nil { spots[Int(place)] = spot } else { spots.append(spot) }
    }

    /// Moves `request` in or out of the grid when an append opened or finished it.
    mutating func refile(_ request: ServiceRequest, slot: UInt32, typeNumber: Int32, wasOpen: Bool) {
        guard request.state.isOpen != wasOpen, let coordinate = request.location?.coordinate else { return }
        if request.state.isOpen {
            file(request, slot: slot, typeNumber: typeNumber)
            return
        }
        let grid = Int(typeNumber)
        let cell = Self.cell(coordinate)
        guard grid < grids.count else { return }
        // Walk the cell's chain to the spot, keeping the link that points at it.
        var previous: UInt32 = 0
        var current = grids[grid][cell]
        while current != 0, spots[Int(current - 1)].slot != slot {
            previous = current
            current = spots[Int(current - 1)].next
        }
        guard current != 0 else { return }
        let after = spots[Int(current - 1)].next
        if previous == 0 {
            _ = grids[grid].replaceHead(of: cell, with: after)
        } else {
            spots[Int(previous - 1)].next = after
        }
        free.append(current - 1)
    }

    /// The open requests of `serviceTypes` (each with its number) created at or after
    /// `createdFrom` whose coordinate lies in `box`, in ticket order.
    func requests(
        in box: CoordinateBox,
        serviceTypes: [(code: ServiceTypeCode, number: Int32)],
        createdFrom: Date
    ) -> [NearbyRequest] {
        let (south, west) = Self.indices(latitude: box.south, longitude: box.west)
        let (north, east) = Self.indices(latitude: box.north, longitude: box.east)
        var found: [NearbyRequest] = []
        func take(_ head: UInt32, of serviceType: ServiceTypeCode) {
            var current = head
            while current != 0 {
                let spot = spots[Int(current - 1)]
                if spot.createdAt >= createdFrom && box.contains(spot.coordinate) {
                    found.append(
                        NearbyRequest(
                            ticket: spot.ticket,
                            serviceType: serviceType,
                            coordinate: spot.coordinate,
                            createdAt: spot.createdAt
                        )
                    )
                }
                current = spot.next
            }
        }
        for (serviceType, number) in serviceTypes where Int(number) < grids.count {
            let grid = grids[Int(number)]
            // A huge box over a sparse grid reads the grid's slots rather than the box's cells.
            if Int64(north - south + 1) * Int64(east - west + 1) > Int64(grid.capacity) {
                grid.forEachCell { cell, head in
                    let (row, column) = Self.split(cell)
                    if (south...north).contains(row), (west...east).contains(column) { take(head, of: serviceType) }
                }
                continue
            }
            for row in south...north {
                for column in west...east {
                    let head = grid[Self.key(row, column)]
                    if head != 0 { take(head, of: serviceType) }
                }
            }
        }
        found.sort { $0.ticket < $1.ticket }
        return found
    }

    private static func cell(_ coordinate: Coordinate) -> Int64 {
        let (row, column) = indices(latitude: coordinate.latitude, longitude: coordinate.longitude)
        return key(row, column)
    }

    private static func indices(latitude: Double, longitude: Double) -> (Int32, Int32) {
        // Coordinates are validated (±90, ±180), so both indices fit easily in 32 bits.
        (Int32((latitude / cellDegrees).rounded(.down)), Int32((longitude / cellDegrees).rounded(.down)))
    }

    private static func key(_ row: Int32, _ column: Int32) -> Int64 {
        Int64(row) << 32 | Int64(UInt32(bitPattern: column))
    }

    private static func split(_ key: Int64) -> (Int32, Int32) {
        (Int32(truncatingIfNeeded: key >> 32), Int32(bitPattern: UInt32(truncatingIfNeeded: key)))
    }
}
