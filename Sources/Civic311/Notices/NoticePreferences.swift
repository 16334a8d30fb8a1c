import Synchronization

/// How a resident wants to hear about their requests.
public struct NoticePreferences: Hashable, Sendable {
    /// The channels to use, most wanted first; the first one the resident can be reached on is
    /// used (e-mail needs an address, SMS and voice a phone number, push an identity).
    public var channels: [NoticeChannel]
    /// The language to write in; `nil` for the catalog's default.
    public var language: String?
    /// No notices at all.
    public var optedOut: Bool

    public init(channels: [NoticeChannel] = [.email, .sms], language: String? = nil, optedOut: Bool = false) {
        self.channels = channels
        self.language = language
        self.optedOut = optedOut
    }
}

/// Where a ``NoticeDispatcher`` reads residents' preferences: the host's resident profiles, kept
/// wherever it keeps them.
public protocol NoticePreferenceSource: Sendable {
    /// The preferences of the resident with `identity`, or `nil` when they set none.
    func preferences(for identity: ContactIdentity) async throws -> NoticePreferences?
}

/// Preferences kept in memory: for tests, examples and simulations.
public final class InMemoryNoticePreferences: NoticePreferenceSource {
    private let stored = Mutex<[ContactIdentity: NoticePreferences]>([:])

    public init() {}

    /// Sets the preferences of the resident with `identity`.
    public func set(_ preferences: NoticePreferences, for identity: ContactIdentity) {
        stored.withLock { $0[identity] = preferences }
    }

    public func preferences(for identity: ContactIdentity) async throws -> NoticePreferences? {
        stored.withLock { $0[identity] }
    }
}
