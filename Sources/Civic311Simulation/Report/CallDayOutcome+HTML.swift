import Civic311
import Foundation

extension CallDayOutcome {
    /// One self-contained HTML page for a planner: headline figures, then charts with titles, axes
    /// and legends (demand against staffing, speed of answer and service level, abandonment, service
    /// levels by department, the backlog over the days) and the department table.
    ///
    /// The charts are inline SVG and the styles are inline; the page loads nothing, runs no script and
    /// uses the reader's own fonts.
    public func htmlDocument() -> String {
        let kpis = self.kpis
        let minutes = Int(scenario.interval.seconds / 60)
        let target = plan.target
        let title = "\(scenario.jurisdiction.name) 311: simulated call day, \(longDateLabel(day: 1))"
        var html = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(SVGChart.escape(title))</title>
            <style>
            body { font-family: system-ui, -apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif;
                   color: #222; max-width: 980px; margin: 24px auto; padding: 0 16px; line-height: 1.4; }
            h1 { font-size: 22px; margin-bottom: 4px; }
            h2 { font-size: 17px; margin: 28px 0 6px; }
            p.lead { color: #444; margin-top: 0; }
            .tiles { display: grid; grid-template-columns: repeat(5, 1fr); gap: 10px; margin: 16px 0; }
            .tile { border: 1px solid #ddd; border-left: 5px solid #999; border-radius: 4px; padding: 8px 10px; }
            .tile.good { border-left-color: #009E73; } .tile.bad { border-left-color: #D55E00; }
            .tile b { display: block; font-size: 22px; }
            .tile span { font-size: 12px; color: #555; }
            figure { margin: 18px 0; } figcaption { font-size: 13px; color: #444; margin-top: 2px; }
            table { border-collapse: collapse; font-size: 13px; width: 100%; }
            th, td { padding: 3px 8px; border-bottom: 1px solid #eee; text-align: right; }
            th:nth-child(2), td:nth-child(2) { text-align: left; }
            footer { font-size: 12px; color: #555; margin-top: 28px; }
            </style>
            </head>
            <body>
            <h1>\(SVGChart.escape(title))</h1>

            """
        html +=
            "<p class=\"lead\">\(Self.count(kpis.contacts)) contacts on all channels; phones "
            + "\(SVGChart.escape(staffingDescription)); the departments' crews work the service requests for "
            + "\(scenario.backOffice.days) days, \(orderDescription). Seed \(seed).</p>\n"

        // Headline tiles: green when the figure meets its goal, red when it does not.
        let level = kpis.serviceLevel
        let tiles: [(String, String, Bool?)] = [
            (
                Self.percent(level),
                "of calls answered within \(target.answerWithin.wholeNumberText) s (goal \(Int((target.serviceLevel * 100).rounded())) %)",
                level.map { $0 >= target.serviceLevel }
            ),
            (Self.seconds(kpis.averageSpeedOfAnswer), "average speed of answer", nil),
            (
                Self.percent(kpis.abandonmentRate), "of callers hung up before an answer",
                kpis.abandonmentRate.map { $0 <= 0.05 }
            ),
            (
                Self.percent(kpis.occupancy),
                "agent occupancy (ceiling \(Int((target.maximumOccupancy * 100).rounded())) %)",
                kpis.occupancy.map { $0 <= target.maximumOccupancy + 0.005 }
            ),
            (Self.seconds(kpis.averageHandleTime), "average handle time (talk + after-call work)", nil),
            (Self.percent(kpis.firstContactResolution), "resolved at first contact", nil),
            (Self.percent(kpis.selfServiceDeflection), "needed no agent (IVR or online)", nil),
            (Self.dollars(kpis.costPerContact), "cost per contact", nil),
            (
                Self.count(serviceRequestsStored),
                "service requests through the real intake (\(Self.percent(kpis.serviceRequestShare)) of intake)",
                nil
            ),
            (
                Self.percent(onTimeShare),
                "of due requests met their service level by day \(scenario.backOffice.days)",
                onTimeShare.map { $0 >= 0.85 }
            ),
        ]
        html += "<div class=\"tiles\">\n"
        for (value, caption, good) in tiles {
            let kind = good.map { $0 ? " good" : " bad" } ?? ""
            html +=
                "<div class=\"tile\(kind)\"><b>\(SVGChart.escape(value))</b><span>\(SVGChart.escape(caption))</span></div>\n"
        }
        html += "</div>\n"

        let labels = intervals.map { Self.clockTime($0.start) }
        let labelEvery = max(1, Int(7_200 / scenario.interval.seconds))
        let timeTitle = "time of day (\(minutes)-minute intervals, local time)"
        let count = { (value: Double) in abs(value) < 1e15 ? Self.count(Int(value.rounded())) : value.wholeNumberText
        }
        let percentAxis = { (value: Double) in "\(value.wholeNumberText) %" }

        html += "<h2>Calls and agents through the day</h2>\n<figure>"
        html += SVGChart(
            title: "Calls reaching the agents, and agents on the phones",
            subtitle: "Bars: calls offered to agents per interval; dashed: the forecast the plan was made from; "
                + "right axis: agents",
            categories: labels,
            labelEvery: labelEvery,
            xTitle: timeTitle,
            left: .init(title: "calls per \(minutes) minutes", maximum: nil, format: count),
            right: .init(title: "agents", maximum: nil, format: count),
            series: [
                .init(
                    name: "calls offered",
                    color: "#E69F00",
                    mark: .bars,
                    side: .left,
                    values: intervals.map { Double($0.simulated.callsOffered) }
                ),
                .init(
                    name: "forecast calls",
                    color: "#8a5a00",
                    mark: .dashedLine,
                    side: .left,
                    values: intervals.map(\.forecastCalls)
                ),
                .init(
                    name: "agents staffed",
                    color: "#0072B2",
                    mark: .steps,
                    side: .right,
                    values: intervals.map(\.staffedAgents)
                ),
                .init(
                    name: "agents the plan recommends",
                    color: "#CC79A7",
                    mark: .dashedLine,
                    side: .right,
                    values: intervals.map { Double($0.recommendedAgents) }
                ),
            ]
        ).render()
        html +=
            "<figcaption>The plan staffs each interval to Erlang C for \(Int((target.serviceLevel * 100).rounded()))/"
            + "\(target.answerWithin.wholeNumberText) from the dashed forecast; the blue steps are the agents the simulated roster "
            + "actually had logged in. Intervals whose bars rise well above the forecast are where callers waited.</figcaption></figure>\n"

        html += "<h2>How quickly callers were answered</h2>\n<figure>"
        html += SVGChart(
            title: "Average speed of answer and service level",
            subtitle: "Bars: average wait of answered calls (left axis); lines: share answered within "
                + "\(target.answerWithin.wholeNumberText) s (right axis)",
            categories: labels,
            labelEvery: labelEvery,
            xTitle: timeTitle,
            left: .init(title: "average speed of answer (s)", maximum: nil, format: { "\($0.wholeNumberText) s" }),
            right: .init(title: "service level", maximum: 100, format: percentAxis),
            series: [
                .init(
                    name: "speed of answer",
                    color: "#D55E00",
                    mark: .bars,
                    side: .left,
                    values: intervals.map(\.simulated.averageSpeedOfAnswer)
                ),
                .init(
                    name: "service level (simulated)",
                    color: "#009E73",
                    mark: .line,
                    side: .right,
                    values: intervals.map { $0.simulated.serviceLevel.map { $0 * 100 } }
                ),
                .init(
                    name: "Erlang C prediction",
                    color: "#56B4E9",
                    mark: .dashedLine,
                    side: .right,
                    values: intervals.map { $0.forecastCalls > 0 ? $0.predictedServiceLevel * 100 : nil }
                ),
            ],
            references: [
                .init(
                    label: "goal \(Int((target.serviceLevel * 100).rounded())) %",
                    value: target.serviceLevel * 100,
                    side: .right,
                    color: "#555"
                )
            ]
        ).render()
        html +=
            "<figcaption>Green below the grey goal line means the interval missed its service level; "
            + "tall red bars are the intervals where callers waited longest.</figcaption></figure>\n"

        html += "<h2>Callers who hung up</h2>\n<figure>"
        let dayRate = (kpis.abandonmentRate ?? 0) * 100
        html += SVGChart(
            title: "Abandonment by interval",
            subtitle: "Share of the calls offered to agents in each interval whose callers hung up while waiting",
            categories: labels,
            labelEvery: labelEvery,
            xTitle: timeTitle,
            left: .init(title: "abandoned (% of offered)", maximum: nil, format: { String(format: "%.1f %%", $0) }),
            right: nil,
            series: [
                .init(
                    name: "abandoned calls",
                    color: "#CC79A7",
                    mark: .bars,
                    side: .left,
                    values: intervals.map { $0.simulated.abandonmentRate.map { $0 * 100 } }
                )
            ],
            references: [
                .init(label: String(format: "whole day %.1f %%", dayRate), value: dayRate, side: .left, color: "#555")
            ]
        ).render()
        html +=
            "<figcaption>\(Self.count(kpis.callsAbandoned)) of \(Self.count(kpis.callsOffered)) callers "
            + "hung up before an agent answered.</figcaption></figure>\n"

        html += "<h2>Service levels by department</h2>\n<figure>"
        html += departmentChart()
        html +=
            "<figcaption>Share of the requests due within the \(scenario.backOffice.days) simulated days that were "
            + "resolved by their due date, from the store's compliance report (open requests past due count as "
            + "misses). Requests for external agencies are closed as referred and leave the count.</figcaption></figure>\n"

        html += "<h2>Backlog over the days</h2>\n<figure>"
        html += SVGChart(
            title: "Open service requests at the end of each day",
            subtitle: "Bars: requests still open at midnight (left axis); line: their average age (right axis)",
            categories: backlog.map { shortDateLabel(day: $0.day) },
            labelEvery: 1,
            xTitle: "end of day",
            left: .init(title: "open requests", maximum: nil, format: count),
            right: .init(title: "average age (hours)", maximum: nil, format: { "\($0.wholeNumberText) h" }),
            series: [
                .init(
                    name: "open requests",
                    color: "#0072B2",
                    mark: .bars,
                    side: .left,
                    values: backlog.map { Double($0.open) }
                ),
                .init(
                    name: "average age",
                    color: "#E69F00",
                    mark: .line,
                    side: .right,
                    values: backlog.map(\.meanAgeHours)
                ),
            ]
        ).render()
        html +=
            "<figcaption>Every request was created on the call day; the crews then work them down at their daily "
            + "capacity. A backlog that does not fall means a department is short of crew.</figcaption></figure>\n"

        html +=
            "<h2>Departments</h2>\n<table>\n<tr><th>id</th><th>department</th><th>received</th><th>crew per day</th>"
            + "<th>finished</th><th>open</th><th>on time</th><th>late or overdue</th><th>median hours to close</th></tr>\n"
        for department in departments {
            let onTime = department.isExternalAgency ? "referred" : Self.percent(department.onTimeShare)
            html +=
                "<tr><td>\(SVGChart.escape(department.department.rawValue))</td>"
                + "<td>\(SVGChart.escape(department.name))</td><td>\(department.received)</td>"
                + "<td>\(department.dailyCapacity)</td><td>\(department.finished)</td><td>\(department.open)</td>"
                + "<td>\(onTime)</td><td>\(department.closedLate + department.openOverdue)</td>"
                + "<td>\(department.medianHoursToClose.map { String(format: "%.1f", $0) } ?? "-")</td></tr>\n"
        }
        html += "</table>\n"
        html +=
            "<footer>Simulated with Civic311Simulation. Service requests went through the real Civic311 intake "
            + "(catalog validation, routing, tickets, service-level due dates) and the departments' operations; "
            + "costs use \(Self.dollars(scenario.costs.agentCall)) per agent call, "
            + "\(Self.dollars(scenario.costs.assistedContact)) per other contact an agent worked, "
            + "\(Self.dollars(scenario.costs.unassistedCall)) per call no agent answered and "
            + "\(Self.dollars(scenario.costs.onlineContact)) per online contact.</footer>\n"
        html += "</body>\n</html>\n"
        return html
    }

    /// Horizontal bars: each department's on-time share against an 85 % line.
    private func departmentChart() -> String {
        let rowHeight = 26.0
        let labelWidth = 250.0
        let barWidth = 520.0
        let top = 58.0
        let height = top + rowHeight * Double(max(1, departments.count)) + 44
        let width = 920.0
        let goal = 0.85
        var svg = SVGChart.open(width: width, height: height, label: "Service levels met by department")
        svg += SVGChart.text(
            "Requests resolved by their due date, by department",
            x: 16,
            y: 22,
            size: 16,
            weight: "600"
        )
        svg += SVGChart.text(
            "Bar: share of due requests met; label: met of due (late or still open past due)",
            x: 16,
            y: 40,
            size: 12,
            fill: "#555"
        )
        for (index, department) in departments.enumerated() {
            let y = top + rowHeight * Double(index)
            svg += SVGChart.text(
                "\(department.name) (\(department.department.rawValue))",
                x: labelWidth - 8,
                y: y + 16,
                size: 12,
                anchor: "end"
            )
            svg +=
                "<rect x=\"\(SVGChart.number(labelWidth))\" y=\"\(SVGChart.number(y + 4))\" width=\"\(SVGChart.number(barWidth))\" "
                + "height=\"16\" fill=\"#f2f2f2\"/>"
            if department.isExternalAgency {
                svg += SVGChart.text(
                    "referred to the agency: \(department.received) requests",
                    x: labelWidth + 6,
                    y: y + 16,
                    size: 12,
                    fill: "#666"
                )
                continue
            }
            guard let share = department.onTimeShare else {
                svg += SVGChart.text("nothing due yet", x: labelWidth + 6, y: y + 16, size: 12, fill: "#666")
                continue
            }
            let color = share >= goal ? "#009E73" : "#D55E00"
            svg +=
                "<rect x=\"\(SVGChart.number(labelWidth))\" y=\"\(SVGChart.number(y + 4))\" "
                + "width=\"\(SVGChart.number(barWidth * share))\" height=\"16\" fill=\"\(color)\"/>"
            let due = department.met + department.closedLate + department.openOverdue
            svg += SVGChart.text(
                "\((share * 100).wholeNumberText) %  (\(department.met) of \(due))",
                x: labelWidth + barWidth + 8,
                y: y + 16,
                size: 12
            )
        }
        let axisY = top + rowHeight * Double(departments.count) + 4
        for step in 0...4 {
            let x = labelWidth + barWidth * Double(step) / 4
            svg +=
                "<line x1=\"\(SVGChart.number(x))\" y1=\"\(SVGChart.number(axisY))\" x2=\"\(SVGChart.number(x))\" "
                + "y2=\"\(SVGChart.number(axisY + 4))\" stroke=\"#333\"/>"
            svg += SVGChart.text("\(step * 25) %", x: x, y: axisY + 17, size: 11, anchor: "middle", fill: "#444")
        }
        let goalX = labelWidth + barWidth * goal
        svg +=
            "<line x1=\"\(SVGChart.number(goalX))\" y1=\"\(SVGChart.number(top))\" x2=\"\(SVGChart.number(goalX))\" "
            + "y2=\"\(SVGChart.number(axisY))\" stroke=\"#555\" stroke-dasharray=\"2 3\"/>"
        svg += SVGChart.text("85 % goal", x: goalX, y: top - 4, size: 11, anchor: "middle", fill: "#555")
        svg += SVGChart.text(
            "share of due requests met on time",
            x: labelWidth + barWidth / 2,
            y: axisY + 34,
            size: 12,
            anchor: "middle"
        )
        svg += "</svg>"
        return svg
    }
}
