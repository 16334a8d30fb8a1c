import Civic311
import Foundation

/// The filters of `GET /requests`.
public struct GeoReportRequestFilter: Hashable, Sendable {
    /// `service_request_id`: when given, the server ignores every other filter.
    public var ids: [GeoReportRequestID]
    /// `service_code`; empty for every service.
    public var serviceCodes: [ServiceTypeCode]
    /// `start_date`: requested at or after.
    public var start: Date?
    /// `end_date`: requested at or before (at most 90 days after `start`).
    public var end: Date?
    /// `status`; empty for every status.
    public var statuses: [GeoReportServiceRequest.Status]
    /// Parameters of a server's own extensions, sent as given (`extensions=true`,
    /// `updated_after=…`, `bbox=…`).
    public var extensionParameters: [GeoReportHTTPField]

    public init(
        ids: [GeoReportRequestID] = [],
        serviceCodes: [ServiceTypeCode] = [],
        start: Date? = nil,
        end: Date? = nil,
        statuses: [GeoReportServiceRequest.Status] = [],
        extensionParameters: [GeoReportHTTPField] = []
    ) {
        self.ids = ids
        self.serviceCodes = serviceCodes
        self.start = start
        self.end = end
        self.statuses = statuses
        self.extensionParameters = extensionParameters
    }

    /// The query items, dates in strict W3C form.
    var queryItems: [GeoReportHTTPField] {
        var items: [GeoReportHTTPField] = []
        if !ids.isEmpty {
            items.append(.init(name: "service_request_id", value: ids.map(\.rawValue).joined(separator: ",")))
        }
        if !serviceCodes.isEmpty {
            items.append(.init(name: "service_code", value: serviceCodes.map(\.rawValue).joined(separator: ",")))
        }
        if let start { items.append(.init(name: "start_date", value: GeoReportDateTime.format(start))) }
        if let end { items.append(.init(name: "end_date", value: GeoReportDateTime.format(end))) }
        if !statuses.isEmpty {
            items.append(.init(name: "status", value: statuses.map(\.rawValue).joined(separator: ",")))
        }
        return items + extensionParameters
    }
}
