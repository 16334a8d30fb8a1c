/// Where a ``DepartmentOutbox`` delivers: a named back office and the departments whose requests
/// it holds.
///
/// A request is selected while its department is one of ``departments``: it is dispatched when it
/// is opened for one of them or moved to one, updated while it stays, and cancelled when it moves
/// away or the resident cancels it.
public struct OutboxDestination: Hashable, Sendable {
    /// A stable name: the outbox keeps its checkpoints under it (`outbox.NAME`), writes it into
    /// every ``DeliveryRecord`` and every ``Delivery/key``. Renaming starts over from the
    /// beginning of the feed.
    public let name: String
    public let departments: Set<DepartmentID>

    /// The longest name, in UTF-8 bytes, that leaves room for the checkpoint names.
    public static var maximumNameLength: Int { 64 }

    /// - Throws: ``ValidationError`` naming `name` when it is blank, longer than
    ///   ``maximumNameLength`` bytes or holds a character other than ASCII letters, digits, `-`,
    ///   `_` and `.`; naming `departments` when the set is empty.
    public init(name: String, departments: Set<DepartmentID>) throws(ValidationError) {
        try Self.checkName(name)
        guard !departments.isEmpty else {
            throw ValidationError(.missingValue, field: "departments", reason: "must name at least one department")
        }
        self.name = name
        self.departments = departments
    }

    /// Checks a name that goes into checkpoint names and delivery keys (the notice dispatcher's
    /// too).
    static func checkName(_ name: String) throws(ValidationError) {
        guard !name.isEmpty else { throw ValidationError(.missingValue, field: "name", reason: "must not be empty") }
        guard name.utf8.count <= Self.maximumNameLength else {
            throw ValidationError(
                .tooLong,
                field: "name",
                reason: "must be at most \(Self.maximumNameLength) bytes, got \(name.utf8.count)"
            )
        }
        // The name goes into delivery keys that back offices store and compare byte for byte.
        guard name.utf8.allSatisfy({ Self.nameBytes.contains($0) }) else {
            throw ValidationError(
                .invalidValue,
                field: "name",
                reason: "may hold only ASCII letters, digits, '-', '_' and '.', got \"\(name)\""
            )
        }
    }

    private static let nameBytes: Set<UInt8> = Set(
        Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.".utf8)
    )

    /// The consumer whose checkpoint says which feed entries are settled.
    var consumer: FeedConsumerID { FeedConsumerID("outbox.\(name)") }
    /// The consumer whose checkpoint says where the oldest dead letter still open was recorded.
    var deadLetterConsumer: FeedConsumerID { FeedConsumerID("outbox.\(name).dead-letters") }

    func serves(_ department: DepartmentID?) -> Bool { department.map(departments.contains) ?? false }
}
