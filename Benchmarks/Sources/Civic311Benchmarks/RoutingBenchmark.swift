@_spi(Benchmarks) import Civic311
import Civic311SampleCounty
import Foundation

/// Routing decisions per second with 200 rules over 100 district polygons (the figure:
/// at least 1,000,000 a second), for the compact decision and for the explained one.
enum RoutingBenchmark {
    static func run() throws {
        var generator = SplitMix64(seed: 311)
        let districts = try SyntheticDistricts.make(count: 100, using: &generator)
        let map = try DistrictMap(districts: districts, boundaryReach: 50)
        let county = Jurisdiction.sampleCounty
        let types = county.serviceTypes
        let channels = Channel.allCases

        // 199 rules mixing service types, groups, channels and districts, then the fallback.
        var rules: [RoutingRule] = []
        for index in 0..<199 {
            var conditions: [RoutingCondition] = []
            switch index % 4 {
            case 0:
                conditions.append(.serviceTypes([types[index % types.count].id, types[(index * 7) % types.count].id]))
                conditions.append(.inDistrict([districts[index % districts.count].id]))
            case 1:
                conditions.append(.groups([types[index % types.count].group]))
                conditions.append(.channels([channels[index % channels.count]]))
                conditions.append(.notInDistrict([districts[(index * 3) % districts.count].id]))
            case 2:
                conditions.append(.inDistrict([districts[(index * 5) % districts.count].id]))
                conditions.append(.serviceTypes([types[(index * 3) % types.count].id]))
            default:
                conditions.append(
                    .channels([channels[index % channels.count], channels[(index + 3) % channels.count]])
                )
                conditions.append(.serviceTypes([types[(index * 11) % types.count].id]))
            }
            let department = county.departments[index % county.departments.count].id
            let action: RoutingAction =
                county.department(department)?.kind == .internal
                ? .assign(department, queue: "q\(index)") : .assignResponsible
            rules.append(RoutingRule(id: "rule-\(index)", when: conditions, then: action))
        }
        rules.append(RoutingRule(id: "fallback", when: [], then: .assignResponsible))
        let ruleSet = try RoutingRuleSet(
            jurisdiction: county,
            rules: rules,
            districts: map,
            triage: "311",
            ambiguityDistance: 25
        )

        let inputs: [RoutingInput] = try (0..<4_096).map { index in
            let serviceType = types[Int(generator.next() % UInt64(types.count))]
            let point = try Coordinate(
                latitude: 40.52 + Double(generator.next() % 10_000) / 10_000 * 0.32,
                longitude: -74.23 + Double(generator.next() % 10_000) / 10_000 * 0.42
            )
            return RoutingInput(
                serviceType: serviceType,
                description: "Report \(index)",
                location: Location(coordinate: point),
                answers: [],
                channel: channels[index % channels.count],
                receivedAt: Date(timeIntervalSince1970: 1_795_442_100)
            )
        }

        var scratch = RoutingScratch()
        let count = 2_000_000
        var checksum = 0
        let compact = Measurement.cpuSeconds {
            for index in 0..<count {
                let outcome = ruleSet.decide(inputs[index & 4_095], using: &scratch)
                checksum &+= outcome.rule ?? -1
            }
        }
        let explainedCount = 200_000
        let explained = Measurement.cpuSeconds {
            for index in 0..<explainedCount {
                checksum &+= ruleSet.decision(for: inputs[index & 4_095], scratch: &scratch).explanation.count
            }
        }
        Measurement.report(
            "routing: decisions (200 rules, 100 districts)",
            Measurement.rates(count, compact),
            target: "≥ 1,000,000/s"
        )
        Measurement.report("routing: decisions with full explanation", Measurement.rates(explainedCount, explained))
        if checksum == 42 { print("") }
    }
}

/// A grid of star-shaped (mostly concave) districts, 50–200 vertices each, one in five with a hole.
enum SyntheticDistricts {
    static func make(count: Int, using generator: inout SplitMix64) throws -> [District] {
        let side = Int(Double(count).squareRoot().rounded(.up))
        return try (0..<count).map { index in
            let row = index / side
            let column = index % side
            let centerY = 40.55 + Double(row) * 0.03
            let centerX = -74.2 + Double(column) * 0.04
            let exterior = try ring(
                x: centerX,
                y: centerY,
                rx: 0.026,
                ry: 0.0195,
                vertices: Int.random(in: 50...200, using: &generator),
                &generator
            )
            let holes =
                index % 5 == 0 ? [try ring(x: centerX, y: centerY, rx: 0.008, ry: 0.006, vertices: 40, &generator)] : []
            return try District(
                id: "D\(index)",
                name: "District \(index)",
                geometry: MultiPolygon(Polygon(exterior: exterior, holes: holes))
            )
        }
    }

    private static func ring(
        x: Double,
        y: Double,
        rx: Double,
        ry: Double,
        vertices: Int,
        _ generator: inout SplitMix64
    ) throws -> LinearRing {
        var positions: [Coordinate] = []
        for index in 0..<vertices {
            let angle = (Double(index) + Double.random(in: 0..<0.8, using: &generator)) / Double(vertices) * 2 * .pi
            let scale = Double.random(in: 0.7...1.0, using: &generator)
            positions.append(
                try Coordinate(latitude: y + ry * scale * sin(angle), longitude: x + rx * scale * cos(angle))
            )
        }
        positions.append(positions[0])
        return try LinearRing(positions)
    }
}
