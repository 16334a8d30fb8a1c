import Civic311

extension CallDayOutcome {
    /// The outcome as one JSON object, keys in a fixed order; the same outcome always gives the same
    /// bytes. The keys are listed in <doc:CallDayJSONDocument>.
    public func jsonDocument() -> String {
        document.prettyJSON + "\n"
    }

    /// The document the JSON and CSV renderings share.
    var document: ReportValue {
        let kpis = self.kpis
        var members: [(String, ReportValue)] = [
            ("seed", .unsigned(seed)),
            ("jurisdiction", .text(scenario.jurisdiction.name)),
            ("call_day", .text(dateLabel(day: 1))),
            ("start", .text(isoTime(0))),
            ("interval_minutes", .integer(Int(scenario.interval.seconds / 60))),
            ("back_office_days", .integer(scenario.backOffice.days)),
            ("work_order", .text(scenario.backOffice.order.rawValue)),
        ]
        members += Self.kpiMembers(kpis)
        members += [
            ("service_requests_stored", .integer(serviceRequestsStored)),
            ("contacts_recorded", .integer(contactsRecorded)),
            ("sla_on_time_share", .number(onTimeShare)),
            ("channels", .list(kpis.channels.map(Self.channelDocument))),
            (
                "staffing",
                .object([
                    ("mode", .text(staffingMode)),
                    ("target_service_level", .number(plan.target.serviceLevel)),
                    ("target_seconds", .number(plan.target.answerWithin)),
                    ("maximum_occupancy", .number(plan.target.maximumOccupancy)),
                    ("recommended_peak_agents", .integer(plan.peakAgents)),
                    ("recommended_agent_hours", .number(plan.agentHours)),
                    ("scheduled_peak_agents", .integer(intervals.map(\.scheduledAgents).max() ?? 0)),
                    (
                        "scheduled_agent_hours",
                        .number(
                            Double(intervals.reduce(0) { $0 + $1.scheduledAgents }) * scenario.interval.seconds / 3_600
                        )
                    ),
                ])
            ),
            ("intervals", .list(intervals.map(intervalDocument))),
            ("departments", .list(departments.map(Self.departmentDocument))),
            ("backlog", .list(backlog.map(backlogDocument))),
        ]
        return .object(members)
    }

    /// The KPI keys, shared by the whole day and each interval.
    static func kpiMembers(_ kpis: ContactCenterKPIs) -> [(String, ReportValue)] {
        [
            ("contacts", .integer(kpis.contacts)),
            ("calls_offered", .integer(kpis.callsOffered)),
            ("calls_answered", .integer(kpis.callsAnswered)),
            ("calls_handled", .integer(kpis.callsHandled)),
            ("calls_abandoned", .integer(kpis.callsAbandoned)),
            ("abandonment_rate", .number(kpis.abandonmentRate)),
            ("average_speed_of_answer_seconds", .number(kpis.averageSpeedOfAnswer)),
            ("service_level", .number(kpis.serviceLevel)),
            ("service_level_threshold_seconds", .number(kpis.serviceLevelThreshold)),
            ("short_abandon_seconds", .number(kpis.shortAbandons.excludedWithin)),
            ("short_abandons_excluded", .integer(kpis.excludedShortAbandons)),
            ("occupancy", .number(kpis.occupancy)),
            ("average_handle_time_seconds", .number(kpis.averageHandleTime)),
            ("average_talk_time_seconds", .number(kpis.averageTalkTime)),
            ("average_after_call_work_seconds", .number(kpis.averageAfterCallWork)),
            ("first_contact_resolution", .number(kpis.firstContactResolution)),
            ("self_service_deflection", .number(kpis.selfServiceDeflection)),
            ("service_requests", .integer(kpis.serviceRequests)),
            ("service_request_share", .number(kpis.serviceRequestShare)),
            ("cost_total", .number(kpis.totalCost)),
            ("cost_per_contact", .number(kpis.costPerContact)),
        ]
    }

    static func channelDocument(_ channel: ChannelCost) -> ReportValue {
        .object([
            ("channel", .text(channel.channel.rawValue)),
            ("contacts", .integer(channel.contacts)),
            ("cost", .number(channel.cost)),
            ("cost_per_contact", .number(channel.costPerContact)),
        ])
    }

    func intervalDocument(_ interval: IntervalComparison) -> ReportValue {
        let simulated = interval.simulated
        return .object([
            ("start", .text(Self.clockTime(interval.start))),
            ("forecast_calls", .number(interval.forecastCalls)),
            ("forecast_handle_time_seconds", .number(interval.forecastHandleTime)),
            ("recommended_agents", .integer(interval.recommendedAgents)),
            ("scheduled_agents", .integer(interval.scheduledAgents)),
            ("predicted_service_level", .number(interval.predictedServiceLevel)),
            ("predicted_average_speed_of_answer_seconds", .number(interval.predictedAverageSpeedOfAnswer)),
            ("staffed_agents", .number(interval.staffedAgents)),
            ("contacts", .integer(simulated.contacts)),
            ("calls_offered", .integer(simulated.callsOffered)),
            ("calls_answered", .integer(simulated.callsAnswered)),
            ("calls_abandoned", .integer(simulated.callsAbandoned)),
            ("abandonment_rate", .number(simulated.abandonmentRate)),
            ("average_speed_of_answer_seconds", .number(simulated.averageSpeedOfAnswer)),
            ("service_level", .number(simulated.serviceLevel)),
            ("occupancy", .number(simulated.occupancy)),
            ("service_requests", .integer(simulated.serviceRequests)),
        ])
    }

    static func departmentDocument(_ department: DepartmentPerformance) -> ReportValue {
        .object([
            ("id", .text(department.department.rawValue)),
            ("name", .text(department.name)),
            ("external_agency", .flag(department.isExternalAgency)),
            ("received", .integer(department.received)),
            ("crew_capacity_per_day", .integer(department.dailyCapacity)),
            ("finished", .integer(department.finished)),
            ("open", .integer(department.open)),
            ("met", .integer(department.met)),
            ("closed_late", .integer(department.closedLate)),
            ("open_overdue", .integer(department.openOverdue)),
            ("on_time_share", .number(department.onTimeShare)),
            ("median_hours_to_close", .number(department.medianHoursToClose)),
            ("backlog_mean_age_hours", .number(department.backlogMeanAgeHours)),
        ])
    }

    func backlogDocument(_ snapshot: BacklogSnapshot) -> ReportValue {
        .object([
            ("day", .integer(snapshot.day)),
            ("date", .text(dateLabel(day: snapshot.day))),
            ("open", .integer(snapshot.open)),
            ("finished", .integer(snapshot.finished)),
            ("mean_age_hours", .number(snapshot.meanAgeHours)),
            ("oldest_age_hours", .number(snapshot.oldestAgeHours)),
        ])
    }
}
