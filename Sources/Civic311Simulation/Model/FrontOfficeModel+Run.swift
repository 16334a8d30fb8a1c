import Civic311

extension FrontOfficeModel {
    /// Simulates the configured days with `seed`, handing each service request to `sink` as it is
    /// created.
    ///
    /// The same model, seed and sink behaviour give a bit-identical result on every platform.
    ///
    /// - Throws: whatever the sink throws; the run stops there.
    public func run<Sink: ServiceRequestSink>(seed: UInt64, sink: inout Sink) throws(Sink.Failure) -> FrontOfficeResult
    {
        var state = FrontOfficeRun(model: self, seed: seed)
        try state.run(sink: &sink)
        return state.result(seed: seed)
    }

    /// Simulates the configured days with `seed`; service requests appear only in the records.
    public func run(seed: UInt64) -> FrontOfficeResult {
        var sink = DiscardingServiceRequestSink()
        return run(seed: seed, sink: &sink)
    }
}

extension FrontOfficeRun {
    func result(seed: UInt64) -> FrontOfficeResult {
        let config = model.configuration
        let length = config.reportingInterval.seconds
        let threshold = config.serviceLevelThreshold
        var intervals = (0..<intervalStaffed.count).map {
            IntervalStatistics(
                start: Double($0) * length,
                length: length,
                serviceLevelThreshold: threshold,
                shortAbandons: config.shortAbandons
            )
        }
        for record in records {
            let index = min(Int(record.arrivedAt / length), intervals.count - 1)
            intervals[index].add(record)
        }
        var totals = IntervalStatistics(
            start: 0,
            length: model.horizon,
            serviceLevelThreshold: threshold,
            shortAbandons: config.shortAbandons
        )
        for index in intervals.indices {
            intervals[index].staffedAgentSeconds = intervalStaffed[index]
            intervals[index].busyAgentSeconds = intervalBusy[index]
            totals.merge(intervals[index])
        }
        let agents = staffedSeconds.indices.map {
            AgentStatistics(
                handledCalls: handledCalls[$0],
                staffedSeconds: staffedSeconds[$0],
                busySeconds: busySeconds[$0]
            )
        }
        return FrontOfficeResult(
            seed: seed,
            contacts: records,
            intervalLength: config.reportingInterval,
            intervals: intervals,
            totals: totals,
            agents: agents,
            serviceRequestsCreated: serviceRequests,
            eventsProcessed: engine.deliveredEvents,
            closedAt: engine.now
        )
    }
}
