/// The in-memory store's service types, each numbered the first time a request of the type is
/// stored.
///
/// The work queues and the nearby grid key their entries by the number, so storing a request
/// looks its service type's code up once, here, instead of once in each index (the work queue's
/// key hashed the department's code as well). Numbers are never reused: a type whose requests are
/// all gone keeps its number, a few bytes.
struct ServiceTypeNumbering: Sendable {
    private var numbers = CodeIndex<ServiceType>()

    /// The number of `code`, given now if no request of the type was stored before.
    mutating func number(for code: ServiceTypeCode) -> Int32 { Int32(numbers.insert(code)) }

    /// The number of `code`, or `nil` when no request of the type was ever stored.
    func existingNumber(for code: ServiceTypeCode) -> Int32? { numbers[code].map(Int32.init) }
}
