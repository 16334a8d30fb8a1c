import Civic311

/// How long an agent spends on a contact: talk time with the caller, then after-call work (wrap-up).
public struct HandlingTime: Sendable, Hashable {
    /// Talk time in seconds.
    public var talk: Distribution
    /// After-call work in seconds, during which the agent takes no other call.
    public var afterCallWork: Distribution

    /// Creates handling times.
    public init(talk: Distribution, afterCallWork: Distribution = .fixed(0)) {
        self.talk = talk
        self.afterCallWork = afterCallWork
    }

    /// The mean handle time (talk plus after-call work) in seconds.
    public var meanHandleTime: Double { talk.mean + afterCallWork.mean }
}
