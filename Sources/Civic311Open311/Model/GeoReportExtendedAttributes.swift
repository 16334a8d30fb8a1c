import Foundation

/// The `extended_attributes` of a request, which servers add when a client asks with
/// `extensions=true` (Chicago, Boston and San Francisco do; so does Civic311's server).
///
/// Civic311 puts the request's lifecycle state and its public notes here, the detail GeoReport's
/// two statuses cannot carry. Whatever else a server sends is kept in ``extras``.
public struct GeoReportExtendedAttributes: Hashable, Sendable {
    /// One entry of a request's history, as `notes[]` carries it.
    public struct Note: Hashable, Sendable {
        /// `datetime`.
        public var writtenAt: Date
        /// `description`.
        public var text: String
        /// `type`, for example `public_note`.
        public var type: String?
        public var extras: [GeoReportField]

        public init(writtenAt: Date, text: String, type: String? = nil, extras: [GeoReportField] = []) {
            self.writtenAt = writtenAt
            self.text = text
            self.type = type
            self.extras = extras
        }
    }

    /// `detailed_status`: the state behind `open` or `closed` (`in_progress`, `on_hold`, …).
    public var detailedStatus: String?
    /// `notes`, oldest first.
    public var notes: [Note]
    /// Fields this module has no property for (`channel`, `ward`, `photos`, …).
    public var extras: [GeoReportField]

    public init(detailedStatus: String? = nil, notes: [Note] = [], extras: [GeoReportField] = []) {
        self.detailedStatus = detailedStatus
        self.notes = notes
        self.extras = extras
    }
}
