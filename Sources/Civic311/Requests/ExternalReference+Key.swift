extension ExternalReference {
    /// What finds a request from a department's side: the system and the identifier it gave.
    ///
    /// A key is unique across a store: it belongs to at most one request, for good, even after the
    /// request was re-keyed (its former keys still find it). Keys compare as Swift strings do:
    /// case-sensitive, with canonically equivalent Unicode equal.
    public struct Key: Hashable, Sendable, Codable, CustomStringConvertible {
        /// The system that issued the identifier, for example `"cityworks"`.
        public let system: String
        /// The identifier within that system, for example `"WO-20931"`.
        public let identifier: String

        public init(system: String, identifier: String) {
            self.system = system
            self.identifier = identifier
        }

        public var description: String { "\(system) \(identifier)" }
    }

    /// The system and identifier of this reference.
    public var key: Key { Key(system: system, identifier: identifier) }
}
