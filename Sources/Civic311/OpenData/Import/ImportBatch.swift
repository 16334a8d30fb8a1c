import Foundation

/// The rows an import has read since its last store command, and how they are stored: opened in
/// one ``RequestStore/open(batch:)``, their later events appended in one
/// ``RequestStore/append(batch:)``.
struct ImportBatch {
    /// Why a batch could not be stored; the importer turns it into an ``OpenDataImportError``.
    struct Failure: Error {
        let code: OpenDataImportError.Code
        let reason: String
        let storageError: StorageError?
    }

    /// A row with its ticket and opening, ready for the store.
    private struct Prepared {
        let row: ImportRow
        let contact: Contact
        let opening: RequestEvent
    }

    var mapper: ImportRowMapper
    let issuer: TicketIssuer
    let importer: OpenDataImporter
    private(set) var rows: [ImportRow] = []
    /// The line of the first record read since the last store command.
    private var firstLine: Int?
    private var lastLine = 0
    /// The public closing note of rows without a resolution note, per status text.
    private var closingNotes: [String: String] = [:]

    init(mapper: ImportRowMapper, issuer: TicketIssuer, importer: OpenDataImporter) {
        self.mapper = mapper
        self.issuer = issuer
        self.importer = importer
        rows.reserveCapacity(importer.options.batchSize)
    }

    private var mapping: ImportMapping { importer.mapping }

    /// Reads the reader's current record into the batch, or reports why it is refused.
    mutating func take(_ reader: CSVReader, into report: inout ImportReport) {
        if firstLine == nil { firstLine = reader.line }
        lastLine = reader.line
        switch mapper.map(reader) {
        case .refused(let problem):
            refuse(problem, in: &report)
        case .row(let row):
            // Index lookups: no copy of the catalog's records per row.
            guard importer.jurisdiction.serviceTypeIndex[row.serviceType] != nil else {
                refuse(
                    row,
                    .unknownServiceType,
                    mapping.serviceType.columns.first,
                    "service type '\(row.serviceType)' (from '\(row.serviceTypeKey)') is not in \(importer.jurisdiction.name)",
                    in: &report
                )
                return
            }
            guard importer.jurisdiction.knownDepartmentName(row.department) != nil else {
                refuse(
                    row,
                    .unknownDepartment,
                    mapping.department.columns.first,
                    "department '\(row.department)' (from '\(row.departmentKey)') is not in \(importer.jurisdiction.name)",
                    in: &report
                )
                return
            }
            rows.append(row)
        }
    }

    /// Stores the rows read since the last call. On success the report's resume line moves past
    /// them; on failure it stays at the first of them.
    mutating func flush(into report: inout ImportReport) async throws(Failure) {
        guard let first = firstLine else { return }
        report.resumeLine = first
        var prepared: [Prepared] = []
        prepared.reserveCapacity(rows.count)
        for row in rows {
            if let item = try prepare(row, in: &report) { prepared.append(item) }
        }
        if !prepared.isEmpty {
            var batchOpened = true
            do {
                _ = try await importer.store.open(batch: prepared.map { ($0.contact, $0.opening) })
            } catch  where error.code == .duplicate {
                batchOpened = false
            } catch {
                throw Self.storeFailure(error)
            }
            if batchOpened {
                try await appendEvents(of: prepared, into: &report)
            } else {
                // A row imported before, or twice in this batch: one by one, each decided alone.
                for item in prepared { try await storeAlone(item, into: &report) }
            }
        }
        report.lastLine = lastLine
        report.resumeLine = lastLine + 1
        rows.removeAll(keepingCapacity: true)
        firstLine = nil
    }

    // MARK: Building

    /// The row's ticket, contact and opening event; `nil` (reported) when no due date can be set.
    private func prepare(_ row: ImportRow, in report: inout ImportReport) throws(Failure) -> Prepared? {
        let serviceLevel: ServiceLevelCommitment
        if let due = row.due {
            serviceLevel = ServiceLevelCommitment(resolutionDueAt: due, policy: importer.duePolicy)
        } else {
            do {
                // take(_:into:) checked that the service type exists.
                guard let type = importer.jurisdiction.serviceType(row.serviceType) else { return nil }
                serviceLevel = try importer.serviceLevels.commitment(
                    for: type,
                    priority: .normal,
                    department: row.department,
                    receivedAt: row.created
                )
            } catch {
                refuse(row, .serviceLevel, mapping.due?.column, "no due date could be set: \(error)", in: &report)
                return nil
            }
        }
        let ticket: TicketNumber
        do {
            let instant: Date =
                switch importer.options.ticketTime {
                case .created: max(row.created, TicketNumber.epoch)
                case .importClock: importer.options.clock.now()
                }
            ticket = try issuer.issue(at: instant)
        } catch {
            throw Failure(code: .ticketsUnavailable, reason: error.reason, storageError: nil)
        }
        let opening = RequestOpening(
            serviceType: row.serviceType,
            kind: .serviceRequest,
            description: row.description,
            location: row.address == nil && row.coordinate == nil
                ? nil : Location(address: row.address, coordinate: row.coordinate),
            answers: [],
            submitter: nil,
            channel: row.channel,
            priority: .normal,
            routing: RoutingDecision(department: row.department, queue: row.queue, explanation: importer.explanation),
            serviceLevel: serviceLevel,
            clientRequestID: "\(mapping.referenceSystem):\(row.sourceID)"
        )
        let event = RequestEvent(
            ticket: ticket,
            sequence: 1,
            recordedAt: row.created,
            actor: .system,
            change: .opened(opening),
            fromState: nil,
            toState: .new,
            visibility: .public
        )
        return Prepared(row: row, contact: opening.contact(ticket: ticket, receivedAt: row.created), opening: event)
    }

    /// The events after the opening that bring the request to the row's state.
    private mutating func events(for row: ImportRow, ticket: TicketNumber, withReference: Bool) -> [RequestEvent] {
        var events: [RequestEvent] = []
        events.reserveCapacity(4)
        var state = RequestState.new
        let actor = Participant.integration(mapping.referenceSystem, department: row.department)
        func add(_ change: RequestChange, at instant: Date, to target: RequestState, _ visibility: Visibility = .public)
        {
            events.append(
                RequestEvent(
                    ticket: ticket,
                    sequence: events.count + 2,
                    recordedAt: instant,
                    actor: actor,
                    change: change,
                    fromState: state,
                    toState: target,
                    visibility: visibility
                )
            )
            state = target
        }
        if withReference {
            let reference = ExternalReference(
                system: mapping.referenceSystem,
                identifier: row.sourceID,
                recordedAt: row.created
            )
            add(.externalReferenceAdded(reference), at: row.created, to: .new, .internal)
        }
        let finished = row.closed ?? row.created
        switch row.outcome.state {
        case .new:
            break
        case .assigned:
            add(.accepted, at: row.created, to: .assigned)
        case .inProgress:
            add(.started, at: row.created, to: .inProgress)
        case .onHold:
            add(.started, at: row.created, to: .inProgress)
            add(.putOnHold(reason: note(for: row)), at: row.created, to: .onHold)
        case .resolved:
            add(.started, at: row.created, to: .inProgress)
            add(.resolved(note: note(for: row)), at: finished, to: .resolved)
        case .closed:
            let reason = row.outcome.closeReason ?? .completed
            if reason == .completed { add(.started, at: row.created, to: .inProgress) }
            add(.closed(Closure(reason: reason, note: note(for: row))), at: finished, to: .closed)
        }
        return events
    }

    /// The row's resolution note, or words saying what the source recorded.
    private mutating func note(for row: ImportRow) -> String {
        if let note = row.resolutionNote { return note }
        if let note = closingNotes[row.statusText] { return note }
        let note = "Recorded as '\(row.statusText)' in \(mapping.name) open data."
        closingNotes[row.statusText] = note
        return note
    }

    // MARK: Storing

    private mutating func appendEvents(of prepared: [Prepared], into report: inout ImportReport) async throws(Failure) {
        var entries: [(events: [RequestEvent], expectedVersion: Int)] = []
        entries.reserveCapacity(prepared.count)
        for item in prepared {
            entries.append((events(for: item.row, ticket: item.opening.ticket, withReference: true), 1))
        }
        let results: [Result<ServiceRequest, StorageError>]
        do {
            results = try await importer.store.append(batch: entries)
        } catch {
            throw Self.storeFailure(error)
        }
        for (item, result) in zip(prepared, results) {
            switch result {
            case .success(let request):
                imported(item.row, request.state, into: &report)
            case .failure(let error):
                try await settle(item, ticket: item.opening.ticket, refusedWith: error, into: &report)
            }
        }
    }

    /// Opens and completes one row alone: the path of a batch that held a duplicate.
    private mutating func storeAlone(_ item: Prepared, into report: inout ImportReport) async throws(Failure) {
        let ticket: TicketNumber
        do {
            ticket = try await importer.store.open(item.contact, request: item.opening).ticket
        } catch  where error.code == .duplicate {
            guard let key = ClientRequestKey(opening: item.opening), let holder = try await holder(of: key) else {
                throw Failure(
                    code: .storeFailed,
                    reason:
                        "ticket \(item.opening.ticket) is already stored: another writer issues numbers on ticket node \(importer.options.ticketNode)",
                    storageError: error
                )
            }
            guard holder.version == 1 else {
                refuse(
                    item.row,
                    .duplicate,
                    mapping.sourceID,
                    "source ID '\(item.row.sourceID)' was imported before, as ticket \(holder.ticket)",
                    in: &report
                )
                return
            }
            // Opened by an import that failed before it appended the events: finish it.
            ticket = holder.ticket
        } catch {
            throw Self.storeFailure(error)
        }
        try await complete(item, ticket: ticket, withReference: true, into: &report)
    }

    private func holder(of key: ClientRequestKey) async throws(Failure) -> ServiceRequest? {
        do {
            return try await importer.store.request(key)
        } catch {
            throw Self.storeFailure(error)
        }
    }

    /// Appends a row's later events to its opened request.
    private mutating func complete(
        _ item: Prepared,
        ticket: TicketNumber,
        withReference: Bool,
        into report: inout ImportReport
    ) async throws(Failure) {
        let events = events(for: item.row, ticket: ticket, withReference: withReference)
        guard !events.isEmpty else {
            imported(item.row, .new, into: &report)
            return
        }
        do {
            let request = try await importer.store.append(events, expectedVersion: 1)
            imported(item.row, request.state, into: &report)
        } catch  where error.refusesOneEntry {
            try await settle(item, ticket: ticket, refusedWith: error, into: &report)
        } catch {
            throw Self.storeFailure(error)
        }
    }

    /// Decides a row whose events the store refused: without the reference when another request
    /// holds it, otherwise reported.
    private mutating func settle(
        _ item: Prepared,
        ticket: TicketNumber,
        refusedWith error: StorageError,
        into report: inout ImportReport
    ) async throws(Failure) {
        guard error.code == .duplicate else {
            refuse(item.row, .refusedByStore, nil, error.message, in: &report)
            return
        }
        var row = item.row
        row.repairs.append(
            ImportRowProblem(
                line: row.line,
                sourceID: row.sourceID,
                code: .externalReferenceTaken,
                column: mapping.sourceID,
                reason:
                    "another request already holds external reference \(mapping.referenceSystem) \(row.sourceID); imported without it",
                isImported: true
            )
        )
        let without = Prepared(row: row, contact: item.contact, opening: item.opening)
        let events = events(for: row, ticket: ticket, withReference: false)
        guard !events.isEmpty else {
            imported(row, .new, into: &report)
            return
        }
        do {
            let request = try await importer.store.append(events, expectedVersion: 1)
            imported(without.row, request.state, into: &report)
        } catch  where error.refusesOneEntry {
            refuse(row, .refusedByStore, nil, error.message, in: &report)
        } catch {
            throw Self.storeFailure(error)
        }
    }

    // MARK: Reporting

    private func imported(_ row: ImportRow, _ state: RequestState, into report: inout ImportReport) {
        report.imported += 1
        report.importedByState[state, default: 0] += 1
        for repair in row.repairs { report.record(repair, keepingAtMost: importer.options.maximumProblemsKept) }
    }

    private func refuse(_ problem: ImportRowProblem, in report: inout ImportReport) {
        report.refused += 1
        report.record(problem, keepingAtMost: importer.options.maximumProblemsKept)
    }

    private func refuse(
        _ row: ImportRow,
        _ code: ImportRowProblem.Code,
        _ column: String?,
        _ reason: String,
        in report: inout ImportReport
    ) {
        refuse(
            ImportRowProblem(
                line: row.line,
                sourceID: row.sourceID,
                code: code,
                column: column,
                reason: reason,
                isImported: false
            ),
            in: &report
        )
    }

    private static func storeFailure(_ error: StorageError) -> Failure {
        Failure(code: .storeFailed, reason: "the store failed: \(error.message)", storageError: error)
    }
}
