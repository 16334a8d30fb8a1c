/// The columns of an open-data export, in the order every format writes them. The order and the
/// names are stable: a new column is only ever added at the end.
///
/// They follow the NYC 311 open dataset where it has the same field (its names in brackets).
public enum OpenDataColumn: String, Hashable, Sendable, CaseIterable {
    /// The ticket number (Unique Key). Ticket numbers are not secrets: they follow the clock.
    case ticket
    /// When the request was created, ISO 8601 in UTC with milliseconds (Created Date).
    case created
    /// When it was closed, if it is (Closed Date).
    case closed
    /// The responsible department's identifier (Agency).
    case department
    /// The responsible department's name (Agency Name).
    case departmentName = "department_name"
    /// The service type's code.
    case serviceType = "service_type"
    /// The service type's name (Complaint Type).
    case serviceTypeName = "service_type_name"
    /// The labels of the answers chosen from the service type's lists, in question order,
    /// separated by `; ` (Descriptor). Free-text, number and date answers are never published.
    case descriptor
    /// The resident's description, scrubbed.
    case description
    /// The state in words for residents (Status).
    case status
    /// The latest public note, scrubbed: what was done, or what is needed from the resident
    /// (Resolution Description).
    case resolution
    /// When that note was written (Resolution Action Updated Date).
    case resolutionUpdated = "resolution_updated"
    /// How precisely the location is published: the service type's ``LocationPublishing``.
    case locationPrecision = "location_precision"
    /// The address as published for that precision, scrubbed (Incident Address).
    case address
    /// The latitude, rounded for that precision (Latitude).
    case latitude
    /// The longitude, rounded for that precision (Longitude).
    case longitude
    /// The district the coordinate lies in, from the export's district map (Council District).
    case district
    /// The intake channel (Open Data Channel Type).
    case channel
    /// When the request is due by the service level in force (Due Date).
    case due
    /// Whether the service level was met: `true` when it was resolved (or closed as completed) by
    /// its effective due date (waits on the resident added), `false` when it was finished later or
    /// is still open past it at the export's `asOf` instant, empty when it is open and not yet due
    /// or was closed for another reason (cancelled, duplicate, referred, without action), as
    /// ``ComplianceReport`` counts them.
    case onTime = "on_time"
}
