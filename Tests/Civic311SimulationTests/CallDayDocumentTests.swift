import Civic311
import Civic311SampleCounty
import Civic311Simulation
import Foundation
import Testing

@Suite struct CallDayDocumentTests {
    @Test func jsonHasEveryDocumentedKey() async throws {
        let outcome = try await CallDaySimulation(scenario: .weekday(in: .sampleCounty, contacts: 300)).run(seed: 1)
        let data = Data(outcome.jsonDocument().utf8)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        for key in [
            "seed", "jurisdiction", "call_day", "start", "interval_minutes", "back_office_days", "work_order",
            "contacts", "calls_offered", "calls_answered", "calls_handled", "calls_abandoned", "abandonment_rate",
            "average_speed_of_answer_seconds", "service_level", "service_level_threshold_seconds", "occupancy",
            "average_handle_time_seconds", "average_talk_time_seconds", "average_after_call_work_seconds",
            "first_contact_resolution", "self_service_deflection", "service_requests", "service_request_share",
            "cost_total", "cost_per_contact", "service_requests_stored", "contacts_recorded", "sla_on_time_share",
            "channels", "staffing", "intervals", "departments", "backlog",
        ] {
            #expect(object[key] != nil, "missing \(key)")
        }
        #expect(object["seed"] as? Int == 1)
        #expect(object["contacts"] as? Int == 300)
        let intervals = try #require(object["intervals"] as? [[String: Any]])
        #expect(intervals.count == 48)
        for key in [
            "start", "forecast_calls", "recommended_agents", "scheduled_agents", "predicted_service_level",
            "staffed_agents", "calls_offered", "average_speed_of_answer_seconds", "service_level",
        ] {
            #expect(intervals[20][key] != nil, "interval missing \(key)")
        }
        let departments = try #require(object["departments"] as? [[String: Any]])
        #expect(!departments.isEmpty)
        for key in ["id", "name", "received", "crew_capacity_per_day", "on_time_share", "open_overdue"] {
            #expect(departments[0][key] != nil, "department missing \(key)")
        }
        let backlog = try #require(object["backlog"] as? [[String: Any]])
        #expect(backlog.count == 5)
    }

    @Test func htmlIsSelfContainedWithCharts() async throws {
        let outcome = try await CallDaySimulation(scenario: .weekday(in: .sampleCounty, contacts: 300)).run(seed: 2)
        let html = outcome.htmlDocument()
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(!html.contains("http://"))
        #expect(!html.contains("https://"))
        #expect(!html.contains("<script"))
        #expect(!html.contains("@import"))
        #expect(!html.contains("url("))
        #expect(html.components(separatedBy: "<svg").count - 1 == 5)
        for title in [
            "Calls reaching the agents", "Average speed of answer and service level", "Abandonment by interval",
            "by department", "Open service requests at the end of each day",
        ] {
            #expect(html.contains(title), "missing chart \(title)")
        }
    }

    @Test func csvAndTextCarryTheSameFigures() async throws {
        let outcome = try await CallDaySimulation(scenario: .weekday(in: .sampleCounty, contacts: 300)).run(seed: 4)
        let csv = outcome.csvDocument()
        let lines = csv.split(separator: "\n")
        #expect(lines.first == "section,key,metric,value")
        #expect(lines.contains("day,,contacts,300"))
        #expect(lines.contains { $0.hasPrefix("interval,12:00,calls_offered,") })
        #expect(lines.contains { $0.hasPrefix("department,DOT,on_time_share,") })
        #expect(lines.allSatisfy { $0.split(separator: ",", omittingEmptySubsequences: false).count >= 4 })
        let text = outcome.textReport()
        #expect(text.contains("Service level (answered within 20 s)"))
        #expect(text.contains("Staffing plan by 30-minute interval"))
        #expect(text.contains("Backlog at the end of each day"))
    }
}
