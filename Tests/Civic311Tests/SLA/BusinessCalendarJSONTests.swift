import Civic311
import Foundation
import Testing

@Suite struct BusinessCalendarJSONTests {
    static func document(
        timeZone: String = #""America/New_York""#,
        weeklyHours: String =
            #"{ "monday": [["08:00", "12:00"], ["13:00", "17:00"]], "friday": [["08:00", "16:00"]] }"#,
        holidays: String = "[]",
        closures: String = "[]",
        extra: String = ""
    ) -> String {
        #"{ "timeZone": \#(timeZone), "weeklyHours": \#(weeklyHours), "holidays": \#(holidays), "closures": \#(closures) \#(extra) }"#
    }

    static func load(_ text: String) throws(ConfigurationError) -> BusinessCalendar {
        try BusinessCalendar.load(from: Data(text.utf8))
    }

    @Test func loadsACompleteDocument() throws {
        let text = #"""
            {
              "timeZone": "America/New_York",
              "weeklyHours": {
                "monday": [["08:00", "12:00"], ["13:00", "17:00"]],
                "tuesday": [["08:00", "17:00"]],
                "saturday": [["09:00", "24:00"]]
              },
              "holidays": [
                { "name": "Independence Day", "month": 7, "day": 4, "observed": "nearestWeekday" },
                { "name": "Thanksgiving Day", "month": 11, "weekday": "thursday", "nth": 4 },
                { "name": "Memorial Day", "month": 5, "weekday": "monday", "nth": "last" },
                { "name": "Easter Monday", "easter": 1 }
              ],
              "closures": ["2026-02-03"],
              "specialHours": [
                { "date": "2026-12-24", "hours": [["08:00", "12:00"]] },
                { "date": "2026-07-04", "hours": [["10:00", "14:00"]] }
              ]
            }
            """#
        let expected = try BusinessCalendar(
            timeZone: "America/New_York",
            weeklyHours: WeeklyHours([
                .monday: [WorkingInterval("08:00", "12:00"), WorkingInterval("13:00", "17:00")],
                .tuesday: [WorkingInterval("08:00", "17:00")],
                .saturday: [WorkingInterval("09:00", "24:00")],
            ]),
            holidays: [
                Holiday("Independence Day", .fixed(month: 7, day: 4), observed: .nearestWeekday),
                Holiday("Thanksgiving Day", .nthWeekday(4, .thursday, month: 11)),
                Holiday("Memorial Day", .lastWeekday(.monday, month: 5)),
                Holiday("Easter Monday", .easter(offset: 1)),
            ],
            closures: [LocalDate(year: 2026, month: 2, day: 3)],
            specialHours: [
                SpecialHours(
                    date: LocalDate(year: 2026, month: 12, day: 24),
                    intervals: [WorkingInterval("08:00", "12:00")]
                ),
                SpecialHours(
                    date: LocalDate(year: 2026, month: 7, day: 4),
                    intervals: [WorkingInterval("10:00", "14:00")]
                ),
            ]
        )
        let loaded = try Self.load(text)
        #expect(loaded == expected)
        #expect(loaded.specialHours.map(\.date.description) == ["2026-07-04", "2026-12-24"])
        let newYork = ZonedInstants("America/New_York")
        #expect(!loaded.isOpen(at: newYork(2026, 5, 25, 10, 0)))
        #expect(loaded.isOpen(at: newYork(2026, 5, 26, 10, 0)))
        // Easter Monday moves: 6 April 2026, 29 March 2027.
        #expect(!loaded.isOpen(at: newYork(2026, 4, 6, 10, 0)) && loaded.isOpen(at: newYork(2026, 3, 30, 10, 0)))
        #expect(!loaded.isOpen(at: newYork(2027, 3, 29, 10, 0)) && loaded.isOpen(at: newYork(2027, 4, 5, 10, 0)))
    }

    @Test func holidaysAndClosuresAreOptionalAndAroundTheClockIsAWord() throws {
        let loaded = try Self.load(#"{ "timeZone": "Europe/London", "weeklyHours": "24x7" }"#)
        #expect(loaded == (try BusinessCalendar.twentyFourSeven(timeZone: "Europe/London")))
    }

    @Test func loadsACatalogOfNamedCalendars() throws {
        let text = #"""
            {
              "calendars": {
                "call-center": { "timeZone": "America/New_York", "weeklyHours": "24x7" },
                "public-works": { "timeZone": "America/New_York", "weeklyHours": { "monday": [["07:00", "15:30"]] } }
              }
            }
            """#
        let catalog = try BusinessCalendar.loadCatalog(from: Data(text.utf8))
        #expect(catalog.keys.sorted() == ["call-center", "public-works"])
        #expect(catalog["call-center"] == (try BusinessCalendar.twentyFourSeven(timeZone: "America/New_York")))
        #expect(catalog["public-works"]?.weeklyHours[.monday] == [try WorkingInterval("07:00", "15:30")])
    }

    /// Each invalid document, the path of the problem and a word of its reason.
    static let invalidDocuments: [(String, String, String)] = [
        (document(timeZone: #""Mars/Olympus_Mons""#), "$.timeZone", "unknown time zone"),
        (document(timeZone: #""""#), "$.timeZone", "must not be empty"),
        (document(weeklyHours: #"{ "monday": [["8:00", "17:00"]] }"#), "$.weeklyHours.monday[0][0]", "HH:MM"),
        (document(weeklyHours: #"{ "monday": [["08:00", "25:00"]] }"#), "$.weeklyHours.monday[0][1]", "not a time"),
        (document(weeklyHours: #"{ "monday": [["08:00", "24:30"]] }"#), "$.weeklyHours.monday[0][1]", "not a time"),
        (document(weeklyHours: #"{ "monday": [["17:00", "08:00"]] }"#), "$.weeklyHours.monday[0]", "not after"),
        (document(weeklyHours: #"{ "monday": [["08:00", "08:00"]] }"#), "$.weeklyHours.monday[0]", "not after"),
        (document(weeklyHours: #"{ "monday": [["08:00", "12:00", "13:00"]] }"#), "$.weeklyHours.monday[0]", "pair"),
        (
            document(weeklyHours: #"{ "monday": [["08:00", "12:00"], ["13:00", "17:00"], ["11:00", "14:00"]] }"#),
            "$.weeklyHours.monday[2]", "overlaps"
        ),
        (document(weeklyHours: #"{ "funday": [["08:00", "17:00"]] }"#), "$.weeklyHours.funday", "unknown weekday"),
        (document(weeklyHours: #"{}"#), "$.weeklyHours", "at least one"),
        (document(weeklyHours: #""24/7""#), "$.weeklyHours", "24x7"),
        (document(holidays: #"[{ "name": "X", "month": 13, "day": 1 }]"#), "$.holidays[0].month", "between 1 and 12"),
        (document(holidays: #"[{ "name": "X", "month": 4, "day": 31 }]"#), "$.holidays[0].day", "between 1 and 30"),
        (document(holidays: #"[{ "name": "X", "month": 2, "day": 29 }]"#), "$.holidays[0].day", "February 29"),
        (
            document(holidays: #"[{ "name": "X", "month": 11, "weekday": "thursday", "nth": 6 }]"#),
            "$.holidays[0].nth", "between 1 and 4"
        ),
        (
            document(holidays: #"[{ "name": "X", "month": 11, "weekday": "thursday", "nth": "first" }]"#),
            "$.holidays[0].nth", "last"
        ),
        (
            document(holidays: #"[{ "name": "X", "month": 11, "weekday": "thursdays", "nth": 4 }]"#),
            "$.holidays[0].weekday", "weekday"
        ),
        (document(holidays: #"[{ "name": "X", "month": 11, "weekday": "thursday" }]"#), "$.holidays[0].nth", "missing"),
        (
            document(holidays: #"[{ "name": "X", "month": 7, "day": 4, "weekday": "friday", "nth": 1 }]"#),
            "$.holidays[0]", "not both"
        ),
        (document(holidays: #"[{ "name": "X", "month": 7 }]"#), "$.holidays[0]", "either"),
        (
            document(holidays: #"[{ "name": "X", "month": 7, "day": 4, "observed": "friday" }]"#),
            "$.holidays[0].observed", "nearestWeekday"
        ),
        (document(holidays: #"[{ "name": " ", "month": 7, "day": 4 }]"#), "$.holidays[0].name", "empty"),
        (
            document(holidays: #"[{ "name": "X", "month": 7, "day": 4, "date": "07-04" }]"#), "$.holidays[0].date",
            "unknown key"
        ),
        (document(closures: #"["2026-2-3"]"#), "$.closures[0]", "YYYY-MM-DD"),
        (document(closures: #"["2026-02-30"]"#), "$.closures[0]", "not a date"),
        (document(closures: #"["2026-02-03", "2026-02-03"]"#), "$.closures[1]", "already"),
        (document(closures: #"["1960-02-03"]"#), "$.closures[0]", "supported years"),
        (
            document(extra: #", "specialHours": [{ "date": "2026-12-24", "hours": [] }]"#),
            "$.specialHours[0].hours", "at least one"
        ),
        (
            document(
                extra:
                    #", "specialHours": [{ "date": "2026-12-24", "hours": [["08:00", "12:00"], ["11:00", "13:00"]] }]"#
            ),
            "$.specialHours[0].hours[1]", "overlaps"
        ),
        (
            document(extra: #", "specialHours": [{ "date": "2026-12-24", "hours": [["08:00", "7:00"]] }]"#),
            "$.specialHours[0].hours[0][1]", "HH:MM"
        ),
        (
            document(extra: #", "specialHours": [{ "date": "2026-12-32", "hours": [["08:00", "12:00"]] }]"#),
            "$.specialHours[0].date", "not a date"
        ),
        (
            document(
                extra:
                    #", "specialHours": [{ "date": "2026-12-24", "hours": [["08:00", "12:00"]] }, { "date": "2026-12-24", "hours": [["09:00", "10:00"]] }]"#
            ),
            "$.specialHours[1].date", "already has special hours"
        ),
        (
            document(
                closures: #"["2026-12-24"]"#,
                extra: #", "specialHours": [{ "date": "2026-12-24", "hours": [["08:00", "12:00"]] }]"#
            ),
            "$.specialHours[0].date", "also a closure"
        ),
        (
            document(
                extra: #", "specialHours": [{ "date": "2026-12-24", "hours": [["08:00", "12:00"]], "note": "eve" }]"#
            ),
            "$.specialHours[0].note", "unknown key"
        ),
        (
            document(holidays: #"[{ "name": "Good Friday", "easter": -70 }]"#), "$.holidays[0].easter",
            "between -60 and 60"
        ),
        (
            document(holidays: #"[{ "name": "Good Friday", "easter": -2, "month": 4 }]"#), "$.holidays[0]",
            "not both"
        ),
        (document(holidays: #"[{ "name": " ", "easter": -2 }]"#), "$.holidays[0].name", "empty"),
        (document(extra: #", "timezone": "UTC""#), "$.timezone", "unknown key"),
        (#"{ "weeklyHours": "24x7" }"#, "$.timeZone", "missing"),
        ("[]", "$", "expected an object"),
    ]

    @Test(arguments: invalidDocuments)
    func reportsTheProblemWithItsPathAndLoadsNothing(text: String, path: String, reason: String) throws {
        let error = #expect(throws: ConfigurationError.self) { try Self.load(text) }
        #expect(error?.code == .invalidDocument)
        let issue = error?.issues.first { $0.path == path }
        #expect(issue != nil, "no issue at \(path) in \(error?.issues ?? [])")
        #expect(issue?.reason.contains(reason) == true, "\(issue?.reason ?? "") does not mention \(reason)")
        #expect(error?.issues.count == 1 || path == "$.timeZone", "\(error?.issues ?? [])")
    }

    @Test func reportsEveryProblemInOneRun() {
        let text = Self.document(
            timeZone: #""Mars/Olympus_Mons""#,
            weeklyHours: #"{ "monday": [["08:00", "12:00"], ["11:00", "17:00"]], "tuesday": [["9:00", "17:00"]] }"#,
            holidays:
                #"[{ "name": "X", "month": 13, "weekday": "monday", "nth": 6 }, { "name": "Y", "month": 2, "day": 30 }]"#,
            closures: #"["2026-13-01"]"#,
            extra: #", "notes": "snow""#
        )
        let error = #expect(throws: ConfigurationError.self) { try Self.load(text) }
        #expect(
            Set(error?.issues.map(\.path) ?? []) == [
                "$.notes", "$.timeZone", "$.weeklyHours.monday[1]", "$.weeklyHours.tuesday[0][0]",
                "$.holidays[0].month", "$.holidays[0].nth", "$.holidays[1].day", "$.closures[0]",
            ]
        )
    }

    @Test func aCatalogLoadsNothingWhenOneCalendarIsWrong() {
        let text = #"""
            {
              "calendars": {
                "call-center": { "timeZone": "America/New_York", "weeklyHours": "24x7" },
                "parks": { "timeZone": "America/New_York", "weeklyHours": { "monday": [["07:00", "5:30"]] } },
                " ": { "timeZone": "America/New_York", "weeklyHours": "24x7" }
              }
            }
            """#
        let error = #expect(throws: ConfigurationError.self) { try BusinessCalendar.loadCatalog(from: Data(text.utf8)) }
        #expect(error?.issues.map(\.path) == ["$.calendars. ", "$.calendars.parks.weeklyHours.monday[0][1]"])
    }

    @Test func malformedJSON() {
        let error = #expect(throws: ConfigurationError.self) { try Self.load(#"{ "timeZone": "#) }
        #expect(error?.code == .malformedDocument)
    }
}
