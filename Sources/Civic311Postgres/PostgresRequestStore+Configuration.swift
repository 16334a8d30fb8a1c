import Civic311

extension PostgresRequestStore {
    /// How a store connects and behaves; checked when made, so a store never runs with
    /// settings it cannot honour.
    public struct Configuration: Hashable, Sendable {
        /// The most connections one store opens.
        public static let maximumConnections = 64

        /// How many connections (each on a thread of its own) the store keeps open: the most
        /// commands that run at once. Further commands wait their turn without holding a
        /// thread.
        public let connections: Int
        /// How long the server may spend on one statement before cancelling it (and rolling its
        /// transaction back, reported as `StorageError.Code.busy`); `nil` for no limit.
        public let statementTimeout: Duration?
        /// How the store gets its ticket node.
        public let node: NodeAssignment
        /// How often the store checks that the connection holding its node lease is alive.
        public let leaseCheckInterval: Duration

        /// - Throws: `ValidationError` when `connections` is outside 1...``maximumConnections``,
        ///   `statementTimeout` is not positive, or `leaseCheckInterval` is under 10 milliseconds.
        public init(
            connections: Int = 4,
            statementTimeout: Duration? = .seconds(30),
            node: NodeAssignment = .leased(0...TicketNumber.maximumNode),
            leaseCheckInterval: Duration = .seconds(5)
        ) throws(ValidationError) {
            guard (1...Self.maximumConnections).contains(connections) else {
                throw ValidationError(
                    .outOfRange,
                    field: "connections",
                    reason: "must be between 1 and \(Self.maximumConnections), got \(connections)"
                )
            }
            if let statementTimeout, statementTimeout < .milliseconds(1) {
                throw ValidationError(
                    .outOfRange,
                    field: "statementTimeout",
                    reason: "must be at least one millisecond (or nil for none), got \(statementTimeout)"
                )
            }
            guard leaseCheckInterval >= .milliseconds(10) else {
                throw ValidationError(
                    .outOfRange,
                    field: "leaseCheckInterval",
                    reason: "must be at least 10 milliseconds, got \(leaseCheckInterval)"
                )
            }
            try node.validate()
            self.init(unchecked: connections, statementTimeout, node, leaseCheckInterval)
        }

        private init(
            unchecked connections: Int,
            _ statementTimeout: Duration?,
            _ node: NodeAssignment,
            _ leaseCheckInterval: Duration
        ) {
            self.connections = connections
            self.statementTimeout = statementTimeout
            self.node = node
            self.leaseCheckInterval = leaseCheckInterval
        }

        /// Four connections, a 30-second statement timeout, a node leased from the whole range,
        /// checked every five seconds.
        public static let `default` = Configuration(
            unchecked: 4,
            .seconds(30),
            .leased(0...TicketNumber.maximumNode),
            .seconds(5)
        )
    }
}
