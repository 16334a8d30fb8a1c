// docs: begin simulate-a-call-day
import Civic311SampleCounty
import Civic311Simulation
import Foundation

// Pittsburgh's 341 contacts on an ordinary weekday in the sample county, under its own rules.
let simulation = try CallDaySimulation(scenario: .weekday(in: .sampleCounty, scale: .pittsburgh))
let outcome = try await simulation.run(seed: 311)
print(outcome.textReport())
let page = FileManager.default.temporaryDirectory.appendingPathComponent("day.html")
try outcome.htmlDocument().write(to: page, atomically: true, encoding: .utf8)
// docs: end
