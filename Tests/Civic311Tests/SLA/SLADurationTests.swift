import Civic311
import Testing

@Suite struct SLADurationTests {
    @Test(arguments: SLADuration.Unit.allCases)
    func rejectsNonPositiveAmounts(unit: SLADuration.Unit) {
        let zero = #expect(throws: ValidationError.self) { try SLADuration(0, unit) }
        #expect(zero?.code == .outOfRange)
        #expect(zero?.field == "amount")
        #expect(throws: ValidationError.self) { try SLADuration(-3, unit) }
        #expect(throws: ValidationError.self) { try SLADuration(Int.max, unit) }
    }

    @Test func acceptsUpToAHundredYears() throws {
        #expect(try SLADuration.businessDays(36_500).amount == 36_500)
        #expect(throws: ValidationError.self) { try SLADuration.businessDays(36_501) }
        #expect(try SLADuration.calendarHours(876_000).amount == 876_000)
        #expect(throws: ValidationError.self) { try SLADuration.calendarHours(876_001) }
        #expect(try SLADuration.businessMinutes(52_560_000).unit == .businessMinutes)
    }

    @Test func businessOrCalendarTime() throws {
        #expect(try SLADuration.businessHours(72).isBusinessTime)
        #expect(try !SLADuration.calendarHours(72).isBusinessTime)
        #expect(try SLADuration.businessDays(3).description == "3 business days")
    }

    @Test func durationsReadAsWords() throws {
        // Escalation reasons print durations: no internal identifiers such as "businessHours".
        #expect(try SLADuration.businessHours(8).description == "8 business hours")
        #expect(try SLADuration.businessDays(1).description == "1 business day")
        #expect(try SLADuration.calendarMinutes(30).description == "30 calendar minutes")
        #expect(ServiceLevelStatus.atRisk.words == "at risk")
    }
}
