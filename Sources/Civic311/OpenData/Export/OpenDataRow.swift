import Foundation

/// One request as open data publishes it: public values only, free text scrubbed, the location
/// generalised for its service type. Built from ``PublicServiceRequest``, the one public view.
struct OpenDataRow {
    var ticket: TicketNumber
    var created: Date
    var closed: Date?
    var department: DepartmentID
    var departmentName: String
    var serviceType: ServiceTypeCode
    var serviceTypeName: String
    var descriptor: String?
    var description: String?
    var status: String
    var resolution: String?
    var resolutionUpdated: Date?
    var locationPrecision: LocationPublishing
    var address: String?
    var latitude: Double?
    var longitude: Double?
    /// Decimal places of ``latitude`` and ``longitude``.
    var coordinateDecimals: Int
    var district: String?
    var channel: Channel
    var due: Date
    var onTime: Bool?
}

extension OpenDataRow {
    /// The row of `request`, or `nil` for a request open data leaves out: a private service type,
    /// or one that has left the catalog (whose privacy cannot be known).
    init?(_ request: ServiceRequest, settings: OpenDataExport.RowSettings, asOf: Date) {
        guard let serviceType = settings.jurisdiction.serviceType(request.serviceType), !serviceType.isPrivate else {
            return nil
        }
        // The submitter's details, prepared once for the view's texts and the address.
        let known = settings.scrubber.prepared(request.submitter)
        let view = PublicServiceRequest(request, in: settings.jurisdiction, scrubbing: settings.scrubber, known: known)
        ticket = request.ticket
        created = request.createdAt
        closed = request.closedAt
        department = request.department
        departmentName = view.departmentName
        self.serviceType = request.serviceType
        serviceTypeName = view.serviceTypeName
        descriptor = Self.descriptor(request.answers, of: serviceType)
        description = view.description
        status = view.status
        resolution = view.notes.last?.text
        resolutionUpdated = view.notes.last?.writtenAt
        channel = request.channel
        due = request.dueAt
        onTime = Self.onTime(request, asOf: asOf, engine: settings.serviceLevels)
        // The location, as much of it as the service type publishes.
        let precision = serviceType.publicLocation
        locationPrecision = precision
        address = nil
        latitude = nil
        longitude = nil
        coordinateDecimals = 0
        district = nil
        let coordinate = request.location?.coordinate
        if precision != .withheld, let coordinate, let districts = settings.districts {
            district = districts.name(containing: coordinate, kind: settings.districtKind)
        }
        switch precision {
        case .exact, .block:
            // The view scrubbed phone numbers and e-mail addresses from the address; open data
            // also removes the submitter's name, even where a street bears it.
            let scrubbed = view.address.map { settings.nameScrubber.scrub($0, known: known) }
            if precision == .exact {
                address = scrubbed
                coordinateDecimals = 5
            } else {
                address = scrubbed.flatMap(BlockAddress.generalising)
                coordinateDecimals = 3
            }
            latitude = coordinate?.latitude
            longitude = coordinate?.longitude
        case .district, .withheld:
            break
        }
    }

    /// The labels of the answers chosen from lists, in question order.
    private static func descriptor(_ answers: [Answer], of serviceType: ServiceType) -> String? {
        var labels: [String] = []
        for answer in answers {
            guard let question = serviceType.question(answer.question) else { continue }
            func label(_ value: String) -> String {
                question.choices.first { $0.value == value }?.label ?? value
            }
            switch answer.value {
            case .choice(let value): labels.append(label(value))
            case .choices(let values): labels += values.map(label)
            case .text, .number, .dateTime, .yesNo: continue
            }
        }
        return labels.isEmpty ? nil : labels.joined(separator: "; ")
    }

    /// Met, missed or not yet known, counted as ``ComplianceReport`` counts it.
    private static func onTime(_ request: ServiceRequest, asOf: Date, engine: ServiceLevelEngine?) -> Bool? {
        let finished = request.resolvedAt ?? (request.closure?.reason == .completed ? request.closedAt : nil)
        if finished == nil, !request.state.isOpen { return nil }
        let effectiveDue = engine?.reading(for: request, at: asOf).effectiveDueAt ?? calendarDue(request, asOf: asOf)
        if let finished { return finished <= effectiveDue }
        return effectiveDue < asOf ? false : nil
    }

    /// The due date with waits on the resident added, in calendar time: for a jurisdiction
    /// without service levels of its own, whose due dates are the catalog's calendar targets.
    private static func calendarDue(_ request: ServiceRequest, asOf: Date) -> Date {
        let end = request.state.isOpen ? asOf : (request.resolvedAt ?? request.closedAt ?? asOf)
        var paused: TimeInterval = 0
        for hold in request.holds where hold.start < end { paused += min(hold.end, end).timeIntervalSince(hold.start) }
        if let start = request.holdStartedAt, start < end { paused += end.timeIntervalSince(start) }
        return request.dueAt.addingTimeInterval(paused)
    }
}

extension DistrictMap {
    /// The name (or, without one, the id) of the first district of `kind` (any kind when `nil`)
    /// containing `point`.
    func name(containing point: Coordinate, kind: DistrictKind?) -> String? {
        guard let lookup = try? locate(point, nearBoundaryWithin: 0) else { return nil }
        for position in lookup.containing {
            let district = districts[position]
            if let kind, district.kind != kind { continue }
            return district.name ?? district.id
        }
        return nil
    }
}
