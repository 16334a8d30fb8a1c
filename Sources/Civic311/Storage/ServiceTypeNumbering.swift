/// The in-memory store's service types, each numbered the first time a request of the type is
/// stored.
///
/// The work queues and the nearby grid key their entries by the number, so storing a request
/// hashes its service type's code once, here, instead of once in each index (the work queue's
/// key hashed the department's code as well). Numbers are never reused: a type whose requests are
/// all gone keeps its number, a few bytes.
struct ServiceTypeNumbering: Sendable {
    private var numbers: [ServiceTypeCode: Int32] = [:]

    /// The number of `code`, given now if no request of the type was stored before.
    mutating func number(for code: ServiceTypeCode) -> Int32 {
        if let number = numbers[code] { return number }
        let number = Int32(numbers.count)
        numbers[code] = number
        return number
    }

    /// The number of `code`, or `nil` when no request of the type was ever stored.
    func existingNumber(for code: ServiceTypeCode) -> Int32? { numbers[code] }
}
