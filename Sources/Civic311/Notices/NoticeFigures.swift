/// What a ``NoticeDispatcher`` has done since it started, and what waits.
public struct NoticeFigures: Hashable, Sendable, CustomStringConvertible {
    /// Notices the notifier took.
    public var sent = 0
    /// Failed attempts that were scheduled again.
    public var retried = 0
    /// Notices given up on: refused by the notifier, or failing after the last attempt. Each is
    /// recorded in its request's history (a ``DeliveryRecord``) and listed in
    /// ``NoticeDispatcher/undeliverable``; none is dropped silently.
    public var undeliverable = 0
    /// Notices not written because the resident opted out.
    public var optedOut = 0
    /// Changes a resident would have been told of, on requests with no way to reach the submitter
    /// (anonymous, or no address on any channel they accept).
    public var unreachable = 0
    /// Notices written in the default language because the resident's language lacks them.
    public var fellBack = 0
    /// Notices waiting now, for a first attempt or a retry.
    public var pending = 0

    public init() {}

    public var description: String {
        "sent \(sent), retried \(retried), undeliverable \(undeliverable), opted out \(optedOut), "
            + "unreachable \(unreachable), in the default language \(fellBack), pending \(pending)"
    }
}

/// A notice given up on, for an operator to follow up by other means.
public struct UndeliverableNotice: Hashable, Sendable {
    public let notice: Notice
    public let attempts: Int
    /// The last failure's message.
    public let reason: String
}
