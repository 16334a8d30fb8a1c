import Testing

@testable import Civic311

/// The nearby grid's cell table against a `Dictionary` doing the same: heads set, replaced and
/// emptied over keys packed as the grid packs them, through many growths.
@Suite struct NearbyCellsTests {
    @Test(arguments: [UInt64(3), 4])
    func cellsHoldWhatADictionaryHolds(seed: UInt64) {
        var random = RoutingExplanationTests.Generator(state: seed)
        var cells = NearbyCells()
        var reference: [Int64: UInt32] = [:]
        // Rows and columns around a county and around the poles and the date line.
        let rows: [Int32] = [39_000, -90_000, 89_999, 0]
        let columns: [Int32] = [-77_250, -180_000, 179_999, 0]
        for step in 0..<20_000 {
            let row = rows[random.below(rows.count)] + Int32(random.below(60))
            let column = columns[random.below(columns.count)] + Int32(random.below(60))
            let cell = Int64(row) << 32 | Int64(UInt32(bitPattern: column))
            switch random.below(4) {
            case 0:
                #expect(cells[cell] == reference[cell] ?? 0)
            case 1:
                // Emptying a cell, as the grid does when its last spot leaves.
                #expect(cells.replaceHead(of: cell, with: 0) == reference[cell] ?? 0)
                reference[cell] = 0
            default:
                // Spread over the whole range (any spot index may head a chain), never 0.
                let head = UInt32(truncatingIfNeeded: (step + 1) &* 2_654_435_761) | 1
                #expect(cells.replaceHead(of: cell, with: head) == reference[cell] ?? 0)
                reference[cell] = head
            }
        }
        var listed: [Int64: UInt32] = [:]
        cells.forEachCell { cell, head in
            #expect(listed.updateValue(head, forKey: cell) == nil, "a cell listed twice")
        }
        #expect(listed == reference.filter { $0.value != 0 })
        for (cell, head) in reference { #expect(cells[cell] == head) }
    }

    /// Cells used once and emptied, as a grid sees requests open and close all over a county:
    /// the table keeps the size of the cells in use, not of every cell it ever held.
    @Test func emptiedCellsDoNotMakeTheTableGrow() {
        var cells = NearbyCells()
        for cell in Int64(0)..<10_000 {
            _ = cells.replaceHead(of: cell << 32, with: 1)
            if cell >= 4 { _ = cells.replaceHead(of: (cell - 4) << 32, with: 0) }
        }
        #expect(cells.capacity <= 32)
        var live: [Int64] = []
        cells.forEachCell { cell, _ in live.append(cell >> 32) }
        #expect(live.sorted() == [9_996, 9_997, 9_998, 9_999])
    }
}
