import Civic311
import Foundation
import Testing

@Suite struct RetentionScheduleTests {
    @Test func periodsAreWholePositiveDaysUpToAHundredYears() throws {
        let schedule = try RetentionSchedule(daysAfterClosure: [.residentIdentity: 730, .internalNotes: 1])
        #expect(schedule.dataClasses == [.residentIdentity, .internalNotes])
        #expect(schedule.period(of: .internalNotes) == 86_400)
        #expect(schedule.period(of: .surveyComments) == nil)
        for days in [0, -1, RetentionSchedule.maximumDays + 1] {
            let error = #expect(throws: ValidationError.self) {
                try RetentionSchedule(daysAfterClosure: [.surveyComments: days])
            }
            #expect(error?.code == .outOfRange)
            #expect(error?.field == "daysAfterClosure.surveyComments")
        }
        #expect(try RetentionSchedule(daysAfterClosure: [:]).dataClasses.isEmpty)
    }

    @Test func loadsFromJSON() throws {
        let json = #"{ "daysAfterClosure": { "residentIdentity": 730, "internalNotes": 365, "surveyComments": 90 } }"#
        let schedule = try RetentionSchedule(json: Data(json.utf8))
        #expect(schedule.daysAfterClosure == [.residentIdentity: 730, .internalNotes: 365, .surveyComments: 90])
    }

    @Test func jsonProblemsAreReportedAtTheirPathsAndLoadNothing() {
        let json = #"{ "daysAfterClosure": { "notes": 3, "internalNotes": 0, "surveyComments": 1.5 }, "extra": 1 }"#
        let error = #expect(throws: ConfigurationError.self) { try RetentionSchedule(json: Data(json.utf8)) }
        let text = error.map { String(describing: $0) } ?? ""
        for path in [
            "$.daysAfterClosure.notes", "$.daysAfterClosure.internalNotes", "$.daysAfterClosure.surveyComments",
            "$.extra",
        ] {
            #expect(text.contains(path), "\(path) in \(text)")
        }
    }
}
