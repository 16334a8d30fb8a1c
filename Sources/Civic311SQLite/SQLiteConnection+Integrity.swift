import Civic311

/// The problems a full check of a store found.
struct IntegrityReport: Sendable {
    /// Problems described, in the order found; at most ``describedLimit``.
    private(set) var problems: [String] = []
    /// Every problem found, described or not.
    private(set) var count = 0
    /// The ticket of the first problem that concerns one.
    private(set) var firstTicket: TicketNumber?

    static let describedLimit = 20

    mutating func add(_ problem: String, ticket: TicketNumber? = nil) {
        count += 1
        if firstTicket == nil { firstTicket = ticket }
        guard problems.count < Self.describedLimit else { return }
        problems.append(ticket.map { "ticket \($0): \(problem)" } ?? problem)
    }

    mutating func add(_ error: StorageError) {
        add(error.reason, ticket: error.ticket)
    }

    var summary: String {
        let more = count > problems.count ? "; and \(count - problems.count) more" : ""
        return "\(count) problem\(count == 1 ? "" : "s"): " + problems.joined(separator: "; ") + more
    }
}

// The full check behind `SQLiteRequestStore.checkIntegrity()`: SQLite's own check, then every
// row as the store reads it, then what ties the tables together.
extension SQLiteConnection {
    func integrityReport() throws(StorageError) -> IntegrityReport {
        try readTransaction { () throws(StorageError) -> IntegrityReport in
            var report = IntegrityReport()
            try run("PRAGMA integrity_check") { statement throws(StorageError) in
                while try statement.step() {
                    let line = statement.text(0)
                    if line != "ok" { report.add("SQLite: \(line)") }
                }
            }
            // A damaged page can end a walk over a table early; what was found so far stands.
            do throws(StorageError) {
                try checkContacts(into: &report)
            } catch {
                report.add(error)
            }
            do throws(StorageError) {
                try checkRequests(into: &report)
            } catch {
                report.add(error)
            }
            do throws(StorageError) {
                try checkOrphanEvents(into: &report)
            } catch {
                report.add(error)
            }
            do throws(StorageError) {
                try checkFeed(into: &report)
            } catch {
                report.add(error)
            }
            return report
        }
    }

    /// Every contact against its checksum; every opening contact against its request's row.
    private func checkContacts(into report: inout IntegrityReport) throws(StorageError) {
        try run("SELECT \(SQL.contactColumns) FROM contact ORDER BY ticket") { statement throws(StorageError) in
            while try statement.step() {
                do throws(StorageError) {
                    let contact = try contact(in: statement, at: 0)
                    if contact.opensRequest, try !exists(SQL.selectRequestExists, contact.ticket) {
                        report.add("the contact opened a request that is not stored", ticket: contact.ticket)
                    }
                } catch  where error.code == .corrupted || error.code == .incompatibleSchema {
                    report.add(error)
                }
            }
        }
    }

    /// Every request as the store reads it (checksums, version against its last event), its
    /// events 1…version each against its checksum, their fold against the snapshot, and its
    /// opening contact, the scope its client request ID is kept under, and its external
    /// references in the index.
    private func checkRequests(into report: inout IntegrityReport) throws(StorageError) {
        try run("SELECT \(SQL.requestColumns), client_scope FROM request ORDER BY ticket") {
            statement throws(StorageError) in
            while try statement.step() {
                do throws(StorageError) {
                    let request = try request(in: statement, at: 0)
                    let events = try events(for: request.ticket, version: request.version)
                    do throws(LifecycleError) {
                        guard try ServiceRequest.replaying(events) == request else {
                            report.add("the snapshot is not the fold of its events", ticket: request.ticket)
                            continue
                        }
                    } catch {
                        report.add("the events do not fold: \(error.message)", ticket: request.ticket)
                        continue
                    }
                    // The scope is not under the row's checksum; the opening's actor decides it.
                    let scope = events.first.flatMap(ClientRequestKey.init(opening:))?.scope.storedKey
                    if statement.optionalText(11) != scope {
                        report.add(
                            "the client request ID is not kept under the scope of the submitter who opened the request",
                            ticket: request.ticket
                        )
                    }
                    try checkIndexed(request, into: &report)
                    let contact = try run(SQL.selectContact) { contactRow throws(StorageError) -> Contact? in
                        contactRow.bind(Int64(request.ticket.payload), at: 1)
                        return try contactRow.step() ? try self.contact(in: contactRow, at: 0) : nil
                    }
                    if contact != request.openingContact {
                        report.add(
                            contact == nil
                                ? "the opening contact is missing" : "the opening contact does not match the request",
                            ticket: request.ticket
                        )
                    }
                } catch  where error.code == .corrupted || error.code == .incompatibleSchema {
                    report.add(error)
                }
            }
        }
    }

    /// Events whose request row is not stored.
    private func checkOrphanEvents(into report: inout IntegrityReport) throws(StorageError) {
        try run(
            "SELECT DISTINCT ticket FROM event WHERE ticket NOT IN (SELECT ticket FROM request) ORDER BY ticket"
        ) { statement throws(StorageError) in
            while try statement.step() {
                report.add("events are stored without their request row", ticket: try ticket(statement.int64(0)))
            }
        }
    }
}
