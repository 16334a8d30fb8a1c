import Civic311Simulation
import Foundation

/// The closing line of the text report: where the time went.
enum Timing {
    static func summary(_ timings: CallDayTimings) -> String {
        func phase(_ name: String, _ value: CallDayTimings.Phase) -> String {
            name + String(format: " %.2f s", value.wall)
        }
        return "Simulated in "
            + [
                phase("front office", timings.frontOffice), phase("intake", timings.intake),
                phase("back office", timings.backOffice), phase("measures", timings.measures),
            ].joined(separator: ", ")
            + String(format: " (%.2f s in all, %.2f s of CPU)", timings.total.wall, timings.total.cpu)
    }
}
