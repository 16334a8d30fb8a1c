extension Array where Element: Comparable {
    // Both searches halve the range without an early exit, which compiles to conditional moves rather
    // than unpredictable branches: due-date computation runs several of them per call.

    /// The index of the first element that is not less than `value`, or `count`; the array must be sorted.
    func lowerBound(of value: Element) -> Int {
        withUnsafeBufferPointer { elements in
            guard !elements.isEmpty else { return 0 }
            var base = 0
            var length = elements.count
            while length > 1 {
                let half = length / 2
                base = elements[base + half] < value ? base + half : base
                length -= half
            }
            return elements[base] < value ? base + 1 : base
        }
    }

    /// The index of the first element that is greater than `value`, or `count`; the array must be sorted.
    func upperBound(of value: Element) -> Int {
        withUnsafeBufferPointer { elements in
            guard !elements.isEmpty else { return 0 }
            var base = 0
            var length = elements.count
            while length > 1 {
                let half = length / 2
                base = elements[base + half] <= value ? base + half : base
                length -= half
            }
            return elements[base] <= value ? base + 1 : base
        }
    }
}
