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
// exit with status 2. The JSON document's keys are listed in the Civic311Simulation documentation
// (article "Call-day JSON document"); in short: seed, jurisdiction, call_day, start,
// interval_minutes, back_office_days, work_order, contacts, calls_offered, calls_answered,
// calls_handled, calls_abandoned, abandonment_rate, average_speed_of_answer_seconds, service_level,
// service_level_threshold_seconds, occupancy, average_handle_time_seconds,
// average_talk_time_seconds, average_after_call_work_seconds, first_contact_resolution,
// self_service_deflection, service_requests, service_request_share, cost_total, cost_per_contact,
// service_requests_stored, contacts_recorded, sla_on_time_share, channels[], staffing{},
// intervals[] (plan against simulation per interval), departments[] (SLA compliance from the store)
// and backlog[] (open requests at the end of each day).

import Civic311
import Civic311Simulation
import Foundation

func fail(_ message: String, usage: Bool, status: Int32) -> Never {
    var text = "call-day: \(message)\n"
    if usage { text += "\n" + CallDayCommand.usage + "\n" }
    FileHandle.standardError.write(Data(text.utf8))
    exit(status)
}

let command: CallDayCommand
do {
    command = try CallDayCommand.parse(Array(CommandLine.arguments.dropFirst()))
} catch {
    fail(error.message, usage: true, status: 2)
}

switch command {
case .help:
    print(CallDayCommand.usage)
case .erlang(let query):
    do {
        print(try query.report(), terminator: "")
    } catch {
        fail(error.message, usage: true, status: 2)
    }
case .simulate(let options):
    let simulation: CallDaySimulation
    do {
        simulation = try CallDaySimulation(scenario: try options.scenario())
    } catch {
        fail(error.message, usage: true, status: 2)
    }
    let store: any RequestStore
    do {
        store = try StoreChoice.store(for: options.store)
    } catch {
        fail("\(error)", usage: false, status: 1)
    }
    do {
        // `run` is @concurrent: the simulation runs off the main actor.
        let outcome = try await simulation.run(seed: options.seed, store: store)
        switch options.format {
        case .text:
            print(outcome.textReport(), terminator: "")
            print("\n" + Timing.summary(outcome.timings))
        case .json:
            print(outcome.jsonDocument(), terminator: "")
        case .csv:
            print(outcome.csvDocument(), terminator: "")
        }
        if let path = options.htmlPath {
            try Data(outcome.htmlDocument().utf8).write(to: URL(fileURLWithPath: path))
            FileHandle.standardError.write(Data("call-day: wrote \(path)\n".utf8))
        }
    } catch {
        fail("\(error)", usage: false, status: 1)
    }
}
