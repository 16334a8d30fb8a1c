@_spi(Benchmarks) import Civic311
import Civic311SampleCounty
import Foundation

/// Routing through `route(_:)`, the call intake makes, on the sample county's own rule set and on
/// 200 rules over 100 district polygons with keyword conditions like the county's (the issue's
/// figure: at least 1,000,000 a second). The same-run baseline is the compact `decide`, which
/// writes no explanation at all; `route(_:)` writes it, as intake needs it for the history.
enum RoutingBenchmark {
    static let runs = 5

    static func run() throws {
        var generator = SplitMix64(seed: 311)
        let county = Jurisdiction.sampleCounty
        let sampleInputs = try inputs(
            count: 4_096,
            latitudes: 38.99...39.16,
            longitudes: -77.26...(-77.04),
            using: &generator
        )
        try measure("routing: sample county rules", RoutingRuleSet.sampleCounty, sampleInputs, count: 200_000)

        let districts = try SyntheticDistricts.make(count: 100, using: &generator)
        let map = try DistrictMap(districts: districts, boundaryReach: 50)
        let types = county.serviceTypes
        let channels = Channel.allCases
        // Words and phrases as the county's keyword rules use them.
        let keywords = [
            "school bus", "needle", "syringe", "sharps", "hole in road", "crater", "light out", "dark street",
            "water main", "sinkhole", "gas smell", "downed wire", "flooding", "dead deer", "rats",
        ]

        // 199 rules mixing service types, groups, channels, districts and keywords, then the fallback.
        var rules: [RoutingRule] = []
        for index in 0..<199 {
            var conditions: [RoutingCondition] = []
            switch index % 5 {
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
            case 3:
                // A keyword rule alone, as the county's "school bus" rule: every request reaches it.
                conditions.append(
                    .keywords([keywords[index % keywords.count], keywords[(index * 7) % keywords.count]])
                )
            default:
                conditions.append(
                    .channels([channels[index % channels.count], channels[(index + 3) % channels.count]])
                )
                conditions.append(.keywords([keywords[(index * 3) % keywords.count]]))
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
        let syntheticInputs = try inputs(
            count: 4_096,
            latitudes: 40.52...40.84,
            longitudes: -74.23...(-73.81),
            using: &generator
        )
        try measure("routing: 200 rules, 100 districts", ruleSet, syntheticInputs, count: 200_000)
    }

    /// `route(_:)`, whose decision carries its explanation as every store keeps it, against
    /// `decide` (no explanation: the floor) and against the same explained decision on a scratch
    /// the caller owns (what the pooled scratch costs or saves), `runs` times each in turn.
    private static func measure(_ name: String, _ ruleSet: RoutingRuleSet, _ inputs: [RoutingInput], count: Int) throws
    {
        var scratch = RoutingScratch()
        var checksum = 0
        let mask = inputs.count - 1
        let times = try Measurement.interleaved(
            runs: runs,
            [
                {
                    for index in 0..<count {
                        let decision = try ruleSet.route(inputs[index & mask])
                        checksum &+= decision.explanation.count &+ (decision.rule?.utf8.count ?? -1)
                    }
                },
                {
                    for index in 0..<count {
                        checksum &+= ruleSet.decide(inputs[index & mask], using: &scratch).rule ?? -1
                    }
                },
                {
                    for index in 0..<count {
                        checksum &+= ruleSet.decision(for: inputs[index & mask], scratch: &scratch).explanation.count
                    }
                },
            ]
        )
        Measurement.report("\(name): route(_:)", Measurement.spread(count, times[0]), target: "≥ 1,000,000/s")
        Floor.rate("\(name): route(_:)", Floor.medianRate(count, times[0]), target: 1_000_000)
        Measurement.report("\(name): decide (baseline)", Measurement.spread(count, times[1]))
        Measurement.report("\(name): caller's scratch", Measurement.spread(count, times[2]))
        print("  " + Measurement.ratio("route(_:)", times[0], per: count, "decide", times[1], per: count))
        print("  \(runs) runs each, interleaved; \(Measurement.load())")
        if checksum == 42 { print("") }
    }

    /// Requests spread over the sample county's catalog with valid answers, unique descriptions of
    /// a resident's length (some naming a keyword), every channel and a fortnight of times.
    private static func inputs(
        count: Int,
        latitudes: ClosedRange<Double>,
        longitudes: ClosedRange<Double>,
        using generator: inout SplitMix64
    ) throws -> [RoutingInput] {
        let county = Jurisdiction.sampleCounty
        let start = Date(timeIntervalSince1970: 1_795_532_400)
        let phrases = [
            "Large pothole in the right lane", "The school bus idles outside for an hour",
            "Streetlight has been out for a week", "Bags of trash and a mattress dumped", "Needles in the park",
            "Water coming up through the road", "Loud party next door", "Graffiti on the bus shelter",
            "Dead deer on the shoulder", "Tree branch blocking the sidewalk",
        ]
        return try (0..<count).map { index in
            let serviceType = county.serviceTypes[Int(generator.next() % UInt64(county.serviceTypes.count))]
            var answers: [QuestionCode: AnswerValue] = [:]
            for question in serviceType.questions where question.isRequired || generator.next() % 2 == 0 {
                switch question.kind {
                case .yesNo: answers[question.id] = .yesNo(generator.next() % 4 == 0)
                case .singleChoice:
                    answers[question.id] = .choice(
                        question.choices[Int(generator.next() % UInt64(question.choices.count))].value
                    )
                case .multipleChoice: answers[question.id] = .choices([question.choices[0].value])
                case .number: answers[question.id] = .number(2)
                case .text: answers[question.id] = .text("seen at noon")
                case .dateTime: answers[question.id] = .dateTime(start)
                }
            }
            let latitude =
                latitudes.lowerBound
                + Double(generator.next() % 10_000) / 10_000 * (latitudes.upperBound - latitudes.lowerBound)
            let longitude =
                longitudes.lowerBound
                + Double(generator.next() % 10_000) / 10_000 * (longitudes.upperBound - longitudes.lowerBound)
            let phrase = phrases[Int(generator.next() % UInt64(phrases.count))]
            let draft = ServiceRequestDraft(
                serviceType: serviceType.id,
                description: "\(phrase), near number \(index) on Main Street",
                location: Location(coordinate: try Coordinate(latitude: latitude, longitude: longitude)),
                answers: answers,
                submitter: Submitter(name: "R", phone: "555-010-1234"),
                channel: Channel.allCases[index % Channel.allCases.count]
            )
            let receivedAt = start.addingTimeInterval(Double(generator.next() % (14 * 96)) * 900)
            return try RoutingInput(draft, in: county, receivedAt: receivedAt)
        }
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
