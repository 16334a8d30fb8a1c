/// What a back office holds under one reference, as the adapter author's inspection reads it for
/// ``DepartmentAdapterConformance``.
///
/// The kit cannot see a back office through the adapter's calls alone: a dispatch that creates two
/// records, or an update that takes effect twice, answers exactly like a correct one. The
/// inspection reads the back office's side (its API, its database, or the stub server the adapter's
/// tests run against) and reports it in this form. `nil` from the inspection means the back office
/// holds no record under the reference.
public struct BackOfficeRecordView: Hashable, Sendable {
    /// Whether a cancellation took effect on the record.
    public var isCancelled: Bool
    /// The `Delivery.key` of every call that took effect on the record, the dispatch's included:
    /// a key that took effect twice is here twice. The order does not matter.
    ///
    /// A back office that keeps the idempotency keys it was given can list them; otherwise the
    /// adapter writes each key where the inspection can read it back (a comment's external ID, a
    /// field of the record).
    public var appliedKeys: [String]

    public init(isCancelled: Bool, appliedKeys: [String]) {
        self.isCancelled = isCancelled
        self.appliedKeys = appliedKeys
    }

    /// How many times `key` took effect on the record.
    public func count(of key: String) -> Int { appliedKeys.count { $0 == key } }
}
