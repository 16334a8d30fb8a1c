import Foundation

extension OpenDataExport {
    /// How far an export got: the resume token. Reported after every chunk the sink accepted and
    /// returned when the export ends; `Codable`, so it can be saved beside the file.
    public struct Position: Hashable, Sendable, Codable {
        /// The period exported: requests created from its lower bound, before its upper bound.
        public let period: Range<Date>
        public let format: OpenDataFormat
        /// The instant the `on_time` column is judged at, fixed when the export starts so a
        /// resumed export judges its rows as the first part did.
        public let asOf: Date
        /// The last request the written bytes cover (a published row or a withheld request);
        /// `nil` before the first. The export goes on after it.
        public let lastTicket: TicketNumber?
        /// Rows written (the CSV header not counted).
        public let rows: Int
        /// Requests of the period left out: private service types, or types no longer in the
        /// catalog.
        public let withheld: Int
        /// Bytes the sink accepted.
        public let bytes: Int
        /// Whether the export is whole: every request of the period written, the format closed.
        public let isComplete: Bool

        init(
            period: Range<Date>,
            format: OpenDataFormat,
            asOf: Date,
            lastTicket: TicketNumber?,
            rows: Int,
            withheld: Int,
            bytes: Int,
            isComplete: Bool
        ) {
            self.period = period
            self.format = format
            self.asOf = asOf
            self.lastTicket = lastTicket
            self.rows = rows
            self.withheld = withheld
            self.bytes = bytes
            self.isComplete = isComplete
        }

        /// Whether the opening (the CSV header, the array's bracket) was written: the first chunk
        /// holds it, so any byte written means it was.
        var hasStarted: Bool { bytes > 0 }

        /// Refuses a position that another export reported, or one no export could have.
        func check(period: Range<Date>, format: OpenDataFormat) throws(OpenDataExportError) {
            guard self.period == period else {
                throw OpenDataExportError(
                    .positionMismatch,
                    field: "position.period",
                    reason: "the position is of the period \(self.period), not \(period)"
                )
            }
            guard self.format == format else {
                throw OpenDataExportError(
                    .positionMismatch,
                    field: "position.format",
                    reason: "the position is of a \(self.format.rawValue) export, not \(format.rawValue)"
                )
            }
            guard rows >= 0, withheld >= 0, bytes >= 0, asOf.timeIntervalSince1970.isFinite, rows == 0 || bytes > 0
            else {
                throw OpenDataExportError(
                    .positionMismatch,
                    field: "position",
                    reason: "counts no export could have reported (rows \(rows), bytes \(bytes))"
                )
            }
        }
    }
}
