import Foundation

extension OpenDataExport {
    /// Writes every request created in `period` to `sink`, or the rest of them after `position`.
    ///
    /// - Parameters:
    ///   - period: requests created at or after its lower bound and before its upper bound.
    ///   - sink: where the bytes go.
    ///   - position: a position this export reported earlier (same period and format), to go on
    ///     from; `nil` starts a new export at the clock's current instant.
    ///   - progress: called after each chunk the sink accepted, with the position to save; it may
    ///     throw to stop the export there.
    /// - Returns: the final position, ``Position/isComplete``.
    /// - Throws: ``OpenDataExportError`` (``OpenDataExportError/Code/invalidArgument`` for an
    ///   empty or non-finite period, ``OpenDataExportError/Code/positionMismatch`` for another
    ///   export's position) before anything is written; later, what the store, the sink or
    ///   `progress` throws, with the last reported position still valid.
    @discardableResult
    public func write(
        period: Range<Date>,
        to sink: some OpenDataSink,
        resumingFrom position: Position? = nil,
        progress: (@Sendable (Position) async throws -> Void)? = nil
    ) async throws -> Position {
        guard period.lowerBound.timeIntervalSince1970.isFinite, period.upperBound.timeIntervalSince1970.isFinite,
            !period.isEmpty
        else {
            throw OpenDataExportError(
                .invalidArgument,
                field: "period",
                reason: "must be a finite, non-empty range of instants, got \(period)"
            )
        }
        try position?.check(period: period, format: format)
        if let position, position.isComplete { return position }
        var state =
            position
            ?? Position(
                period: period,
                format: format,
                asOf: clock.now(),
                lastTicket: nil,
                rows: 0,
                withheld: 0,
                bytes: 0,
                isComplete: false
            )
        let settings = RowSettings(self)
        var text = OpenDataText(capacity: chunkBytes + chunkBytes / 4 + 4_096)
        // What the buffer covers beyond the saved position.
        var rows = state.rows
        var withheld = state.withheld
        var lastTicket = state.lastTicket
        if !state.hasStarted { writeOpening(&text) }

        func flush(complete: Bool) async throws {
            let bytes = state.bytes + text.count
            if text.count > 0 { try await sink.write(text.take()) }
            state = Position(
                period: period,
                format: format,
                asOf: state.asOf,
                lastTicket: lastTicket,
                rows: rows,
                withheld: withheld,
                bytes: bytes,
                isComplete: complete
            )
            try await progress?(state)
        }

        let query = RequestQuery(createdFrom: period.lowerBound, createdBefore: period.upperBound)
        var cursor = lastTicket.map { PageCursor(order: .ticketAscending, ticket: $0) }
        repeat {
            let page = try await store.requests(matching: query, page: try PageRequest(limit: pageSize, after: cursor))
            for request in page.items {
                lastTicket = request.ticket
                guard let row = OpenDataRow(request, settings: settings, asOf: state.asOf) else {
                    withheld += 1
                    continue
                }
                write(row, after: rows, into: &text)
                rows += 1
                if text.count >= chunkBytes { try await flush(complete: false) }
            }
            cursor = page.next
        } while cursor != nil
        writeClosing(rows: rows, into: &text)
        try await flush(complete: true)
        return state
    }

    /// ``write(period:to:resumingFrom:progress:)`` for a `DateInterval`, as ``ComplianceReport``
    /// takes its period: its start included, its end excluded.
    @discardableResult
    public func write(
        period: DateInterval,
        to sink: some OpenDataSink,
        resumingFrom position: Position? = nil,
        progress: (@Sendable (Position) async throws -> Void)? = nil
    ) async throws -> Position {
        try await write(period: period.start..<period.end, to: sink, resumingFrom: position, progress: progress)
    }

    // MARK: Formats

    private func writeOpening(_ text: inout OpenDataText) {
        switch format {
        case .csv:
            for (index, column) in OpenDataColumn.allCases.enumerated() {
                if index > 0 { text.append(",") }
                text.appendCSVField(column.rawValue)
            }
            text.append("\r\n")
        case .jsonArray:
            text.append("[")
        case .jsonLines:
            break
        }
    }

    private func writeClosing(rows: Int, into text: inout OpenDataText) {
        if format == .jsonArray { text.append(rows == 0 ? "]\n" : "\n]\n") }
    }

    private func write(_ row: OpenDataRow, after rows: Int, into text: inout OpenDataText) {
        switch format {
        case .csv:
            row.writeCSV(into: &text)
        case .jsonLines:
            row.writeJSON(into: &text)
            text.append("\n")
        case .jsonArray:
            text.append(rows == 0 ? "\n" : ",\n")
            row.writeJSON(into: &text)
        }
    }
}
