import Civic311

/// The open service requests at one instant of the back-office days: how many and how old.
///
/// A request is open at `t` when it was created at or before `t` and neither resolved nor closed by
/// then; its age is `t` minus its creation time.
public struct BacklogSnapshot: Sendable, Hashable {
    /// The day that just ended, 1 being the call day.
    public let day: Int
    /// The instant of the snapshot, in seconds from the call day's midnight (the end of `day`).
    public let time: Double
    /// Open requests.
    public let open: Int
    /// Open requests per department, in the order of the outcome's departments.
    public let openByDepartment: [Int]
    /// The mean age of the open requests in hours; `nil` when none is open.
    public let meanAgeHours: Double?
    /// The age of the oldest open request in hours; `nil` when none is open.
    public let oldestAgeHours: Double?
    /// Requests resolved or closed so far.
    public let finished: Int
}
