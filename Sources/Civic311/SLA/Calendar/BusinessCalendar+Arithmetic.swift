import Foundation

extension BusinessCalendar {
    /// Whether the calendar is open at `instant`.
    ///
    /// Working intervals include their start and exclude their end: an office open 08:00–17:00 is open
    /// at 08:00:00 and closed at 17:00:00.
    public func isOpen(at instant: Date) -> Bool { timeline.isOpen(at: Self.seconds(instant)) }

    /// The first instant at or after `instant` at which the calendar is open: `instant` itself when open,
    /// else the start of the next working interval (skipping closed days).
    public func nextOpening(atOrAfter instant: Date) -> Date {
        Date(timeIntervalSince1970: timeline.nextOpening(atOrAfter: Self.seconds(instant)))
    }

    /// The due date of a step that starts at `instant` and is allowed `duration`.
    ///
    /// - Business minutes and hours count open time only. The due date is the earliest instant at which
    ///   that much open time has passed since `instant`, so a duration that ends exactly at closing time
    ///   is due at closing (17:00), not at the next opening. From a closed instant the count starts at
    ///   the next opening: Saturday + 1 business hour is Monday 09:00 for an office opening at 08:00.
    /// - Business days: a request is handled on the day of the first opening at or after `instant`
    ///   (received during working hours: that day; after hours, at a weekend or on a holiday: the next
    ///   business day). N business days later means the close of business (the end of the last working
    ///   interval) of the Nth business day after that day. So, for a Monday–Friday 08:00–17:00 office,
    ///   1 business day from Monday 10:00, from Monday 07:30 and from Sunday all give Tuesday 17:00, and
    ///   from Monday 17:00 (closed) it gives Wednesday 17:00. A business day is any day with working
    ///   hours that is not closed.
    /// - Calendar durations are plain elapsed time added to `instant`, whatever the calendar.
    public func date(byAdding duration: SLADuration, to instant: Date) -> Date {
        let start = Self.seconds(instant)
        guard duration.isBusinessTime else {
            return Date(timeIntervalSince1970: start + Double(duration.amount) * (duration.unit.seconds ?? 0))
        }
        guard let unitSeconds = duration.unit.seconds else {
            return Date(timeIntervalSince1970: timeline.closing(businessDays: duration.amount, after: start))
        }
        let target = timeline.openTime(before: start) + Double(duration.amount) * unitSeconds
        return Date(timeIntervalSince1970: timeline.instant(reachingOpenTime: target))
    }

    /// The earliest instant at which `seconds` of open time have passed since `instant`; with zero
    /// seconds, `instant` itself. Use it to resume a paused SLA clock with the business time it had left.
    ///
    /// - Throws: ``ValidationError`` (`businessTime`) when `seconds` is negative, not finite, or more
    ///   than ``SLADuration/maximumDays`` days.
    public func date(byAddingBusinessTime seconds: TimeInterval, to instant: Date) throws(ValidationError) -> Date {
        guard seconds.isFinite, seconds >= 0, seconds <= Double(SLADuration.maximumDays) * 86_400 else {
            throw ValidationError(
                .outOfRange,
                field: "businessTime",
                reason: "must be between 0 and \(SLADuration.maximumDays) days in seconds, got \(seconds)"
            )
        }
        guard seconds > 0 else { return instant }
        let start = Self.seconds(instant)
        return Date(
            timeIntervalSince1970: timeline.instant(reachingOpenTime: timeline.openTime(before: start) + seconds)
        )
    }

    /// The open time between `start` and `end`, in seconds: what an SLA clock that runs in business hours
    /// shows. Negative when `end` is before `start`, so that intervals add up (pause and resume
    /// accounting subtracts the paused spans).
    public func businessTime(from start: Date, to end: Date) -> TimeInterval {
        timeline.openTime(before: Self.seconds(end)) - timeline.openTime(before: Self.seconds(start))
    }

    /// Seconds since 1970, limited to years 1 through 9999 so that day arithmetic cannot overflow on
    /// absurd dates (`Date.distantFuture` is within range; infinities and NaN are not).
    private static func seconds(_ date: Date) -> Double {
        let seconds = date.timeIntervalSince1970
        let range = Date.supportedSeconds
        guard seconds >= range.lowerBound else { return range.lowerBound }
        return min(seconds, range.upperBound)
    }
}
