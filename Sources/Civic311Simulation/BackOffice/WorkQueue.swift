import Civic311

/// A department's requests waiting for its crew, in ``WorkOrder``.
///
/// Items are admitted in creation order; a first-in-first-out queue then hands them out in that
/// order, a soonest-due queue through a binary heap on (due, creation, admission).
struct WorkQueue {
    private let order: WorkOrder
    private var fifo: [Int] = []
    private var head = 0
    private var heap: [(due: Double, created: Double, item: Int)] = []

    init(order: WorkOrder) { self.order = order }

    var isEmpty: Bool { order == .firstInFirstOut ? head == fifo.count : heap.isEmpty }

    mutating func admit(_ item: Int, created: Double, due: Double) {
        switch order {
        case .firstInFirstOut:
            fifo.append(item)
        case .soonestDue:
            heap.append((due, created, item))
            var child = heap.count - 1
            while child > 0 {
                let parent = (child - 1) / 2
                guard Self.precedes(heap[child], heap[parent]) else { break }
                heap.swapAt(child, parent)
                child = parent
            }
        }
    }

    mutating func next() -> Int? {
        switch order {
        case .firstInFirstOut:
            guard head < fifo.count else { return nil }
            head += 1
            return fifo[head - 1]
        case .soonestDue:
            guard let top = heap.first else { return nil }
            let last = heap.removeLast()
            if !heap.isEmpty {
                heap[0] = last
                var parent = 0
                while true {
                    let left = 2 * parent + 1
                    let right = left + 1
                    var best = parent
                    if left < heap.count, Self.precedes(heap[left], heap[best]) { best = left }
                    if right < heap.count, Self.precedes(heap[right], heap[best]) { best = right }
                    guard best != parent else { break }
                    heap.swapAt(parent, best)
                    parent = best
                }
            }
            return top.item
        }
    }

    private static func precedes(
        _ lhs: (due: Double, created: Double, item: Int),
        _ rhs: (due: Double, created: Double, item: Int)
    ) -> Bool {
        (lhs.due, lhs.created, lhs.item) < (rhs.due, rhs.created, rhs.item)
    }
}
