extension BusinessTimeline {
    /// Where an instant falls: its local day and what kind of day that is.
    struct Placement {
        let day: Int
        /// ``DailyTally/exceptionIndex(atOrAfter:)`` of `day` in ``BusinessTimeline/openTime``.
        let exceptionIndex: Int
        /// The day's group in ``BusinessTimeline/exactHours``, or -1.
        let exactGroup: Int
        /// A holiday or closure on an ordinary day.
        let isClosed: Bool
        /// Seconds since local midnight; meaningful on ordinary days only.
        let secondOfDay: Double
    }

    func place(_ instant: Double) -> Placement {
        let local = instant + zone.offset(atUTC: instant)
        let day = Self.day(ofLocal: local)
        let secondOfDay = local - Double(day) * Self.secondsPerDay
        var index = openTime.exceptionIndex(atOrAfter: day)
        guard index < openTime.days.count, openTime.days[index] == day else {
            return Placement(
                day: day,
                exceptionIndex: index,
                exactGroup: -1,
                isClosed: false,
                secondOfDay: secondOfDay
            )
        }
        let group = exactGroups[index]
        guard group >= 0 else {
            return Placement(
                day: day,
                exceptionIndex: index,
                exactGroup: -1,
                isClosed: true,
                secondOfDay: secondOfDay
            )
        }
        // When clocks go back across midnight (00:01 → 23:01 in St. John's until 2011), the repeated
        // hour's second occurrence has the earlier wall-clock date but falls in the next day's UTC span.
        // (Never the other way: a day's span starts at the earliest occurrence of its midnight.)
        if instant >= exactDayEnds[group], index + 1 < exactGroups.count,
            openTime.days[index + 1] == day + 1, exactGroups[index + 1] >= 0
        {
            index += 1
        }
        return Placement(
            day: openTime.days[index],
            exceptionIndex: index,
            exactGroup: exactGroups[index],
            isClosed: false,
            secondOfDay: secondOfDay
        )
    }

    func isOpen(at instant: Double) -> Bool {
        let place = place(instant)
        if place.exactGroup >= 0 { return exactHours.contains(instant, in: place.exactGroup) }
        return !place.isClosed && week.contains(place.secondOfDay, in: place.day.floorModulo(7))
    }

    /// Seconds of open time from 1970-01-01 (local) to `instant`: business time between two instants is
    /// the difference of their totals.
    func openTime(before instant: Double) -> Double {
        let place = place(instant)
        let before = openTime.total(before: place.day, exceptionIndex: place.exceptionIndex)
        if place.exactGroup >= 0 {
            return before + exactHours.length(before: instant, in: place.exactGroup)
        }
        if place.isClosed { return before }
        return before + week.length(before: place.secondOfDay, in: place.day.floorModulo(7))
    }

    /// The earliest instant by which the open-time total reaches `value`.
    func instant(reachingOpenTime value: Double) -> Double {
        let (day, withinDay, exceptionIndex) = openTime.day(reaching: value)
        // A day reached through the exceptions has open time, so it has exact hours.
        if let exceptionIndex, exactGroups[exceptionIndex] >= 0 {
            return exactHours.time(reaching: withinDay, in: exactGroups[exceptionIndex])
        }
        let second = week.time(reaching: withinDay, in: day.floorModulo(7))
        return zone.utc(forLocal: Double(day) * Self.secondsPerDay + second)
    }

    /// The first open instant at or after `instant`.
    func nextOpening(atOrAfter instant: Double) -> Double {
        let place = place(instant)
        if let opening = openingWithinDay(place, atOrAfter: instant) { return opening }
        return opening(of: businessDays.day(reaching: businessDays.total(before: place.day + 1) + 1).day)
    }

    /// The closing instant of the `count`th business day after the one on which `instant` is handled:
    /// the day of the first opening at or after `instant`.
    func closing(businessDays count: Int, after instant: Double) -> Double {
        let place = place(instant)
        // Business days before the intake day, which is this day if it still opens, else the next one.
        let intakeDay = openingWithinDay(place, atOrAfter: instant) == nil ? place.day + 1 : place.day
        let target = businessDays.day(reaching: businessDays.total(before: intakeDay) + Double(count) + 1).day
        return closing(of: target)
    }

    /// `instant` if open, else the next opening on the same day, or `nil` if the day has no more.
    private func openingWithinDay(_ place: Placement, atOrAfter instant: Double) -> Double? {
        if place.exactGroup >= 0 {
            return exactHours.nextOpening(atOrAfter: instant, in: place.exactGroup)
        }
        guard !place.isClosed,
            let second = week.nextOpening(atOrAfter: place.secondOfDay, in: place.day.floorModulo(7))
        else { return nil }
        // An ordinary day has one offset throughout, so local and UTC differences agree.
        return instant + (second - place.secondOfDay)
    }

    /// The first opening of business day `day`.
    private func opening(of day: Int) -> Double {
        if let group = exactGroup(of: day) { return exactHours.first(group) ?? 0 }
        return zone.utc(forLocal: Double(day) * Self.secondsPerDay + (week.first(day.floorModulo(7)) ?? 0))
    }

    /// The last closing of business day `day`.
    private func closing(of day: Int) -> Double {
        if let group = exactGroup(of: day) { return exactHours.last(group) ?? 0 }
        return zone.utc(forLocal: Double(day) * Self.secondsPerDay + (week.last(day.floorModulo(7)) ?? 0))
    }

    private func exactGroup(of day: Int) -> Int? {
        let index = openTime.exceptionIndex(atOrAfter: day)
        guard index < openTime.days.count, openTime.days[index] == day, exactGroups[index] >= 0 else {
            return nil
        }
        return exactGroups[index]
    }
}
