import Civic311

extension FrontOfficeModel {
    /// The expected agent workload per planning interval over the run: calls that reach an agent queue
    /// (phone, not resolved in the IVR) and their mean handle time (talk, warm-transfer hold and
    /// after-call work), from the profile, the surges and the mixes. Feed it to ``StaffingPlan`` to
    /// staff the simulated day.
    ///
    /// With ``ArrivalCount/exactly(_:)`` the volumes are scaled to that count. Means are the
    /// distributions' means (a normal is not corrected for its clamping at zero).
    public func agentForecast(intervalLength: IntervalLength) -> [ForecastInterval] {
        let config = configuration
        let channelTotal = FrontOfficeModel.simulatedChannels.reduce(0) { $0 + (config.channelShares[$1] ?? 0) }
        let phone = (config.channelShares[.phone] ?? 0) / channelTotal
        let handle = CallType.Kind.allCases.map { type -> Double in
            var mean = talk[type.ordinal].mean + afterCallWork[type.ordinal].mean
            if type == .referral { mean += warmTransfer.share * warmTransfer.hold.mean }
            return mean
        }
        let answeredShare = CallType.Kind.allCases.map { 1 - deflection[$0.ordinal] }
        var previousSubtype = 0.0
        let subtypeShares = serviceRequestSubtypeCumulative.map { bound -> Double in
            let share = min(bound, 1) - previousSubtype
            previousSubtype = min(bound, 1)
            return share
        }
        var scale = 1.0
        if case .exactly(let count) = config.arrivalCount {
            let expected = expectedContacts
            scale = expected > 0 ? Double(count) / expected : 0
        }
        let length = intervalLength.seconds
        let count = Int(horizon / length)
        var forecast: [ForecastInterval] = []
        forecast.reserveCapacity(count)
        for index in 0..<count {
            var calls = 0.0
            var work = 0.0
            // 15-minute pieces never straddle a knot of the rate (hour boundaries and midpoints), so the
            // midpoint rule is exact for both shapes.
            var pieceStart = Double(index) * length
            while pieceStart < Double(index + 1) * length {
                let middle = pieceStart + 450
                let hour = min(Int(middle / 3600), hours - 1)
                let table = classTables[classTableOfHour[hour]]
                let contacts = config.arrivals.rate(at: middle, startDay: config.startDay) * 900 * scale * phone
                var weights = Array(repeating: 0.0, count: CallType.Kind.allCases.count)
                weights[CallType.Kind.generalInformation.ordinal] = table.general
                weights[CallType.Kind.referral.ordinal] = table.referral
                let serviceRequests = table.serviceTypeCumulative.last ?? 0
                for (position, type) in CallType.Kind.serviceRequestKinds.enumerated() {
                    weights[type.ordinal] = serviceRequests * subtypeShares[position]
                }
                for type in CallType.Kind.allCases {
                    let agentCalls = contacts * weights[type.ordinal] * answeredShare[type.ordinal]
                    calls += agentCalls
                    work += agentCalls * handle[type.ordinal]
                }
                pieceStart += 900
            }
            forecast.append(ForecastInterval(calls: calls, averageHandleTime: calls > 0 ? work / calls : 0))
        }
        return forecast
    }
}
