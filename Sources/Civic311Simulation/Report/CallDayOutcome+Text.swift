import Civic311
import Foundation

extension CallDayOutcome {
    /// A readable report: the KPI table, the staffing plan against the simulation interval by
    /// interval, the departments' service levels and the backlog.
    public func textReport() -> String {
        var lines: [String] = []
        let kpis = self.kpis
        let threshold = scenario.planningTarget.answerWithin.wholeNumberText
        lines.append("\(scenario.jurisdiction.name): simulated call day \(longDateLabel(day: 1)), seed \(seed)")
        lines.append("Phones \(staffingDescription); back office \(scenario.backOffice.days) days, \(orderDescription)")
        lines.append("")
        lines.append("Contact center")
        let rows: [(String, String)] =
            [
                ("Contacts (all channels)", Self.count(kpis.contacts)),
                ("Calls offered to agents", Self.count(kpis.callsOffered)),
                ("Calls answered", Self.count(kpis.callsAnswered)),
                ("Calls handled", Self.count(kpis.callsHandled)),
                ("Calls abandoned", "\(Self.count(kpis.callsAbandoned)) (\(Self.percent(kpis.abandonmentRate)))"),
                ("Service level (answered within \(threshold) s)", Self.percent(kpis.serviceLevel)),
            ] + Self.shortAbandonRows(kpis) + [
                ("Average speed of answer", Self.seconds(kpis.averageSpeedOfAnswer)),
                ("Agent occupancy", Self.percent(kpis.occupancy)),
                ("Average handle time", Self.seconds(kpis.averageHandleTime)),
                ("  talk time (incl. transfer holds)", Self.seconds(kpis.averageTalkTime)),
                ("  after-call work", Self.seconds(kpis.averageAfterCallWork)),
                ("First-contact resolution", Self.percent(kpis.firstContactResolution)),
                ("Self-service deflection (IVR + online)", Self.percent(kpis.selfServiceDeflection)),
                (
                    "Service requests created",
                    "\(Self.count(kpis.serviceRequests)) (\(Self.percent(kpis.serviceRequestShare)) of intake)"
                ),
                (
                    "Stored through the intake",
                    "\(Self.count(serviceRequestsStored)) requests, \(Self.count(contactsRecorded)) other contacts"
                ),
                ("Cost", "\(Self.dollars(kpis.totalCost)) (\(Self.dollars(kpis.costPerContact)) per contact)"),
            ]
        for (label, value) in rows { lines.append("  " + Self.pad(label, 46) + value) }
        for channel in kpis.channels where channel.contacts > 0 {
            lines.append(
                "  " + Self.pad("  \(channel.channel)", 46)
                    + "\(Self.count(channel.contacts)) contacts, \(Self.dollars(channel.costPerContact)) each"
            )
        }
        lines.append("  " + Self.pad("SLA compliance (all departments)", 46) + Self.percent(onTimeShare))
        lines.append("")

        let minutes = Int(scenario.interval.seconds / 60)
        lines.append(
            "Staffing plan by \(minutes)-minute interval (Erlang C for \(Int((plan.target.serviceLevel * 100).rounded()))/\(threshold)) against the simulation"
        )
        lines.append(
            "  "
                + Self.columns(
                    [
                        "time", "forecast", "plan", "sched.", "pred.SL", "pred.ASA", "offered", "staffed", "ASA", "SL",
                        "aband.",
                    ],
                    [5, 9, 5, 7, 9, 9, 8, 8, 8, 9, 8]
                )
        )
        for interval in intervals {
            let simulated = interval.simulated
            lines.append(
                "  "
                    + Self.columns(
                        [
                            Self.clockTime(interval.start),
                            String(format: "%.1f", interval.forecastCalls),
                            String(interval.recommendedAgents),
                            String(interval.scheduledAgents),
                            Self.percent(interval.predictedServiceLevel),
                            Self.seconds(interval.predictedAverageSpeedOfAnswer),
                            String(simulated.callsOffered),
                            String(format: "%.1f", interval.staffedAgents),
                            Self.seconds(simulated.averageSpeedOfAnswer),
                            Self.percent(simulated.serviceLevel),
                            Self.percent(simulated.abandonmentRate),
                        ],
                        [5, 9, 5, 7, 9, 9, 8, 8, 8, 9, 8]
                    )
            )
        }
        lines.append(
            "  peak \(plan.peakAgents) agents recommended, \(String(format: "%.1f", plan.agentHours)) agent-hours; "
                + "forecast = calls reaching agents, plan/sched. = agents, pred. = Erlang C at the scheduled agents"
        )
        lines.append("")

        lines.append(
            "Departments over \(scenario.backOffice.days) days (service levels from the store's compliance report)"
        )
        let widths = [5, 34, 9, 9, 9, 6, 8, 9, 10]
        lines.append(
            "  "
                + Self.columns(
                    ["id", "department", "received", "crew/day", "finished", "open", "on time", "overdue", "median h"],
                    widths
                )
        )
        for department in departments {
            lines.append(
                "  "
                    + Self.columns(
                        [
                            department.department.rawValue,
                            String(department.name.prefix(33)),
                            String(department.received),
                            String(department.dailyCapacity),
                            String(department.finished),
                            String(department.open),
                            department.isExternalAgency ? "referred" : Self.percent(department.onTimeShare),
                            String(department.closedLate + department.openOverdue),
                            department.medianHoursToClose.map { String(format: "%.1f", $0) } ?? "-",
                        ],
                        widths
                    )
            )
        }
        lines.append("")
        lines.append("Backlog at the end of each day")
        lines.append(
            "  " + Self.columns(["day", "date", "open", "finished", "mean age h", "oldest h"], [4, 16, 8, 9, 11, 9])
        )
        for snapshot in backlog {
            lines.append(
                "  "
                    + Self.columns(
                        [
                            String(snapshot.day),
                            shortDateLabel(day: snapshot.day),
                            String(snapshot.open),
                            String(snapshot.finished),
                            snapshot.meanAgeHours.map { String(format: "%.1f", $0) } ?? "-",
                            snapshot.oldestAgeHours.map { String(format: "%.1f", $0) } ?? "-",
                        ],
                        [4, 16, 8, 9, 11, 9]
                    )
            )
        }
        return lines.joined(separator: "\n") + "\n"
    }

    var orderDescription: String {
        switch scenario.backOffice.order {
        case .firstInFirstOut: "oldest request first"
        case .soonestDue: "soonest due first"
        }
    }

    static func count(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var grouped = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { grouped += "," }
            grouped.append(digit)
        }
        return (value < 0 ? "-" : "") + grouped
    }

    static func percent(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "-" }
        return String(format: "%.1f %%", value * 100)
    }

    static func seconds(_ value: Double?) -> String {
        guard let value else { return "-" }
        guard value.isFinite else { return "inf" }
        return String(format: value < 100 ? "%.1f s" : "%.0f s", value)
    }

    static func dollars(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "-" }
        guard abs(value) < 1e13 else { return "$" + value.wholeNumberText }
        let cents = Int((value * 100).rounded())
        let fraction = cents % 100
        return "$" + count(cents / 100) + "." + (fraction < 10 ? "0" : "") + String(fraction)
    }

    /// A row for the short abandons left out of the service level, when the scenario leaves any out.
    static func shortAbandonRows(_ kpis: ContactCenterKPIs) -> [(String, String)] {
        guard let seconds = kpis.shortAbandons.excludedWithin else { return [] }
        return [("  left out: hang-ups within \(seconds.wholeNumberText) s", count(kpis.excludedShortAbandons))]
    }

    static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text + " " : text + String(repeating: " ", count: width - text.count)
    }

    /// Left-aligns the first two text columns' worth of labels and right-aligns numbers.
    static func columns(_ cells: [String], _ widths: [Int]) -> String {
        var line = ""
        for (index, cell) in cells.enumerated() {
            let width = index < widths.count ? widths[index] : cell.count + 1
            let gap = max(1, width - cell.count)
            let isLabel = index == 0 || (index == 1 && width > 12)
            line += isLabel ? cell + String(repeating: " ", count: gap) : String(repeating: " ", count: gap) + cell
        }
        return line
    }
}
