import Foundation
import Testing

@testable import Civic311Open311

@Suite struct GeoReportDateTimeTests {
    @Test(arguments: [
        ("1994-11-05T08:15:30-05:00", "1994-11-05T13:15:30Z"),
        ("1994-11-05T13:15:30Z", "1994-11-05T13:15:30Z"),
        ("1994-11-05t13:15:30z", "1994-11-05T13:15:30Z"),
        ("2014-07-12T10:58:43.000Z", "2014-07-12T10:58:43Z"),
        ("2010-04-14T06:37:38.25-08:00", "2010-04-14T14:37:38.250Z"),
        ("2012-09-18T15:37-05", "2012-09-18T20:37:00Z"),
        ("2011-09-1 17:35", "2011-09-01T17:35:00Z"),
        ("2018-07-30T00:01:00+0200", "2018-07-29T22:01:00Z"),
        ("  2020-02-29T00:00:00Z\n", "2020-02-29T00:00:00Z"),
        ("2020-03-01", "2020-03-01T00:00:00Z"),
        ("1969-12-31T23:59:59Z", "1969-12-31T23:59:59Z"),
        ("2016-12-31T23:59:60Z", "2016-12-31T23:59:59Z"),
    ])
    func readsTheFormsServersSend(text: String, expected: String) {
        #expect(GeoReportDateTime.parse(text) == utc(expected))
    }

    @Test(arguments: [
        "", "yesterday", "2019-02-29T00:00:00Z", "2020-13-01T00:00:00Z", "2020-01-01T25:00:00Z",
        "2020-01-01T10:61:00Z", "2020-01-01T10:00:00+15:00", "2020-01-01T10:00:00Zjunk", "2020-01-01T10:00:00.Z",
        "20-01-01", "2020-01-01T", "2020-01-01T24:00:01Z",
    ])
    func refusesWhatIsNoDate(text: String) {
        #expect(GeoReportDateTime.parse(text) == nil)
    }

    @Test func writesStrictUTCWithMillisecondsOnlyWhenThereAreAny() {
        #expect(GeoReportDateTime.format(utc("1994-11-05T13:15:30Z")) == "1994-11-05T13:15:30Z")
        #expect(GeoReportDateTime.format(Date(timeIntervalSince1970: 1_700_000_000.123)) == "2023-11-14T22:13:20.123Z")
        #expect(GeoReportDateTime.format(Date(timeIntervalSince1970: -1)) == "1969-12-31T23:59:59Z")
        #expect(GeoReportDateTime.format(Date(timeIntervalSince1970: .nan)) == "1970-01-01T00:00:00Z")
    }

    @Test func wholeMillisecondInstantsRoundTripExactly() {
        // Civic311 keeps instants truncated to whole milliseconds; every such instant reads back
        // equal.
        // A fixed walk over 200 years in uneven steps, so every millisecond digit occurs.
        for milliseconds in stride(from: Int64(-2_000_000_000_000), through: 4_000_000_000_000, by: 2_999_999_977) {
            let instant = Date(timeIntervalSince1970: Double(milliseconds) / 1000)
            #expect(GeoReportDateTime.parse(GeoReportDateTime.format(instant)) == instant)
        }
    }

    @Test func daysAndCivilDatesAgree() {
        for day in stride(from: Int64(-800_000), through: 800_000, by: 997) {
            let (year, month, dayOfMonth) = GeoReportDateTime.civil(fromDays: day)
            #expect(GeoReportDateTime.days(year: year, month: month, day: dayOfMonth) == day)
        }
    }
}
