extension DistrictMap {
    /// The largest district map that is read and indexed: beyond these, a map is refused with an
    /// error naming the limit, before it costs more memory or time.
    ///
    /// One boundary file must not be able to exhaust the process: a file repeating one ring 2,000
    /// times, or a 100,000-vertex zig-zag, once made the index take gigabytes. The defaults sit far
    /// above real district maps: a city's council districts or community boards, drawn at survey
    /// detail, have tens of thousands of vertices in all, and a few hundred thousand with detailed
    /// shorelines. Documentation/DistrictMaps.md gives the largest map accepted, with its memory and
    /// load time. Raise a limit only for a map you trust.
    public struct Limits: Hashable, Sendable {
        /// The most positions in one ring, the closing repeat included (default 250,000).
        public var maximumVerticesPerRing: Int
        /// The most positions in all rings of the map together (default 1,000,000).
        public var maximumVertices: Int
        /// The most rings, exterior and holes, in one polygon (default 10,000).
        public var maximumRingsPerPolygon: Int
        /// The most rings in all polygons of the map together (default 100,000).
        public var maximumRings: Int
        /// The most memory, in bytes, the map's index may need (default 512 MiB).
        ///
        /// The need is bounded from the map's edges before anything is allocated (see
        /// ``DistrictMap/init(districts:boundaryReach:limits:)``). Building briefly holds up to about
        /// twice the index.
        public var maximumIndexBytes: Int

        /// Limits with the documented defaults, or the values given.
        public init(
            maximumVerticesPerRing: Int = 250_000,
            maximumVertices: Int = 1_000_000,
            maximumRingsPerPolygon: Int = 10_000,
            maximumRings: Int = 100_000,
            maximumIndexBytes: Int = 512 << 20
        ) {
            self.maximumVerticesPerRing = maximumVerticesPerRing
            self.maximumVertices = maximumVertices
            self.maximumRingsPerPolygon = maximumRingsPerPolygon
            self.maximumRings = maximumRings
            self.maximumIndexBytes = maximumIndexBytes
        }

        /// The documented defaults.
        public static var standard: Self { Self() }

        /// Why these limits cannot be used, or `nil`: every limit must be positive, or a good map
        /// would be refused with a message about the map rather than about the setting.
        package var problem: String? {
            let values = [
                ("maximumVerticesPerRing", maximumVerticesPerRing), ("maximumVertices", maximumVertices),
                ("maximumRingsPerPolygon", maximumRingsPerPolygon), ("maximumRings", maximumRings),
                ("maximumIndexBytes", maximumIndexBytes),
            ]
            guard let (name, value) = values.first(where: { $0.1 <= 0 }) else { return nil }
            return "DistrictMap.Limits.\(name) must be positive, found \(value)"
        }

        /// Why one polygon's ring counts break these limits, or `nil`; `vertices` lists each ring's
        /// positions, exterior first.
        package func polygonProblem(ringVertices vertices: [Int]) -> (ring: Int?, reason: String)? {
            if vertices.count > maximumRingsPerPolygon {
                return (
                    nil,
                    "a polygon has \(vertices.count) rings, over the limit of \(maximumRingsPerPolygon) "
                        + "(DistrictMap.Limits.maximumRingsPerPolygon)"
                )
            }
            for (ring, count) in vertices.enumerated() where count > maximumVerticesPerRing {
                return (
                    ring,
                    "a ring has \(count) positions, over the limit of \(maximumVerticesPerRing) "
                        + "(DistrictMap.Limits.maximumVerticesPerRing)"
                )
            }
            return nil
        }

        /// Why a whole map's totals break these limits, or `nil`.
        package func mapProblem(rings: Int, vertices: Int) -> String? {
            if rings > maximumRings {
                return "the map has \(rings) rings, over the limit of \(maximumRings) (DistrictMap.Limits.maximumRings)"
            }
            if vertices > maximumVertices {
                return "the map has \(vertices) positions, over the limit of \(maximumVertices) "
                    + "(DistrictMap.Limits.maximumVertices)"
            }
            return nil
        }
    }
}
