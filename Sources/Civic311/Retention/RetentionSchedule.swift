/// How long each ``RetentionDataClass`` is kept after a request closes.
///
/// A class the schedule does not name is kept. Days count whole days of 86,400 seconds from
/// ``ServiceRequest/closedAt``: a class kept for 30 days is removed by a ``RetentionJob`` run at or
/// after `closedAt + 30 × 86,400 s`, and not a millisecond before.
public struct RetentionSchedule: Hashable, Sendable {
    /// The longest period a schedule accepts, 100 years: longer is a mistake, not a policy.
    public static var maximumDays: Int { 36_500 }

    /// Days kept after closure, per class.
    public let daysAfterClosure: [RetentionDataClass: Int]

    /// A schedule keeping each class for the given number of days after closure.
    ///
    /// - Throws: ``ValidationError`` (`outOfRange`, field `daysAfterClosure.<class>`) for a period
    ///   below 1 day or above ``maximumDays``.
    public init(daysAfterClosure: [RetentionDataClass: Int]) throws(ValidationError) {
        for dataClass in RetentionDataClass.allCases {
            guard let days = daysAfterClosure[dataClass] else { continue }
            guard (1...Self.maximumDays).contains(days) else {
                throw ValidationError(
                    .outOfRange,
                    field: "daysAfterClosure.\(dataClass.rawValue)",
                    reason: "must be from 1 to \(Self.maximumDays) days, got \(days)"
                )
            }
        }
        self.daysAfterClosure = daysAfterClosure
    }

    /// The classes the schedule names, in ``RetentionDataClass`` order.
    public var dataClasses: [RetentionDataClass] {
        RetentionDataClass.allCases.filter { daysAfterClosure[$0] != nil }
    }

    /// The seconds `dataClass` is kept after closure, or `nil` when it is kept for good.
    public func period(of dataClass: RetentionDataClass) -> Double? {
        daysAfterClosure[dataClass].map { Double($0) * 86_400 }
    }
}
