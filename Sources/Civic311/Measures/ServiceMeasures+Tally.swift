import Foundation

extension ServiceMeasures {
    /// The running counts every figure is read from, fed one contact and one history at a time,
    /// so neither path holds more than one history.
    struct Tally {
        let asOf: Date
        let filter: MeasureFilter
        let calendars: [String: BusinessCalendar]
        var onTime = OnTimeMeasure()
        var firstContact = FirstContactMeasure()
        var forwarding = ForwardingMeasure()
        var reopening = ReopenMeasure()
        var visits = TimeInStateMeasure.Samples()
        var backlog: BacklogMeasure
        var volume: VolumeMeasure
        /// Follow-up contacts received by the as-of date, per request; filled before any history.
        private var followUps: [TicketNumber: Int] = [:]

        init(
            asOf: Date,
            filter: MeasureFilter,
            residents: Int?,
            serviceLevels: ServiceLevelEngine?,
            backlogAgeBounds: [TimeInterval]
        ) throws(MeasureError) {
            try ServiceMeasures.validate(asOf: asOf, filter: filter)
            if let residents, residents <= 0 {
                throw MeasureError(.invalidArgument, field: "residents", reason: "must be positive, got \(residents)")
            }
            try BacklogMeasure.validate(backlogAgeBounds)
            self.asOf = asOf
            self.filter = filter
            calendars = serviceLevels?.calendars ?? [:]
            backlog = BacklogMeasure(bounds: backlogAgeBounds)
            volume = VolumeMeasure(residents: residents)
        }

        /// Counts a contact received by the as-of date: general information and referrals now,
        /// follow-ups with the request they follow. Opening contacts are the requests' own.
        mutating func add(_ contact: Contact) {
            guard contact.receivedAt <= asOf else { return }
            switch contact.callType {
            case .generalInformation, .referral:
                firstContact.add(unlinked: contact, filter: filter)
            case .serviceRequest(_, let request) where request != contact.ticket:
                // Department and service type are the request's, checked with its history.
                guard filter.matchesReceipt(contact) else { return }
                followUps[request, default: 0] += 1
            case .serviceRequest:
                break
            }
        }

        /// Counts one request's history, read as of the as-of date.
        mutating func add(_ history: [RequestEvent]) throws(MeasureError) {
            if let first = history.first, !filter.mayMatch(opening: first) { return }
            guard let request = try ServiceMeasures.request(history, asOf: asOf), filter.matches(request) else {
                return
            }
            if request.master != nil {
                volume.mergedDuplicates += 1
                return
            }
            volume.requests += 1
            onTime.add(request, asOf: asOf, calendars: calendars)
            firstContact.add(request, followUps: followUps[request.ticket] ?? 0)
            backlog.add(request, asOf: asOf)
            let count = request.version
            visits.add(history, count: count)
            var reassignments = 0
            var finishedOnce = false
            for event in history[1..<count] {
                switch event.change {
                case .reassigned: reassignments += 1
                case .resolved: finishedOnce = true
                case .closed(let closure):
                    if case .duplicate = closure.reason {} else { finishedOnce = true }
                default: break
                }
            }
            forwarding.add(returns: request.returnCount, reassignments: reassignments)
            reopening.add(finishedOnce: finishedOnce, reopenCount: request.reopenCount)
        }
    }
}
