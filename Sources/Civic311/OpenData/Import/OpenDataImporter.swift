import Foundation

/// Imports a city's open-data CSV export into a ``RequestStore``: each row becomes a request with
/// its real creation and closing times, its state, its due date and channel, and its source ID as
/// an ``ExternalReference``.
///
/// ```
/// let importer = try OpenDataImporter(mapping: .boston, jurisdiction: boston, store: store)
/// let report = try await importer.importFile(at: url)
/// ```
///
/// **The jurisdiction.** Every row's service type and department must exist in `jurisdiction`;
/// a row whose code is not there is refused and reported (`unknownServiceType`,
/// `unknownDepartment`). To import a city without a catalog, build one from the file first with
/// ``ImportSurvey``.
///
/// **What is stored.** The opening event (at the row's creation time, by ``Participant/system``)
/// carries the service type, the department and queue, the channel, the description, the address
/// and coordinate, and the service level: due at the row's due date when the layout has one and
/// the row fills it, otherwise as the jurisdiction's service levels say. Then, by the department's
/// system (``Participant/integration(_:department:)``): the external reference, and the events that
/// lead to the row's state: accepted (assigned), started (in progress), started and put on hold
/// (on hold), started and resolved (resolved), started and closed as completed, or closed without
/// action. A file knows two instants: work starts at creation, and the request is resolved or
/// closed at the closing time. The public closing note is the row's resolution note, or says that
/// the source closed it.
///
/// **Duplicates.** The opening carries the client request ID `referenceSystem:sourceID`, which
/// the store keeps unique, and the reference is kept unique by the store too: importing a row a
/// second time stores nothing and reports it (`duplicate`, naming the first ticket).
///
/// **Tickets.** Each row gets a universal ``TicketNumber`` from a ``TicketIssuer`` on
/// ``Options/ticketNode``, resumed from the store, issued at the row's creation time
/// (``Options/TicketTime/created``), so numbers read as the day the resident called when
/// the file runs in time order from 2020 on. The scheme cannot say more: a number never goes below
/// one its node issued and starts on 2020-01-01, so rows before 2020 are numbered from that day,
/// and a row older than the row before it carries that row's later second. The request's
/// ``ServiceRequest/createdAt`` always has the true time. Give imports a node no live process uses.
///
/// **Problems and failures.** A row the importer cannot take is refused, reported with its line
/// and a code (``ImportRowProblem``), and the import goes on. A failure of the store is thrown
/// (``OpenDataImportError``) with a report of how far the import got; importing again from
/// ``ImportReport/resumeLine`` continues, and completes any request the failed batch opened but
/// did not finish.
public struct OpenDataImporter: Sendable {
    /// How an import numbers, batches and reports.
    public struct Options: Sendable {
        /// Which instant a row's ticket number is issued at.
        public enum TicketTime: Hashable, Sendable {
            /// The row's creation time (from 2020-01-01 on; see ``OpenDataImporter``).
            case created
            /// The moment of the import, by ``Options/clock``.
            case importClock
        }

        /// The ticket node of the import's numbers, 0–99.
        public var ticketNode: Int
        public var ticketTime: TicketTime
        /// The clock for ``TicketTime/importClock``.
        public var clock: any WallClock
        /// Rows per store command (``RequestStore/open(batch:)``, ``RequestStore/append(batch:)``),
        /// 1–100,000.
        public var batchSize: Int
        /// Sets the due date of rows without one; `nil` for the jurisdiction's
        /// ``Jurisdiction/serviceLevels``, else the catalog's targets.
        public var serviceLevels: (any ServiceLevelPolicy)?
        /// How many problems the report lists; the rest are counted.
        public var maximumProblemsKept: Int

        public init(
            ticketNode: Int = 99,
            ticketTime: TicketTime = .created,
            clock: any WallClock = SystemWallClock(),
            batchSize: Int = 1000,
            serviceLevels: (any ServiceLevelPolicy)? = nil,
            maximumProblemsKept: Int = 10_000
        ) {
            self.ticketNode = ticketNode
            self.ticketTime = ticketTime
            self.clock = clock
            self.batchSize = batchSize
            self.serviceLevels = serviceLevels
            self.maximumProblemsKept = maximumProblemsKept
        }
    }

    public let mapping: ImportMapping
    public let jurisdiction: Jurisdiction
    public let store: any RequestStore
    public let options: Options
    let serviceLevels: any ServiceLevelPolicy
    /// Every imported request's routing explanation: one shared array.
    let explanation: [String]
    /// The policy named by due dates read from the file: one shared string.
    let duePolicy: String

    /// An importer of files in `mapping`'s layout into `store`, for `jurisdiction`.
    ///
    /// - Throws: ``ConfigurationError`` when the mapping breaks its rules (``ImportMapping/validate()``);
    ///   ``ValidationError`` for a ticket node outside 0–99 (`options.ticketNode`), a batch size
    ///   outside 1–100,000 (`options.batchSize`) or a negative problem limit
    ///   (`options.maximumProblemsKept`).
    public init(
        mapping: ImportMapping,
        jurisdiction: Jurisdiction,
        store: any RequestStore,
        options: Options = Options()
    ) throws {
        try mapping.validate()
        guard (0...TicketNumber.maximumNode).contains(options.ticketNode) else {
            throw ValidationError(
                .outOfRange,
                field: "options.ticketNode",
                reason: "must be between 0 and 99, got \(options.ticketNode)"
            )
        }
        guard (1...100_000).contains(options.batchSize) else {
            throw ValidationError(
                .outOfRange,
                field: "options.batchSize",
                reason: "must be between 1 and 100000, got \(options.batchSize)"
            )
        }
        guard options.maximumProblemsKept >= 0 else {
            throw ValidationError(
                .outOfRange,
                field: "options.maximumProblemsKept",
                reason: "must not be negative, got \(options.maximumProblemsKept)"
            )
        }
        self.mapping = mapping
        self.jurisdiction = jurisdiction
        self.store = store
        self.options = options
        serviceLevels = options.serviceLevels ?? jurisdiction.serviceLevels ?? CatalogServiceLevels()
        explanation = ["imported from \(mapping.name) open data"]
        duePolicy = "open-data:\(mapping.name)"
    }

    /// Imports a CSV file, read in chunks (constant memory whatever its size).
    ///
    /// - Parameters:
    ///   - url: the CSV file, in the mapping's layout, header row first.
    ///   - line: records starting before this line are skipped (counted in
    ///     ``ImportReport/skipped``): pass a failed import's ``ImportReport/resumeLine``.
    /// - Throws: ``OpenDataImportError`` when the file cannot be read, its header lacks a
    ///   required column, no ticket can be issued or the store fails, and with code
    ///   ``OpenDataImportError/Code/invalidArgument`` for a `line` below 1, before reading any
    ///   record; its report says how far the import got.
    public func importFile(at url: URL, resumingAt line: Int = 1) async throws(OpenDataImportError) -> ImportReport {
        let reader: CSVReader
        do {
            reader = try CSVReader(fileAt: url)
        } catch {
            throw OpenDataImportError(.unreadableInput, reason: error.message, report: ImportReport())
        }
        return try await run(reader, resumingAt: line)
    }

    /// Imports CSV text already in memory; otherwise as ``importFile(at:resumingAt:)``.
    public func importCSV(_ bytes: [UInt8], resumingAt line: Int = 1) async throws(OpenDataImportError) -> ImportReport
    {
        try await run(CSVReader(bytes: bytes), resumingAt: line)
    }

    private func run(_ source: CSVReader, resumingAt resumeLine: Int) async throws(OpenDataImportError) -> ImportReport
    {
        var reader = source
        var report = ImportReport()
        func fail(
            _ code: OpenDataImportError.Code,
            _ reason: String,
            _ error: StorageError? = nil
        ) -> OpenDataImportError {
            report.rowsRead = report.imported + report.refused
            report.problems.sort { $0.line < $1.line }
            return OpenDataImportError(code, reason: reason, report: report, storageError: error)
        }
        guard resumeLine >= 1 else {
            throw fail(.invalidArgument, "resumingAt: must be a line number, 1 or more, got \(resumeLine)")
        }
        let hasHeader: Bool
        do {
            hasHeader = try reader.next()
        } catch {
            throw fail(.unreadableInput, error.message)
        }
        guard hasHeader else { throw fail(.missingHeader, "the file is empty: no header row") }
        let mapper: ImportRowMapper
        switch ImportRowMapper.make(mapping: mapping, header: reader.fields, readsNames: false) {
        case .success(let made): mapper = made
        case .failure(let missing):
            throw fail(
                .missingColumn,
                "the header has no column \(missing.names.map { "'\($0)'" }.joined(separator: ", ")) (mapping \(mapping.name))"
            )
        }
        report.absentColumns = mapper.absentColumns
        let issuer: TicketIssuer
        do {
            let latest = try await store.latestTicket(issuedBy: options.ticketNode)
            issuer = try TicketIssuer(node: options.ticketNode, after: latest)
        } catch let error as StorageError {
            throw fail(.storeFailed, "the store could not give the ticket node's last number: \(error.message)", error)
        } catch {
            throw fail(.ticketsUnavailable, "\(error)")
        }
        var batch = ImportBatch(mapper: mapper, issuer: issuer, importer: self)
        report.resumeLine = resumeLine
        while true {
            let hasRecord: Bool
            do {
                hasRecord = try reader.next()
            } catch {
                // What was read before the unreadable part is stored, so a resume starts after it.
                do {
                    try await batch.flush(into: &report)
                } catch let failure {
                    throw fail(failure.code, failure.reason, failure.storageError)
                }
                report.resumeLine = error.line
                throw fail(.unreadableInput, error.message)
            }
            guard hasRecord else { break }
            if reader.line < resumeLine {
                report.skipped += 1
                continue
            }
            batch.take(reader, into: &report)
            if batch.rows.count >= options.batchSize {
                do {
                    try await batch.flush(into: &report)
                } catch {
                    throw fail(error.code, error.reason, error.storageError)
                }
            }
        }
        do {
            try await batch.flush(into: &report)
        } catch {
            throw fail(error.code, error.reason, error.storageError)
        }
        report.resumeLine = nil
        report.rowsRead = report.imported + report.refused
        report.problems.sort { $0.line < $1.line }
        return report
    }
}
