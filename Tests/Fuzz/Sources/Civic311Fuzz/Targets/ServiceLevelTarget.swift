import Civic311
import Civic311SampleCounty
import Foundation

extension FuzzTarget {
    /// Service-level documents, against the sample county's catalog: the same commitments whatever
    /// the layout; every service type and priority gets a commitment, due no earlier than received;
    /// and every calendar the document defines passes the calendar arithmetic checks.
    static let serviceLevels = FuzzTarget(name: "service-levels") { data in
        let jurisdiction = Jurisdiction.sampleCounty
        let load = { (data: Data) throws(ConfigurationError) in
            try ServiceLevelEngine(json: data, jurisdiction: jurisdiction)
        }
        guard let (loaded, reformatted) = PropertyCheck.loadConsistently(data, load) else { return }
        let commitments = Commitments(loaded, jurisdiction)
        PropertyCheck.expect(
            commitments == reformatted.map { Commitments($0, jurisdiction) },
            "service levels load the same whatever the layout"
        )
        for calendar in loaded.calendars.values { BusinessCalendarArithmetic.check(calendar) }
    }

    /// The commitments an engine makes for every service type and priority at a few instants.
    private struct Commitments: Equatable {
        let values: [String]

        init(_ engine: ServiceLevelEngine, _ jurisdiction: Jurisdiction) {
            var values: [String] = []
            for serviceType in jurisdiction.serviceTypes {
                for priority in Priority.allCases {
                    for receivedAt in BusinessCalendarArithmetic.instants {
                        do {
                            let commitment = try engine.commitment(
                                for: serviceType,
                                priority: priority,
                                department: serviceType.department,
                                receivedAt: receivedAt
                            )
                            PropertyCheck.expect(
                                commitment.resolutionDueAt >= receivedAt,
                                "a resolution is never due before the request is received",
                                "\(serviceType.id) \(priority) \(receivedAt): \(commitment)"
                            )
                            values.append("\(commitment)")
                        } catch {
                            values.append("refused: \(error)")
                        }
                    }
                }
            }
            self.values = values
        }
    }
}
