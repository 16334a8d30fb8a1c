import Civic311
import Civic311SampleCounty
import Foundation

extension FuzzTarget {
    /// Routing documents, against the sample county's catalog and districts: the same decisions
    /// whatever the layout, and every request of every service type is routed (a rule set never
    /// leaves a request unrouted) to a department of the catalog.
    static let routing = FuzzTarget(name: "routing") { data in
        let jurisdiction = Jurisdiction.sampleCounty
        let load = { (data: Data) throws(ConfigurationError) in
            try RoutingRuleSet(json: data, jurisdiction: jurisdiction, districts: .sampleCounty)
        }
        guard let (loaded, reformatted) = PropertyCheck.loadConsistently(data, load) else { return }
        let decisions = Decisions(loaded, jurisdiction)
        PropertyCheck.expect(
            decisions == reformatted.map { Decisions($0, jurisdiction) },
            "routing rules load the same whatever the layout"
        )
    }

    /// The decisions a rule set takes for every service type, inside and outside the districts,
    /// at a few instants.
    private struct Decisions: Equatable {
        let values: [RoutingDecision]

        init(_ rules: RoutingRuleSet, _ jurisdiction: Jurisdiction) {
            let inside = DistrictMap.sampleCounty.districts.first?.geometry.polygons.first?.exterior.positions.first
            let locations: [Location?] = [nil, Location(address: "1 Main Street", coordinate: inside)]
            var values: [RoutingDecision] = []
            for serviceType in jurisdiction.serviceTypes {
                for location in locations {
                    for receivedAt in BusinessCalendarArithmetic.instants {
                        let input = RoutingInput(
                            serviceType: serviceType,
                            description: "fallen tree blocking the road",
                            location: location,
                            answers: [],
                            channel: .phone,
                            receivedAt: receivedAt
                        )
                        do {
                            let decision = try rules.route(input)
                            PropertyCheck.expect(
                                jurisdiction.department(decision.department) != nil,
                                "a request is routed to a department of the catalog",
                                "\(serviceType.id): \(decision)"
                            )
                            values.append(decision)
                        } catch {
                            PropertyCheck.fail(
                                "a rule set never leaves a request unrouted",
                                "\(serviceType.id): \(error)"
                            )
                        }
                    }
                }
            }
            self.values = values
        }
    }
}
