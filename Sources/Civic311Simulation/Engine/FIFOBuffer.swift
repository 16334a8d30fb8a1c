import Civic311

/// A first-in first-out buffer on a contiguous array with a moving head; the consumed prefix is
/// dropped in bulk once it is both large and more than half the storage, so pushes and pops stay O(1)
/// amortised without a ring's index arithmetic.
struct FIFOBuffer<Element> {
    private var storage: [Element] = []
    private var head = 0

    init() {}

    var isEmpty: Bool { head == storage.count }

    var count: Int { storage.count - head }

    var first: Element? { head < storage.count ? storage[head] : nil }

    mutating func append(_ element: Element) {
        storage.append(element)
    }

    @discardableResult
    mutating func removeFirst() -> Element {
        let element = storage[head]
        head += 1
        if head == storage.count {
            storage.removeAll(keepingCapacity: true)
            head = 0
        } else if head >= 1024, head * 2 >= storage.count {
            storage.removeFirst(head)
            head = 0
        }
        return element
    }
}

extension FIFOBuffer: Sendable where Element: Sendable {}
