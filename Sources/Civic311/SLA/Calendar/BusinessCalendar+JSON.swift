import Foundation

extension BusinessCalendar {
    /// Loads a calendar document:
    ///
    /// ```json
    /// {
    ///   "timeZone": "America/New_York",
    ///   "weeklyHours": {
    ///     "monday": [["08:00", "12:00"], ["13:00", "17:00"]],
    ///     "tuesday": [["08:00", "17:00"]]
    ///   },
    ///   "holidays": [
    ///     { "name": "Independence Day", "month": 7, "day": 4, "observed": "nearestWeekday" },
    ///     { "name": "Thanksgiving Day", "month": 11, "weekday": "thursday", "nth": 4 },
    ///     { "name": "Memorial Day", "month": 5, "weekday": "monday", "nth": "last" }
    ///   ],
    ///   "closures": ["2026-02-03"],
    ///   "specialHours": [{ "date": "2026-12-24", "hours": [["08:00", "12:00"]] }]
    /// }
    /// ```
    ///
    /// - `timeZone` (required): an IANA time zone identifier.
    /// - `weeklyHours` (required): the string `"24x7"`, or an object keyed by weekday (`monday` …
    ///   `sunday`); a weekday that is absent is a day off. Each interval is a pair of `"HH:MM"` times,
    ///   the end after the start (`"24:00"` allowed as an end); a day's intervals must not overlap.
    /// - `holidays` (optional): each has a `name`, and either a `month` (1–12) with a `day` (a fixed
    ///   date) or with a `weekday` and an `nth` (1–4 or `"last"`), or `easter`, the days from Easter
    ///   Sunday (−60 to 60: `-2` is Good Friday); `observed` is `sameDay` (the default),
    ///   `nearestWeekday` or `followingMonday`.
    /// - `closures` (optional): `"YYYY-MM-DD"` dates within ``supportedYears``, each once.
    /// - `specialHours` (optional): each has a `date` (`"YYYY-MM-DD"` within ``supportedYears``, each
    ///   once, never also a closure) and its `hours`, intervals as in `weeklyHours`, at least one;
    ///   they replace the weekly hours on that date, even on a holiday.
    ///
    /// - Throws: ``ConfigurationError`` listing every problem with its JSON path (unknown keys included);
    ///   nothing is loaded.
    public static func load(from data: Data) throws(ConfigurationError) -> BusinessCalendar {
        try JSONNode.load(data) { read($0) }
    }

    /// Loads a catalog of named calendars, one per department plus the call center, and returns them
    /// by name:
    ///
    /// ```json
    /// { "calendars": { "call-center": { "timeZone": "America/New_York", "weeklyHours": "24x7" },
    ///                  "public-works": { … a calendar document … } } }
    /// ```
    ///
    /// - Throws: ``ConfigurationError`` listing every problem in every calendar with its JSON path; no
    ///   calendar is loaded.
    public static func loadCatalog(from data: Data) throws(ConfigurationError) -> [String: BusinessCalendar] {
        try JSONNode.load(data) { readCatalog($0) }
    }

    /// Reads a catalog object, logging every problem; `nil` if there was any.
    package static func readCatalog(_ node: JSONNode) -> [String: BusinessCalendar]? {
        guard node.expectObject() else { return nil }
        node.rejectUnknownKeys(["calendars"])
        return node.member("calendars").flatMap(readNamed)
    }

    /// Reads an object of named calendars (`{ "<name>": <calendar document>, … }`), logging every
    /// problem; `nil` if there was any. Routing and service-level documents embed one.
    package static func readNamed(_ list: JSONNode) -> [String: BusinessCalendar]? {
        guard list.expectObject(), case .object(let members) = list.value else { return nil }
        var calendars: [String: BusinessCalendar] = [:]
        var complete = true
        for name in members.keys.sorted() {
            guard let child = list.member(name) else { continue }
            if name.isBlank {
                child.issue("a calendar name must not be empty")
                complete = false
            } else if let calendar = read(child) {
                calendars[name] = calendar
            } else {
                complete = false
            }
        }
        return complete ? calendars : nil
    }

    /// Reads a calendar object, logging every problem; `nil` if there was any.
    package static func read(_ node: JSONNode) -> BusinessCalendar? {
        let issuesBefore = node.log.issues.count
        guard node.expectObject() else { return nil }
        node.rejectUnknownKeys(["timeZone", "weeklyHours", "holidays", "closures", "specialHours"])
        let timeZone = node.member("timeZone").flatMap(readTimeZone)
        let weeklyHours = node.member("weeklyHours").flatMap(readWeeklyHours)
        let holidays = node.has("holidays") ? node.array("holidays").flatMap { all($0.map(readHoliday)) } : []
        let closures = node.has("closures") ? node.array("closures").flatMap(readClosures) : []
        let specialHours =
            node.has("specialHours")
            ? node.array("specialHours").flatMap { readSpecialHours($0, closures: closures ?? []) } : []
        // Nothing is built once anything in this calendar is wrong (unknown keys included).
        guard let timeZone, let weeklyHours, let holidays, let closures, let specialHours,
            node.log.issues.count == issuesBefore
        else {
            return nil
        }
        do {
            return try BusinessCalendar(
                timeZone: timeZone,
                weeklyHours: weeklyHours,
                holidays: holidays,
                closures: closures,
                specialHours: specialHours
            )
        } catch {
            // Every rule the initializer checks has been checked above with its path; this is a backstop.
            node.issue(at: error.field, error.reason)
            return nil
        }
    }

    /// All the values, or `nil` if any is missing (its problem is already logged).
    private static func all<Value>(_ values: [Value?]) -> [Value]? {
        let present = values.compactMap(\.self)
        return present.count == values.count ? present : nil
    }

    private static func readTimeZone(_ node: JSONNode) -> String? {
        guard let identifier = node.nonEmptyStringValue else { return nil }
        do {
            _ = try timeZone(named: identifier)
            return identifier
        } catch {
            node.issue(error.reason)
            return nil
        }
    }

    // MARK: Weekly hours

    private static func readWeeklyHours(_ node: JSONNode) -> WeeklyHours? {
        if case .string(let text) = node.value {
            guard text == "24x7" else {
                node.issue("expected an object of weekday hours or \"24x7\", found \"\(text)\"")
                return nil
            }
            return .twentyFourSeven
        }
        guard node.expectObject(), case .object(let members) = node.value else { return nil }
        var hours: [Weekday: [WorkingInterval]] = [:]
        var complete = true
        for (key, value) in members.sorted(by: { $0.key < $1.key }) {
            let day = JSONNode(value, path: node.childPath(key), log: node.log)
            guard let weekday = Weekday(rawValue: key) else {
                day.issue(
                    "unknown weekday; expected one of \(Weekday.allCases.map(\.rawValue).joined(separator: ", "))"
                )
                complete = false
                continue
            }
            guard let elements = day.arrayValue, let intervals = all(elements.map(readInterval)) else {
                complete = false
                continue
            }
            for overlap in WeeklyHours.overlaps(in: intervals) {
                elements[overlap.index].issue(overlap.reason)
                complete = false
            }
            hours[weekday] = intervals
        }
        guard complete else { return nil }
        do {
            let weeklyHours = try WeeklyHours(hours)
            guard !weeklyHours.isClosedAllWeek else {
                node.issue(noWorkingHours.reason)
                return nil
            }
            return weeklyHours
        } catch {
            node.issue(error.reason)
            return nil
        }
    }

    private static func readInterval(_ node: JSONNode) -> WorkingInterval? {
        guard let times = node.arrayValue else { return nil }
        guard times.count == 2 else {
            node.issue("expected a pair of times [\"HH:MM\", \"HH:MM\"], found \(times.count) values")
            return nil
        }
        guard let start = readTime(times[0]), let end = readTime(times[1]) else { return nil }
        do {
            return try WorkingInterval(from: start, to: end)
        } catch {
            node.issue(error.reason)
            return nil
        }
    }

    private static func readTime(_ node: JSONNode) -> TimeOfDay? {
        guard let text = node.stringValue else { return nil }
        do {
            return try TimeOfDay(parsing: text)
        } catch {
            node.issue(error.reason)
            return nil
        }
    }

    // MARK: Holidays

    private static func readHoliday(_ node: JSONNode) -> Holiday? {
        guard node.expectObject() else { return nil }
        node.rejectUnknownKeys(["name", "month", "day", "weekday", "nth", "easter", "observed"])
        let name = node.string("name")
        let observance = node.member("observed", required: false).map(readObservance) ?? .sameDay
        if node.has("easter") {
            let others = ["month", "day", "weekday", "nth"].filter(node.has)
            if !others.isEmpty {
                node.issue(
                    "give either \"easter\" or a month-based date, not both (found \(others.joined(separator: ", ")))"
                )
            }
            let rule = node.int("easter").flatMap { offset in
                checked(node) { () throws(ValidationError) in try HolidayRule.easter(offset: offset) }
            }
            guard others.isEmpty, let name, let rule, let observance else { return nil }
            return checked(node) { () throws(ValidationError) in try Holiday(name, rule, observed: observance) }
        }
        let month = node.int("month").flatMap { month in
            checked(node, "month") { () throws(ValidationError) -> Int in
                try HolidayRule.checkMonth(month)
                return month
            }
        }
        let rule: HolidayRule?
        switch (node.has("day"), node.has("weekday") || node.has("nth")) {
        case (true, false):
            let day = node.int("day")
            if let month, let day {
                rule = checked(node) { () throws(ValidationError) in try HolidayRule.fixed(month: month, day: day) }
            } else {
                rule = nil
            }
        case (false, true):
            let weekday = node.member("weekday").flatMap(readWeekday)
            let nth = node.member("nth").flatMap(readNth)
            if let month, let weekday, let nth {
                rule = checked(node) { () throws(ValidationError) in
                    try nth == 0
                        ? HolidayRule.lastWeekday(weekday, month: month)
                        : HolidayRule.nthWeekday(nth, weekday, month: month)
                }
            } else {
                rule = nil
            }
        case (true, true):
            node.issue("give either \"day\" (a fixed date) or \"weekday\" and \"nth\", not both")
            rule = nil
        case (false, false):
            node.issue("needs either \"day\" (a fixed date), \"weekday\" and \"nth\", or \"easter\"")
            rule = nil
        }
        guard let name, let rule, let observance else { return nil }
        return checked(node) { () throws(ValidationError) in try Holiday(name, rule, observed: observance) }
    }

    /// Runs `body`, logging a validation error at `node`'s member named by the error (or `field`).
    private static func checked<Value>(
        _ node: JSONNode,
        _ field: String? = nil,
        _ body: () throws(ValidationError) -> Value
    ) -> Value? {
        do {
            return try body()
        } catch {
            node.issue(at: field ?? error.field, error.reason)
            return nil
        }
    }

    /// 1 through 4, or 0 for `"last"`.
    private static func readNth(_ node: JSONNode) -> Int? {
        if case .string(let text) = node.value {
            guard text == "last" else {
                node.issue("expected 1 to 4 or \"last\", found \"\(text)\"")
                return nil
            }
            return 0
        }
        guard let nth = node.intValue else { return nil }
        do {
            try HolidayRule.checkNth(nth)
            return nth
        } catch {
            node.issue(error.reason)
            return nil
        }
    }

    private static func readWeekday(_ node: JSONNode) -> Weekday? {
        guard let text = node.stringValue else { return nil }
        guard let weekday = Weekday(rawValue: text) else {
            node.issue("expected a weekday (monday…sunday), found \"\(text)\"")
            return nil
        }
        return weekday
    }

    private static func readObservance(_ node: JSONNode) -> HolidayObservance? {
        guard let text = node.stringValue else { return nil }
        guard let observance = HolidayObservance(rawValue: text) else {
            let expected = HolidayObservance.allCases.map(\.rawValue).joined(separator: ", ")
            node.issue("expected one of \(expected), found \"\(text)\"")
            return nil
        }
        return observance
    }

    // MARK: Closures

    private static func readClosures(_ elements: [JSONNode]) -> [LocalDate]? {
        var parsed: [(node: JSONNode, date: LocalDate)] = []
        for element in elements {
            if let date = readDate(element) { parsed.append((element, date)) }
        }
        let problems = closureProblems(parsed.map(\.date))
        for problem in problems { parsed[problem.index].node.issue(problem.reason) }
        return parsed.count == elements.count && problems.isEmpty ? parsed.map(\.date) : nil
    }

    // MARK: Special hours

    private static func readSpecialHours(_ elements: [JSONNode], closures: [LocalDate]) -> [SpecialHours]? {
        var parsed: [(node: JSONNode, special: SpecialHours)] = []
        for element in elements {
            guard element.expectObject() else { continue }
            element.rejectUnknownKeys(["date", "hours"])
            let date = element.member("date").flatMap(readDate)
            let hours = element.member("hours").flatMap { hours -> [WorkingInterval]? in
                guard let intervals = hours.arrayValue else { return nil }
                return all(intervals.map(readInterval))
            }
            guard let date, let hours else { continue }
            do {
                parsed.append((element, try SpecialHours(date: date, intervals: hours)))
            } catch {
                element.issue(at: error.field.replacingOccurrences(of: "intervals", with: "hours"), error.reason)
            }
        }
        let problems = specialHoursProblems(parsed.map(\.special), closures: closures)
        for problem in problems { parsed[problem.index].node.issue(at: "date", problem.reason) }
        return parsed.count == elements.count && problems.isEmpty ? parsed.map(\.special) : nil
    }

    private static func readDate(_ node: JSONNode) -> LocalDate? {
        guard let text = node.stringValue else { return nil }
        do {
            return try LocalDate(parsing: text)
        } catch {
            node.issue(error.reason)
            return nil
        }
    }
}
