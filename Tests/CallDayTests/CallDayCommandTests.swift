import Civic311
import Civic311Simulation
import ExampleCommandLine
import Foundation
import Testing

@testable import CallDay

@Suite struct CallDayCommandTests {
    private func options(_ arguments: [String]) throws -> CallDayOptions {
        guard case .simulate(let options) = try CallDayCommand.parse(arguments) else {
            throw ValidationError(.invalidValue, field: "test", reason: "expected a simulation")
        }
        return options
    }

    private func field(_ arguments: [String]) -> String? {
        do {
            _ = try CallDayCommand.parse(arguments)
            return nil
        } catch {
            return error.field
        }
    }

    @Test func defaultsAndEveryOption() throws {
        let defaults = try options([])
        #expect(defaults.seed == 311)
        #expect(defaults.scale == nil && defaults.calls == nil && defaults.agents == nil)
        #expect(defaults.format == .text && defaults.days == 5 && defaults.interval == .thirtyMinutes)

        let all = try options([
            "--seed", "42", "--scale", "nyc-peak", "--agents", "120", "--target", "90/30", "--interval", "15",
            "--days", "7", "--order", "fifo", "--crew", "DOT:40", "--crew", "SWR:12", "--surge", "TREE_DOWN:8:14-20",
            "--surge", "all:1.5:8-10", "--format=json", "--html", "/tmp/day.html", "--store", "sqlite:/tmp/311.db",
            "--escalations", "--short-abandons", "5",
        ])
        #expect(all.seed == 42)
        #expect(all.scale == .nycPeak)
        #expect(all.agents == 120)
        #expect(all.targetServiceLevel == 0.9 && all.targetSeconds == 30)
        #expect(all.interval == .fifteenMinutes)
        #expect(all.days == 7 && all.order == .firstInFirstOut)
        #expect(all.crews == ["DOT": 40, "SWR": 12])
        #expect(all.surges.count == 2)
        #expect(all.surges[0].serviceType == "TREE_DOWN" && all.surges[0].factor == 8 && all.surges[0].hours == 14..<20)
        #expect(all.surges[1].serviceType == nil && all.surges[1].hours == 8..<10)
        #expect(all.format == .json && all.htmlPath == "/tmp/day.html")
        #expect(all.store == StoreOption.sqlite(path: "/tmp/311.db"))
        #expect(
            try options(["--store", "postgres:postgresql://clerk@/civic311?host=/run/postgresql"]).store
                == StoreOption.postgres(url: "postgresql://clerk@/civic311?host=/run/postgresql")
        )
        #expect(all.evaluatesEscalations)
        #expect(all.shortAbandons == .excluded(within: 5) && defaults.shortAbandons == .counted)

        let scenario = try all.scenario()
        #expect(scenario.contacts == 276_827)
        #expect(scenario.staffing == .fixed(agents: 120))
        #expect(scenario.backOffice.dailyCapacity == ["DOT": 40, "SWR": 12])
        #expect(scenario.surges.count == 2)
        #expect(scenario.shortAbandons == .excluded(within: 5))
        #expect(try options(["--calls", "5000", "--auto-staff"]).scenario().contacts == 5_000)
        #expect(try CallDayCommand.parse(["--help"]) == .help)
    }

    @Test func badOptionsNameTheOption() {
        #expect(field(["--seed", "x"]) == "--seed")
        #expect(field(["--seed"]) == "--seed")
        #expect(field(["--seed", "1", "--seed", "2"]) == "--seed")
        #expect(field(["--scale", "tokyo"]) == "--scale")
        #expect(field(["--short-abandons", "-1"]) == "--short-abandons")
        #expect(field(["--short-abandons", "soon"]) == "--short-abandons")
        #expect(field(["--scale", "nyc", "--calls", "5"]) == "--calls")
        #expect(field(["--calls", "-5"]) == "--calls")
        #expect(field(["--agents", "3", "--auto-staff"]) == "--auto-staff")
        #expect(field(["--target", "80"]) == "--target")
        #expect(field(["--target", "120/20"]) == "--target")
        #expect(field(["--interval", "20"]) == "--interval")
        #expect(field(["--days", "0"]) == "--days")
        #expect(field(["--order", "random"]) == "--order")
        #expect(field(["--crew", "DOT"]) == "--crew")
        #expect(field(["--crew", "DOT:1", "--crew", "DOT:2"]) == "--crew")
        #expect(field(["--surge", "TREE_DOWN:8:20-14"]) == "--surge")
        #expect(field(["--surge", "TREE_DOWN:x:1-2"]) == "--surge")
        #expect(field(["--surge", "TREE_DOWN:2:0-25"]) == "--surge")
        #expect(field(["--format", "xml"]) == "--format")
        #expect(field(["--store", "mysql:x"]) == "--store")
        // A URI without the postgres: in front is refused rather than misread.
        #expect(field(["--store", "postgres://localhost/civic311"]) == "--store")
        #expect(field(["--verbose"]) == "--verbose")
        #expect(field(["stray"]) == "arguments")
        #expect(field(["erlang", "--calls", "10"]) == "--interval-seconds")
        #expect(field(["erlang", "--calls", "10", "--aht-seconds", "0"]) == "--aht-seconds")
    }

    @Test func catalogChecksHappenWhenTheScenarioIsBuilt() throws {
        #expect {
            try options(["--surge", "VOLCANO:3:1-2"]).scenario()
        } throws: { ($0 as? ValidationError)?.field == "--surge" }
        #expect {
            try options(["--crew", "XYZ:3"]).scenario()
        } throws: { ($0 as? ValidationError)?.field == "--crew" }
    }

    @Test func erlangQueryMatchesTheReferenceCase() throws {
        // 100 calls in 30 minutes at 180 s with 11 agents: P(wait) 0.6821182, ASA 122.78 s.
        let command = try CallDayCommand.parse([
            "erlang", "--calls", "100", "--interval-seconds", "1800", "--aht-seconds", "180", "--agents", "11",
            "--target-seconds", "20", "--sl-goal", "0.8", "--format", "json",
        ])
        guard case .erlang(let query) = command else {
            Issue.record("expected an erlang query")
            return
        }
        let answer = try query.answer()
        #expect(abs(answer.probabilityOfWaiting - 0.682_118_2) < 1e-6)
        #expect(abs(answer.averageSpeedOfAnswer - 122.781_276_844_08) < 1e-6)
        #expect(abs(answer.occupancy - 0.909_090_9) < 1e-6)
        #expect(answer.agentsNeeded == 14)
        let json = try #require(
            try JSONSerialization.jsonObject(with: Data(query.report().utf8)) as? [String: Any]
        )
        for key in ["p_wait", "service_level", "asa_seconds", "occupancy", "agents_needed"] {
            #expect(json[key] != nil, "missing \(key)")
        }
    }
}
