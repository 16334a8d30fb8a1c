import Civic311
import Foundation

extension GeoReportServiceRequest {
    /// The GeoReport record of a Civic311 request: its public view, never personal data.
    ///
    /// - `service_request_id` is the ticket number; `requested_datetime` when it was opened;
    ///   `expected_datetime` the due date the service level promised; `agency_responsible` the
    ///   department that owns it now.
    /// - `status` is `open` while a department still owes work, `closed` once it is resolved or
    ///   closed; `status_notes` carries the state in words and the latest public note
    ///   (`In progress: Crew scheduled for Tuesday.`).
    /// - `updated_datetime` is the close time of a closed request, the last change otherwise.
    /// - Description, address and coordinate are left out for private service types, as in the
    ///   public view; the submitter, answers and internal notes never appear.
    ///
    /// ``GeoReportExtendedAttributes/init(_:in:)`` adds the full state and every public note.
    public init(_ request: ServiceRequest, in jurisdiction: Jurisdiction) {
        let view = PublicServiceRequest(request, in: jurisdiction)
        // The same rule the public view applies to address and description.
        let isPrivate = jurisdiction.serviceType(request.serviceType)?.isPrivate ?? true
        let coordinate = isPrivate ? nil : request.location?.coordinate
        var notes = view.status
        if let latest = view.notes.last { notes += ": " + latest.text }
        self.init(
            id: GeoReportRequestID(view.ticket.description),
            status: view.state.isOpen ? .open : .closed,
            statusNotes: notes,
            serviceName: view.serviceTypeName,
            serviceCode: view.serviceType,
            description: view.description,
            agencyResponsible: view.departmentName,
            serviceNotice: view.state.isOpen
                ? GeoReportServiceNotice.text(
                    department: view.departmentName,
                    expectedBy: view.expectedBy,
                    timeZone: jurisdiction.timeZone
                ) : nil,
            requestedAt: view.createdAt,
            updatedAt: view.closedAt ?? request.updatedAt,
            expectedAt: view.expectedBy,
            address: view.address,
            latitude: coordinate?.latitude,
            longitude: coordinate?.longitude
        )
    }

    /// The Civic311 state this record describes: from `extended_attributes.detailed_status`
    /// when present, else from the words Civic311 writes in `status_notes`, else `new` for an
    /// open request and `closed` for a closed one.
    public var lifecycleState: RequestState {
        if let detailed = extendedAttributes?.detailedStatus,
            let state = RequestState(geoReportDetailedStatus: detailed)
        {
            return state
        }
        if let notes = statusNotes {
            let label = notes.split(separator: ":", maxSplits: 1).first.map(String.init) ?? notes
            if let state = RequestState.allCases.first(where: { $0.publicLabel == label }) { return state }
        }
        return status == .closed ? .closed : .new
    }
}

extension GeoReportExtendedAttributes {
    /// The detail GeoReport's two statuses cannot carry, for the `extensions=true` form of a
    /// Civic311 record: the lifecycle state (`in_progress`, `on_hold`, …) and every public note,
    /// oldest first. Only public notes: internal notes never leave the center.
    public init(_ request: ServiceRequest, in jurisdiction: Jurisdiction) {
        let view = PublicServiceRequest(request, in: jurisdiction)
        self.init(
            detailedStatus: view.state.geoReportDetailedStatus,
            notes: view.notes.map { Note(writtenAt: $0.writtenAt, text: $0.text, type: "public_note") }
        )
    }
}

extension PublicServiceRequest {
    /// The public view a Civic311 record read over GeoReport describes: the inverse of
    /// ``Civic311Open311/GeoReportServiceRequest/init(_:in:)`` (with its extended attributes, every field comes
    /// back; without, the notes are those of `extended_attributes`, if any).
    ///
    /// - Throws: `ValidationError` when the record is not a Civic311 request: its id is no
    ///   ticket number, or `expected_datetime` is missing.
    public init(_ record: GeoReportServiceRequest) throws(ValidationError) {
        guard let id = record.id else {
            throw ValidationError(.missingValue, field: "service_request_id", reason: "the record has no id")
        }
        let ticket: TicketNumber
        do {
            ticket = try TicketNumber(parsing: id.rawValue)
        } catch {
            throw ValidationError(
                .invalidValue,
                field: "service_request_id",
                reason: "'\(id)' is not a ticket number: \(error.reason)"
            )
        }
        guard let expectedBy = record.expectedAt else {
            throw ValidationError(.missingValue, field: "expected_datetime", reason: "a Civic311 record always has one")
        }
        let state = record.lifecycleState
        self.init(
            ticket: ticket,
            serviceType: record.serviceCode,
            serviceTypeName: record.serviceName ?? record.serviceCode.rawValue,
            state: state,
            departmentName: record.agencyResponsible ?? "",
            description: record.description,
            address: record.address,
            createdAt: record.requestedAt,
            expectedBy: expectedBy,
            closedAt: state == .closed ? record.updatedAt : nil,
            notes: (record.extendedAttributes?.notes ?? []).map { StatusNote(text: $0.text, writtenAt: $0.writtenAt) }
        )
    }
}

extension RequestState {
    /// The state as `detailed_status` spells it.
    var geoReportDetailedStatus: String {
        switch self {
        case .new: "new"
        case .assigned: "assigned"
        case .inProgress: "in_progress"
        case .onHold: "on_hold"
        case .resolved: "resolved"
        case .closed: "closed"
        }
    }

    init?(geoReportDetailedStatus text: String) {
        guard let state = Self.allCases.first(where: { $0.geoReportDetailedStatus == text.lowercased() }) else {
            return nil
        }
        self = state
    }
}
