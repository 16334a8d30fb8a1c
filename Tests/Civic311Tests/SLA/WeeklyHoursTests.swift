import Civic311
import Testing

@Suite struct WeeklyHoursTests {
    @Test func parsesTimesOfDay() throws {
        #expect(try TimeOfDay(parsing: "08:30").minutesSinceMidnight == 510)
        #expect(try TimeOfDay(parsing: "24:00") == TimeOfDay.endOfDay)
        #expect(try TimeOfDay(parsing: "00:00") == TimeOfDay.midnight)
        #expect(try TimeOfDay(hour: 7, minute: 5).description == "07:05")
        for text in ["8:30", "08:3", "0830", "08:60", "24:01", "25:00", "ab:cd", "08:30:00", "", "+8:30"] {
            #expect(throws: ValidationError.self, "\(text)") { try TimeOfDay(parsing: text) }
        }
    }

    @Test func intervalsEndAfterTheyStart() throws {
        #expect(try WorkingInterval("08:00", "17:00").description == "08:00-17:00")
        #expect(try WorkingInterval("22:00", "24:00").end == .endOfDay)
        #expect(throws: ValidationError.self) { try WorkingInterval("17:00", "08:00") }
        #expect(throws: ValidationError.self) { try WorkingInterval("08:00", "08:00") }
        #expect(throws: ValidationError.self) { try WorkingInterval("24:00", "24:00") }
    }

    @Test func rejectsOverlappingIntervals() throws {
        let error = #expect(throws: ValidationError.self) {
            try WeeklyHours([.wednesday: [WorkingInterval("08:00", "12:00"), WorkingInterval("11:59", "17:00")]])
        }
        #expect(error?.field == "weeklyHours.wednesday[1]")
        #expect(throws: ValidationError.self) {
            try WeeklyHours([.monday: [WorkingInterval("08:00", "17:00"), WorkingInterval("09:00", "10:00")]])
        }
    }

    @Test func sortsEachDaysIntervals() throws {
        let hours = try WeeklyHours([.monday: [WorkingInterval("13:00", "17:00"), WorkingInterval("08:00", "12:00")]])
        #expect(hours[.monday] == [try WorkingInterval("08:00", "12:00"), try WorkingInterval("13:00", "17:00")])
        #expect(hours[.tuesday].isEmpty)
        #expect(!hours.isClosedAllWeek)
        #expect(try WeeklyHours([:]).isClosedAllWeek)
        #expect(WeeklyHours.twentyFourSeven[.sunday] == [WorkingInterval.allDay])
    }
}
