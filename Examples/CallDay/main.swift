// A simulated 311 call day in the sample county, end to end: the front office (IVR, queues,
// agents rostered by Erlang C), every service request through the real Civic311 intake, and the
// departments' crews working them over the following days.
//
//     swift run call-day                                   a 1,300-contact day, readable report
//     swift run call-day --scale nyc-peak --format json    New York's peak day as one JSON object
//     swift run call-day --surge TREE_DOWN:8:14-20 --html storm.html
//     swift run call-day erlang --calls 100 --interval-seconds 1800 --aht-seconds 180 \
//         --agents 11 --target-seconds 20 --sl-goal 0.8 --format json
//
// `swift run call-day --help` lists every option. Bad options print the usage on standard error and
// exit with status 2; any other failure (a store that cannot be opened, an output path that cannot
// be written) prints its message and exits with status 1, before the day is simulated.
//
// The JSON document's keys are listed in the Civic311Simulation documentation (article "Call-day
// JSON document"); in short: seed, jurisdiction, call_day, start,
// interval_minutes, back_office_days, work_order, contacts, calls_offered, calls_answered,
// calls_handled, calls_abandoned, abandonment_rate, average_speed_of_answer_seconds, service_level,
// service_level_threshold_seconds, occupancy, average_handle_time_seconds,
// average_talk_time_seconds, average_after_call_work_seconds, first_contact_resolution,
// self_service_deflection, service_requests, service_request_share, cost_total, cost_per_contact,
// service_requests_stored, contacts_recorded, sla_on_time_share, channels[], staffing{},
// intervals[] (plan against simulation per interval), departments[] (SLA compliance from the store)
// and backlog[] (open requests at the end of each day).

import ExampleCommandLine
import Foundation

exit(await CallDayProgram.run(Array(CommandLine.arguments.dropFirst()), console: .terminal))
